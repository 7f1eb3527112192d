import Foundation
import Testing
@testable import CurateKit

/// Random small patterns and subjects, matched here and by Python's `re.search`, which
/// must agree. The generated syntax is the part both read alike: no POSIX classes (Python
/// reads `[[:alpha:]]` as a set of characters), no newline (Python's `$` also matches before
/// a final one) and no empty subject (Python before 3.14 never matches `\B` in one).
@Suite("Output patterns against Python's re")
struct OutputPatternDifferentialTests {
    /// Whether `python3` runs here.
    static let pythonAvailable = (try? runPython(["-c", "import re"])) == 0

    /// Matches each pattern against its subjects; writes one line per pattern: a 0 or 1 per
    /// subject, or Python's error.
    static let script = """
        import json, re, sys
        lines = []
        for pattern, subjects in json.load(open(sys.argv[1], encoding="utf-8")):
            try:
                compiled = re.compile(pattern)
            except re.error as error:
                lines.append("error: " + str(error))
                continue
            lines.append("".join("1" if compiled.search(subject) else "0" for subject in subjects))
        open(sys.argv[2], "w", encoding="utf-8").write("\\n".join(lines) + "\\n")
        """

    @Test("3,000 random patterns match the random subjects where Python's re.search does",
          .enabled(if: pythonAvailable, "python3 is not installed"))
    func agreesWithPython() throws {
        var generator = RandomPatterns(seed: 20_261_201)
        let cases = (0..<3_000).map { _ in (generator.pattern(), (0..<5).map { _ in generator.subject() }) }
        let folder = try TemporaryDirectory()
        let input = try folder.write("cases.json", String(decoding: try JSONSerialization.data(withJSONObject: cases.map { [$0.0, $0.1] }), as: UTF8.self))
        let output = folder.url.appendingPathComponent("results.txt").path
        #expect(try Self.runPython(["-c", Self.script, input, output]) == 0)
        let lines = try String(contentsOfFile: output, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        try #require(lines.count == cases.count + 1)
        var disagreements: [String] = []
        for ((pattern, subjects), line) in zip(cases, lines) {
            let compiled: OutputPattern
            do {
                compiled = try OutputPattern(pattern)
            } catch {
                disagreements.append("\(pattern): refused here (\(error.localizedDescription)), Python: \(line)")
                continue
            }
            let ours = subjects.map { compiled.matches($0) ? "1" : "0" }.joined()
            if ours != line {
                disagreements.append("\(pattern) on \(subjects): here \(ours), Python \(line)")
            }
        }
        let examples = disagreements.prefix(10).joined(separator: "\n")
        #expect(disagreements.isEmpty, "\(disagreements.count) disagreements, e.g.:\n\(examples)")
    }

    /// Runs `python3` with `arguments` and returns its exit status.
    static func runPython(_ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}

/// Small random patterns over a small alphabet, and subjects for them, from a seed.
struct RandomPatterns {
    private var random: SplitMix64

    init(seed: UInt64) {
        random = SplitMix64(seed: seed)
    }

    /// A pattern: one to three alternatives two groups deep at most, sometimes under `(?i)`.
    mutating func pattern() -> String {
        (chance(0.15) ? "(?i)" : "") + alternatives(depth: 2)
    }

    /// One to ten characters, mostly letters of the patterns.
    mutating func subject() -> String {
        String((0..<Int.random(in: 1...10, using: &random)).map { _ in Array("aaabbbcAB1 -_]").randomElement(using: &random) ?? "a" })
    }

    private mutating func chance(_ probability: Double) -> Bool {
        Double.random(in: 0..<1, using: &random) < probability
    }

    private mutating func pick(_ choices: [String]) -> String {
        choices.randomElement(using: &random) ?? ""
    }

    private mutating func alternatives(depth: Int) -> String {
        let count = Int.random(in: 1...(chance(0.3) ? 3 : 1), using: &random)
        return (0..<count).map { _ in chance(0.05) ? "" : sequence(depth: depth) }.joined(separator: "|")
    }

    private mutating func sequence(depth: Int) -> String {
        (0..<Int.random(in: 1...4, using: &random)).map { _ in item(depth: depth) }.joined()
    }

    private mutating func item(depth: Int) -> String {
        if chance(0.08) { return pick(["^", "$", "\\b", "\\B"]) }
        let atom = atom(depth: depth)
        guard chance(0.35) else { return atom }
        return atom + pick(["*", "+", "?", "{2}", "{1,}", "{0,2}", "{,2}", "{1,3}"]) + (chance(0.15) ? "?" : "")
    }

    private mutating func atom(depth: Int) -> String {
        switch Int.random(in: 0..<10, using: &random) {
        case 0..<5: return pick(["a", "b", "c", "A", "1", " ", "-", "_"])
        case 5: return "."
        case 6: return pick(["\\d", "\\D", "\\w", "\\W", "\\s", "\\S", "\\-", "\\]"])
        case 7: return bracket()
        default:
            guard depth > 0 else { return pick(["a", "b"]) }
            return (chance(0.5) ? "(" : "(?:") + alternatives(depth: depth - 1) + ")"
        }
    }

    private mutating func bracket() -> String {
        let members = (0..<Int.random(in: 1...3, using: &random)).map { _ in pick(["a", "b", "A", "1", " ", "a-c", "A-Z", "\\d", "\\s", "\\w", "_"]) }
        return "[" + (chance(0.4) ? "^" : "") + pick(["", "]", "-"]) + members.joined() + "]"
    }
}
