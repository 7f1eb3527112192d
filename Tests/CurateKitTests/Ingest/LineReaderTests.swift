import Testing
@testable import CurateKit

@Suite("Reading lines in chunks")
struct LineReaderTests {
    /// Lines of every length from 0 to 40, some blank, some ending in CR LF, the last without a newline.
    static let text: String = (0..<120).map { index -> String in
        let body = index % 11 == 0 ? String(repeating: " ", count: index % 3) : String(repeating: Character(UnicodeScalar(97 + index % 26)!), count: index % 41)
        return body + (index % 7 == 0 ? "\r\n" : "\n")
    }.joined() + "last line, no newline"

    /// The non-blank lines of `text` with their 1-based numbers, split the obvious way (on
    /// bytes: a Swift `String` holds CR LF as one character).
    static var expected: [(String, Int)] {
        Array(text.utf8).split(separator: 0x0A, omittingEmptySubsequences: false).enumerated().compactMap { index, line in
            let trimmed = line.last == 0x0D ? line.dropLast() : line
            if trimmed.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return nil }
            return (String(decoding: trimmed, as: UTF8.self), index + 1)
        }
    }

    @Test("every line comes whole and numbered, whatever the chunk size", arguments: [1, 2, 7, 40, 64, 1000, 1 << 20])
    func wholeLines(chunkSize: Int) throws {
        let folder = try TemporaryDirectory()
        let file = try folder.write("lines.jsonl", Self.text)
        let reader = try LineReader(path: file, chunkSize: chunkSize)
        var lines: [(String, Int)] = []
        var bytes = 0
        while let batch = try reader.nextBatch(path: file) {
            lines += batch.lines.map { (String(decoding: batch.bytes[$0.range], as: UTF8.self), $0.number) }
            bytes += batch.bytes.count
        }
        #expect(lines.map(\.0) == Self.expected.map(\.0))
        #expect(lines.map(\.1) == Self.expected.map(\.1))
        #expect(bytes == Self.text.utf8.count)
        #expect(reader.bytesRead == Self.text.utf8.count)
        #expect(try reader.nextBatch(path: file) == nil)
    }
}
