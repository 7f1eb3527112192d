/// A plain text table for people: columns two spaces apart, numeric columns
/// right-aligned, every line indented alike, no trailing spaces.
///
/// Every cell is shown through ``TerminalText/escaped(_:)``, so no value a table shows
/// can put a control or bidi character on the terminal, and columns are measured in
/// terminal columns (``TerminalText/width(_:)``), so wide characters stay aligned. Given
/// a width, the table fits it by narrowing its flexible columns (producers, targets,
/// reasons, statuses; never a prompt's short form), widest first, cutting their cells
/// with `…`: prose at its end, an identifier such as a model id in its middle, so both
/// its start and its end stay readable.
public struct TextTable: Sendable {
    /// Where a cell of a narrowed column is cut.
    public enum Cut: Sendable {
        /// At the end: prose, whose start says the most.
        case end
        /// In the middle: an identifier, whose start and end both tell it apart.
        case middle
    }

    private let header: [String]
    private let showsHeader: Bool
    private let rightAligned: Set<Int>
    private let flexible: [Int: Cut]
    private var rows: [[String]] = []

    /// The narrowest a flexible column becomes (or its natural width, when narrower).
    public static let minimumFlexibleWidth = 12

    /// - Parameters:
    ///   - header: the column titles; with `showsHeader` false they only set the column count.
    ///   - rightAligned: the indexes of numeric columns.
    ///   - flexible: the columns that may be narrowed to fit a width, by index, with where their cells are cut.
    public init(header: [String], showsHeader: Bool = true, rightAligned: Set<Int> = [], flexible: [Int: Cut] = [:]) {
        self.header = header.map(TerminalText.escaped)
        self.showsHeader = showsHeader
        self.rightAligned = rightAligned
        self.flexible = flexible
    }

    /// Adds a row with one cell per column.
    public mutating func append(_ row: [String]) {
        rows.append(row.map(TerminalText.escaped))
    }

    /// The width of the table's longest line, before any narrowing.
    public var naturalWidth: Int {
        let all = (showsHeader ? [header] : []) + rows
        let widths = header.indices.map { column in all.map { TerminalText.width($0[column]) }.max() ?? 0 }
        return widths.reduce(0, +) + 2 * max(0, widths.count - 1)
    }

    /// The table, each line starting with `indent` and ending with a newline.
    /// - Parameter width: the terminal columns to fit in, if any; the table is narrowed
    ///   only as far as its flexible columns allow.
    public func render(indent: String = "", width: Int? = nil) -> String {
        let all = (showsHeader ? [header] : []) + rows
        var widths = header.indices.map { column in all.map { TerminalText.width($0[column]) }.max() ?? 0 }
        if let width { narrow(&widths, toFit: width - TerminalText.width(indent)) }
        return all.map { row in
            var line = indent + row.indices.map { column in
                let cell = Self.clip(row[column], to: widths[column], at: flexible[column] ?? .end)
                let padding = String(repeating: " ", count: max(0, widths[column] - TerminalText.width(cell)))
                return rightAligned.contains(column) ? padding + cell : cell + padding
            }.joined(separator: "  ")
            while line.last == " " { line.removeLast() }
            return line + "\n"
        }.joined()
    }

    /// Takes columns off the widest flexible column, one at a time, until the table fits
    /// `width` or every flexible column is at its minimum.
    private func narrow(_ widths: inout [Int], toFit width: Int) {
        var overflow = widths.reduce(0, +) + 2 * max(0, widths.count - 1) - width
        while overflow > 0 {
            let candidates = flexible.keys.filter { $0 < widths.count && widths[$0] > Self.minimumFlexibleWidth }
            guard let widest = candidates.max(by: { (widths[$0], $1) < (widths[$1], $0) }) else { return }
            widths[widest] -= 1
            overflow -= 1
        }
    }

    /// `cell` cut to `width` terminal columns, a `…` where characters were taken out.
    static func clip(_ cell: String, to width: Int, at cut: Cut) -> String {
        guard TerminalText.width(cell) > width else { return cell }
        let characters = Array(cell)
        var head = 0
        var tail = characters.count
        var used = 1
        // Keep characters from the start (and, cutting in the middle, from both ends in
        // turn) while they fit.
        while head < tail {
            let takeHead = cut == .end || characters.count - tail >= head
            let next = TerminalText.width(String(characters[takeHead ? head : tail - 1]))
            if used + next > width { break }
            used += next
            if takeHead { head += 1 } else { tail -= 1 }
        }
        return String(characters[..<head]) + "…" + String(characters[tail...])
    }
}
