@testable import CurateKit
import Testing

/// "Did you mean": the near candidate for a slip of the keyboard, nothing for a different word.
@Suite("NearMatch")
struct NearMatchTests {
    static let commands = ["init", "ingest", "stats", "prompts", "export", "stale", "flag", "flags", "check"]

    @Test("a slip finds the word meant", arguments: [
        ("exprot", "export"), ("EXPORT", "export"), ("stat", "stats"), ("chekc", "check"), ("expo", "export"), ("ingset", "ingest"),
    ])
    func suggests(word: String, expected: String) {
        #expect(NearMatch.suggestion(for: word, among: Self.commands) == expected)
    }

    @Test("a different word finds nothing", arguments: ["frobnicate", "st", "x", "exit", "pr0mpts-list"])
    func suggestsNothing(word: String) {
        #expect(NearMatch.suggestion(for: word, among: Self.commands) == nil)
    }

    @Test("version labels: case only, never another number", arguments: [("V1", "v1"), ("v9", nil), ("v10", nil), ("v", nil)] as [(String, String?)])
    func versions(word: String, expected: String?) {
        #expect(NearMatch.suggestion(for: word, among: ["v1", "v2", "v3", "sentiment"]) == expected)
    }

    @Test("edits: insertion, deletion, substitution and a swap of neighbours count one each")
    func distance() {
        #expect(NearMatch.distance(Array("export"), Array("exprot")) == 1)
        #expect(NearMatch.distance(Array("stats"), Array("stat")) == 1)
        #expect(NearMatch.distance(Array("flag"), Array("flog")) == 1)
        #expect(NearMatch.distance(Array("abc"), Array("")) == 3)
        #expect(NearMatch.distance(Array("kitten"), Array("sitting")) == 3)
    }
}
