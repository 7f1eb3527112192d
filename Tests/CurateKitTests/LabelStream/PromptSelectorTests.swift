import Testing
@testable import CurateKit

@Suite("Prompt selectors")
struct PromptSelectorTests {
    static let v1 = PromptRef(name: "sentiment", version: "v1", sha256: String(repeating: "a", count: 64))
    static let v3old = PromptRef(name: "sentiment", version: "v3", sha256: "791c" + String(repeating: "1", count: 60))
    static let v3new = PromptRef(name: "sentiment", version: "v3", sha256: "6dbc" + String(repeating: "2", count: 60))
    static let v3unknown = PromptRef(name: "sentiment", version: "v3", sha256: nil)
    static let intentV1 = PromptRef(name: "intent", version: "v1", sha256: "791c" + String(repeating: "3", count: 60))
    /// A prompt whose name is also another prompt's version label.
    static let named = PromptRef(name: "v1", version: "draft", sha256: String(repeating: "b", count: 64))
    static let resolver = PromptSelectorResolver(prompts: [v1, v3old, v3new, v3unknown, intentV1])

    @Test("a version label selects every text ever stored under it, unknown hashes included")
    func versionLabel() throws {
        let (pattern, matches) = try Self.resolver.resolve("v3")
        #expect(pattern.description == "*@v3")
        #expect(Set(matches) == [Self.v3old, Self.v3new, Self.v3unknown])
    }

    @Test("a name selects every version of that prompt")
    func name() throws {
        let (pattern, matches) = try Self.resolver.resolve("intent")
        #expect(pattern.description == "intent@*")
        #expect(matches == [Self.intentV1])
    }

    @Test("NAME@VERSION selects every text of that version label")
    func nameAtVersion() throws {
        let (pattern, matches) = try Self.resolver.resolve("sentiment@v3")
        #expect(pattern == PromptPattern(name: "sentiment", version: "v3", hash: .any))
        #expect(matches.count == 3)
    }

    @Test("a hash prefix of 7+ digits selects exactly one text, in any case")
    func hashPrefix() throws {
        let (pattern, matches) = try Self.resolver.resolve("6DBC222")
        #expect(pattern.hash == .sha256(Self.v3new.sha256 ?? ""))
        #expect(matches == [Self.v3new])
    }

    @Test("a short form NAME@VERSION#HASH12 selects its text; #unknown the labels without a hash")
    func shortForm() throws {
        #expect(try Self.resolver.resolve(Self.v3old.shortForm).matches == [Self.v3old])
        #expect(try Self.resolver.resolve("sentiment@v3#unknown").matches == [Self.v3unknown])
        #expect(try Self.resolver.resolve("#unknown").matches == [Self.v3unknown])
    }

    @Test("a hash prefix shared by two texts is ambiguous and lists both")
    func ambiguousPrefix() throws {
        #expect(try Self.resolver.resolve("791c111").matches == [Self.v3old])
        let ambiguous = PromptSelectorResolver(prompts: [Self.v3old, Self.intentV1.with(sha: "791c1111" + String(repeating: "4", count: 56))])
        #expect {
            _ = try ambiguous.resolve("791c111")
        } throws: { error in
            guard case ExportError.ambiguousPromptSelector(let selector, let candidates) = error else { return false }
            return selector == "791c111" && candidates.count == 2
        }
    }

    @Test("a word that is both a prompt name and a version label is ambiguous; *@ and @* disambiguate")
    func nameAndVersion() throws {
        let resolver = PromptSelectorResolver(prompts: [Self.v1, Self.named])
        #expect {
            _ = try resolver.resolve("v1")
        } throws: { error in
            guard case ExportError.ambiguousPromptSelector(_, let candidates) = error else { return false }
            return candidates.contains { $0.hasPrefix("v1@*") } && candidates.contains { $0.hasPrefix("*@v1") }
        }
        #expect(try resolver.resolve("*@v1").matches == [Self.v1])
        #expect(try resolver.resolve("v1@*").matches == [Self.named])
    }

    @Test("an unknown selector is refused with the known prompts as candidates")
    func unknown() throws {
        #expect {
            _ = try Self.resolver.resolve("v9")
        } throws: { error in
            guard case ExportError.unknownPromptSelector("v9", let candidates, _) = error else { return false }
            return candidates.contains(Self.v3new.shortForm) && candidates.count == 5
        }
        #expect(throws: ExportError.self) { _ = try Self.resolver.resolve("sentiment@v9") }
        #expect(throws: ExportError.self) { _ = try Self.resolver.resolve("intent@v1#unknown") }
    }

    @Test("malformed selectors are refused", arguments: ["", "@v2", "sentiment@", "a b", "sentiment@v1#12", "sentiment@v1#xyz1234", "v1#abcdef0"])
    func malformed(_ text: String) {
        #expect {
            _ = try PromptSelector(parsing: text)
        } throws: { error in
            if case ExportError.invalidPromptSelector = error { return true }
            return false
        }
    }

    @Test("a hex word shorter than 7 digits that names nothing says why")
    func shortHex() {
        #expect {
            _ = try Self.resolver.resolve("791c66")
        } throws: { error in
            guard case ExportError.invalidPromptSelector(_, let reason) = error else { return false }
            return reason.contains("7 hex digits")
        }
    }

    @Test("a pattern's canonical text reads back to the same pattern")
    func canonicalRoundTrip() throws {
        for pattern in [
            PromptPattern(name: nil, version: "v2", hash: .any), PromptPattern(name: "sentiment", version: nil, hash: .any),
            PromptPattern(name: "sentiment", version: "v3", hash: .unknown),
            PromptPattern(name: nil, version: nil, hash: .sha256(Self.v1.sha256 ?? "")),
        ] {
            #expect(PromptPattern(canonical: pattern.description) == pattern)
        }
        #expect(PromptPattern(canonical: "*@*#abcdef0") == nil)
    }
}

extension PromptRef {
    func with(sha: String) -> PromptRef {
        PromptRef(name: name, version: version, sha256: sha)
    }
}
