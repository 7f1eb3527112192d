import Foundation
import Testing
@testable import CurateKit

@Suite("The prompts listing")
struct PromptCatalogTests {
    static func usage(_ version: String, _ sha256: String?, _ status: HashStatus, _ labels: Int) -> PromptUsage {
        PromptUsage(
            prompt: PromptRef(name: "sentiment", version: version, sha256: sha256), hashStatus: status, labels: labels,
            firstCreatedAt: Timestamp(nanosecondsSinceEpoch: Int64(labels)), lastCreatedAt: Timestamp(nanosecondsSinceEpoch: 100))
    }

    @Test("statuses: locked, edited in place, not yet locked, earlier text, only in store, several hashes, hash not known")
    func statuses() throws {
        let folder = try TemporaryDirectory()
        try folder.write("prompts/sentiment/v1.txt", "one")
        try folder.write("prompts/sentiment/v2.txt", "two edited")
        try folder.write("prompts/sentiment/v4.txt", "four")
        var lock = LockFile()
        lock.lock(PromptVersion(name: "sentiment", version: "v1"), sha256: PromptHash.of("zero"))
        lock.lock(PromptVersion(name: "sentiment", version: "v1"), sha256: PromptHash.of("one"))
        lock.lock(PromptVersion(name: "sentiment", version: "v2"), sha256: PromptHash.of("two"))
        let usage = [
            Self.usage("v2", PromptHash.of("two"), .recorded, 5),
            Self.usage("v2", nil, .ambiguous, 2),
            Self.usage("v3", PromptHash.of("three"), .recorded, 4),
        ]
        let rows = PromptCatalog.listings(discovery: try PromptDiscovery.scan(folder.url.appendingPathComponent("prompts")), lock: lock, usage: usage)
        let summary = rows.map { "\($0.prompt.shortForm) \($0.status.rawValue) \($0.severalHashes) \($0.labelCount)" }
        let h = { (text: String) in PromptHash.short(PromptHash.of(text)) }
        #expect(summary == [
            "sentiment@v1#\(h("zero")) earlier-text true 0",
            "sentiment@v1#\(h("one")) locked true 0",
            "sentiment@v2#\(h("two")) locked true 5",
            "sentiment@v2#\(h("two edited")) edited-in-place true 0",
            "sentiment@v2#unknown hash-not-known true 2",
            "sentiment@v3#\(h("three")) only-in-store false 4",
            "sentiment@v4#\(h("four")) not-yet-locked false 0",
        ])
        #expect(rows[2].statusDescription == "locked (the file no longer has this text); several hashes under one label")
        #expect(rows[3].statusDescription == "edited in place (file differs from the lock); several hashes under one label")
        #expect(rows[4].statusDescription.hasPrefix("hash not known: 2 ambiguous"))
        #expect(rows[5].statusDescription == "only in the store (file gone)")
    }
}
