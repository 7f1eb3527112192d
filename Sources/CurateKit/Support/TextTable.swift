/// A plain text table for people: columns two spaces apart, numeric columns
/// right-aligned, every line indented alike, no trailing spaces.
///
/// Every cell is shown through ``TerminalText/escaped(_:)``, so no value a table shows
/// can put a control or bidi character on the terminal, and columns are measured in
/// terminal columns (``TerminalText/width(_:)``), so wide characters stay aligned.
public struct TextTable: Sendable {
    private let header: [String]
    private let showsHeader: Bool
    private let rightAligned: Set<Int>
    private var rows: [[String]] = []

    /// - Parameters:
    ///   - header: the column titles; with `showsHeader` false they only set the column count.
    ///   - rightAligned: the indexes of numeric columns.
    public init(header: [String], showsHeader: Bool = true, rightAligned: Set<Int> = []) {
        self.header = header.map(TerminalText.escaped)
        self.showsHeader = showsHeader
        self.rightAligned = rightAligned
    }

    /// Adds a row with one cell per column.
    public mutating func append(_ row: [String]) {
        rows.append(row.map(TerminalText.escaped))
    }

    /// The table, each line starting with `indent` and ending with a newline.
    public func render(indent: String = "") -> String {
        let all = (showsHeader ? [header] : []) + rows
        let widths = header.indices.map { column in all.map { TerminalText.width($0[column]) }.max() ?? 0 }
        return all.map { row in
            var line = indent + row.indices.map { column in
                let padding = String(repeating: " ", count: widths[column] - TerminalText.width(row[column]))
                return rightAligned.contains(column) ? padding + row[column] : row[column] + padding
            }.joined(separator: "  ")
            while line.last == " " { line.removeLast() }
            return line + "\n"
        }.joined()
    }
}
