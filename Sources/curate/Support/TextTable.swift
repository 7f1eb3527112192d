/// A plain text table with aligned columns: text left-aligned, numbers right-aligned.
struct TextTable {
    private let header: [String]
    private var rows: [[String]] = []
    private let rightAligned: Set<Int>

    /// - Parameters:
    ///   - header: column titles.
    ///   - rightAligned: indexes of numeric columns.
    init(header: [String], rightAligned: Set<Int> = []) {
        self.header = header
        self.rightAligned = rightAligned
    }

    mutating func append(_ row: [String]) {
        rows.append(row)
    }

    /// The table, one line per row, columns separated by two spaces, no trailing spaces.
    func render() -> String {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        return all.map { row in
            row.indices.map { column in
                let padding = String(repeating: " ", count: widths[column] - row[column].count)
                return rightAligned.contains(column) ? padding + row[column] : row[column] + padding
            }
            .joined(separator: "  ")
            .replacing(/\s+$/, with: "")
        }
        .joined(separator: "\n") + "\n"
    }
}
