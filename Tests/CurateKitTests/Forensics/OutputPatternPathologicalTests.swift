import Testing
@testable import CurateKit

@Suite("Output patterns that make backtracking engines hang")
struct OutputPatternPathologicalTests {
    /// A pattern and a 1,000,000-byte subject: `piece` repeated, then `tail`.
    struct Case: Sendable, CustomTestStringConvertible {
        static let length = 1_000_000
        var pattern: String
        var piece: String
        var tail: String
        var expected: Bool

        var subject: String {
            let body = String(repeating: piece, count: (Self.length - tail.utf8.count) / piece.utf8.count + 1)
            return String(decoding: body.utf8.prefix(Self.length - tail.utf8.count), as: UTF8.self) + tail
        }

        var testDescription: String { "\(pattern) on \"\(piece)\"… + \"\(tail)\" (\(expected ? "match" : "no match"))" }
    }

    static let cases: [Case] = [
        Case(pattern: "(a+)+b", piece: "a", tail: "", expected: false),
        Case(pattern: "(a+)+b", piece: "a", tail: "b", expected: true),
        Case(pattern: "(a|aa)*b", piece: "a", tail: "", expected: false),
        Case(pattern: "(a|aa)*c", piece: "a", tail: "c", expected: true),
        Case(pattern: "(a*)*b", piece: "a", tail: "", expected: false),
        Case(pattern: "(.*a){20}", piece: "x", tail: String(repeating: "a", count: 19), expected: false),
        Case(pattern: "(.*a){20}", piece: "x", tail: String(repeating: "a", count: 20), expected: true),
        Case(pattern: "(x+x+)+y", piece: "x", tail: "", expected: false),
        Case(pattern: "(x+x+)+y", piece: "x", tail: "y", expected: true),
        Case(pattern: "^(\\w+\\s?)*$", piece: "word ", tail: "!", expected: false),
    ]

    @Test("each finishes within a few steps per instruction and byte", arguments: cases)
    func finishes(_ example: Case) throws {
        var text = example.subject
        #expect(text.utf8.count == Case.length)
        let compiled = try OutputPattern(example.pattern)
        var steps = 0
        let matched = text.withUTF8 { compiled.program.search(UnsafeRawBufferPointer($0), steps: &steps) }
        #expect(matched == example.expected)
        let size = compiled.program.instructions.count
        #expect(steps <= 2 * size * (Case.length + 1), "\(steps) steps for a program of \(size) instructions")
    }
}
