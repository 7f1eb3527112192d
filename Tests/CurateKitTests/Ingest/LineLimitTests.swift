import Foundation
import Testing
@testable import CurateKit

/// The line reader's limit on line length, and a byte order mark at the start of an input.
@Suite("Line length limit and byte order marks")
struct LineLimitTests {
    /// Every batch of `path` read with a small chunk and limit: its lines as text (nil for an
    /// overlong one, with its length), and the largest batch's byte count.
    static func read(_ path: String, chunkSize: Int = 64, limit: Int) throws -> (lines: [(String?, Int, Int?)], largestBatch: Int) {
        let reader = try LineReader(path: path, chunkSize: chunkSize, maximumLineBytes: limit)
        var lines: [(String?, Int, Int?)] = []
        var largest = 0
        while let batch = try reader.nextBatch(path: path) {
            largest = max(largest, batch.bytes.count)
            let long = Dictionary(uniqueKeysWithValues: batch.overlong.map { ($0.position, $0.length) })
            for (position, line) in batch.lines.enumerated() {
                let text = long[position] == nil ? String(decoding: batch.bytes[line.range], as: UTF8.self) : nil
                lines.append((text, line.number, long[position]))
            }
        }
        return (lines, largest)
    }

    @Test("a line longer than the limit is reported by number and length, and the reader goes on", arguments: [16, 64, 1 << 20])
    func overlongLine(chunkSize: Int) throws {
        let folder = try TemporaryDirectory()
        let long = String(repeating: "x", count: 10_000)
        let path = try folder.write("in.jsonl", "first\n\(long)\nthird\n" + String(repeating: "y", count: 101) + "\n\(long)")
        let (lines, _) = try Self.read(path, chunkSize: chunkSize, limit: 100)
        #expect(lines.map(\.0) == ["first", nil, "third", nil, nil])
        #expect(lines.map(\.1) == [1, 2, 3, 4, 5])
        #expect(lines.map(\.2) == [nil, 10_000, nil, 101, 10_000])
    }

    @Test("a line exactly at the limit is read whole")
    func lineAtLimit() throws {
        let folder = try TemporaryDirectory()
        let path = try folder.write("in.jsonl", String(repeating: "z", count: 100) + "\nnext")
        let (lines, _) = try Self.read(path, chunkSize: 7, limit: 100)
        #expect(lines.map(\.0) == [String(repeating: "z", count: 100), "next"])
    }

    @Test("an overlong line is skipped, not held: no batch is much larger than the limit and a chunk")
    func memoryStaysFlat() throws {
        let folder = try TemporaryDirectory()
        let path = try folder.write("in.jsonl", "a\n" + String(repeating: "0", count: 4 << 20) + "\nb\n")
        let (lines, largest) = try Self.read(path, chunkSize: 4096, limit: 8192)
        #expect(lines.map(\.0) == ["a", nil, "b"])
        #expect(lines[1].2 == 4 << 20)
        #expect(largest <= 2 * (8192 + 4096))
    }

    @Test("a byte order mark at the start of an input is skipped; the line numbers are unchanged", arguments: [1, 3, 64])
    func byteOrderMark(chunkSize: Int) throws {
        let folder = try TemporaryDirectory()
        let path = try folder.write("in.jsonl", "\u{FEFF}one\ntwo\n\u{FEFF}three\n")
        let (lines, _) = try Self.read(path, chunkSize: chunkSize, limit: 100)
        #expect(lines.map(\.0) == ["one", "two", "\u{FEFF}three"])
        #expect(lines.map(\.1) == [1, 2, 3])
    }
}
