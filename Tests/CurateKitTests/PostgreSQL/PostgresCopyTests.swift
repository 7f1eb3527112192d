import Foundation
import Testing
@testable import CurateKit

@Suite("COPY in and out of PostgreSQL")
struct PostgresCopyTests {
    /// Texts that the COPY text format must escape, or that look like its escapes.
    static let hostile: [String] = [
        "", "plain", "tab\there", "new\nline", "carriage\rreturn", "crlf\r\n", "back\\slash", "\\", "\\N", "\\.", "\\.\n",
        "ends with backslash\\", "\\t is not a tab", "\t\n\r\\ all", "naïve 🎉 日本語 \u{7F}\u{1}\u{1F}\u{0B}\u{0C}\u{08}",
        "\"quoted\" 'single', comma", String(repeating: "long \\ text\twith\nescapes ", count: 150_000),
    ]

    @Test("hostile texts go in with COPY and come back the same, through COPY and through a query", TestDatabase.required)
    func roundTrip() throws {
        let database = try TestDatabase()
        let connection = try database.connect()
        try connection.execute("CREATE TABLE texts (n integer PRIMARY KEY, value text)")
        let values: [String?] = Self.hostile + [nil]
        let copied = try connection.copyIn("COPY texts (n, value) FROM STDIN") { writer in
            for (n, value) in values.enumerated() {
                writer.integer(Int64(n))
                try writer.text(value, field: "value \(n)")
                try writer.endRow()
            }
        }
        #expect(copied == values.count)
        var streamed: [String?] = []
        try connection.copyOut("COPY (SELECT value FROM texts ORDER BY n) TO STDOUT") { streamed.append($0[0]) }
        #expect(streamed == values)
        #expect(try connection.query("SELECT value FROM texts ORDER BY n").map { $0[0] } == values)
        #expect(try connection.query("SELECT n FROM texts WHERE value = $1", [Self.hostile[3]]) == [["3"]])
    }

    @Test("a text holding U+0000 is refused by name, nothing of the COPY is stored, and the connection goes on", TestDatabase.required)
    func nulRefused() throws {
        let database = try TestDatabase()
        let connection = try database.connect()
        try connection.execute("CREATE TABLE texts (value text)")
        #expect(throws: PostgresError.nulCharacter(store: database.url, field: "row 2")) {
            try connection.copyIn("COPY texts FROM STDIN") { writer in
                for (n, value) in ["fine", "a\u{0}b"].enumerated() {
                    try writer.text(value, field: "row \(n + 1)")
                    try writer.endRow()
                }
            }
        }
        #expect(throws: PostgresError.nulCharacter(store: database.url, field: "value $1 of a statement")) {
            try connection.execute("INSERT INTO texts VALUES ($1)", ["a\u{0}b"])
        }
        #expect(try connection.query("SELECT count(*) FROM texts") == [["0"]])
    }

    @Test("a COPY stopped by the row handler leaves the connection usable", TestDatabase.required)
    func stoppedCopyOut() throws {
        struct Enough: Error {}
        let database = try TestDatabase()
        let connection = try database.connect()
        var seen = 0
        #expect(throws: Enough.self) {
            try connection.copyOut("COPY (SELECT n FROM generate_series(1, 100000) AS n) TO STDOUT") { _ in
                seen += 1
                if seen == 3 { throw Enough() }
            }
        }
        #expect(seen == 3)
        #expect(try connection.query("SELECT 1 + 1") == [["2"]])
    }

    @Test("COPY TO STDOUT binds its values: a quote in one is data, not SQL", TestDatabase.required)
    func boundValues() throws {
        let database = try TestDatabase()
        let connection = try database.connect()
        var rows: [[String?]] = []
        try connection.copyOut("COPY (SELECT current_setting('curate.arg1'), current_setting('curate.arg2')) TO STDOUT", ["it's", "x'); DROP TABLE y; --"]) {
            rows.append($0)
        }
        #expect(rows == [["it's", "x'); DROP TABLE y; --"]])
    }

    @Test("COPY text rows are read back with every escape PostgreSQL may write")
    func decodesEscapes() {
        let line = Array("a\\tb\t\\N\t\\\\N\t\\101\\x42\\b\\f\\v\t\t\\r\\n\n".utf8)
        let fields = line.withUnsafeBytes { PostgresCopyText.fields(of: $0) }
        #expect(fields == ["a\tb", nil, "\\N", "AB\u{08}\u{0C}\u{0B}", "", "\r\n"])
    }
}
