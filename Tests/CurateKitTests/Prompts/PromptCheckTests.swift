import Foundation
import Testing
@testable import CurateKit

@Suite("prompts check and prompts lock")
struct PromptCheckTests {
    static func workspace(_ files: [String: String]) throws -> (TemporaryDirectory, URL) {
        let folder = try TemporaryDirectory()
        for (path, text) in files { try folder.write(path, text) }
        return (folder, folder.url.appendingPathComponent("prompts"))
    }

    static let v3 = PromptVersion(name: "sentiment", version: "v3")

    @Test("clean when every file matches its version's current locked hash")
    func clean() throws {
        let (folder, prompts) = try Self.workspace(["prompts/sentiment/v3.txt": "text", "prompts/intent/v1.md": "intent"])
        let discovery = try PromptDiscovery.scan(prompts)
        let update = try LockUpdate.plan(lock: LockFile(), discovery: discovery)
        withExtendedLifetime(folder) {}
        #expect(update.added.map(\.path) == ["prompts/intent/v1.md", "prompts/sentiment/v3.txt"])
        #expect(PromptCheck.findings(discovery: discovery, lock: update.lock).isEmpty)
    }

    @Test("an in-place edit is named with the fix: a new version file, or a re-lock on purpose")
    func editedInPlace() throws {
        let (folder, prompts) = try Self.workspace(["prompts/sentiment/v3.txt": "original"])
        let lock = try LockUpdate.plan(lock: LockFile(), discovery: try PromptDiscovery.scan(prompts)).lock
        try folder.write("prompts/sentiment/v3.txt", "edited")
        let findings = PromptCheck.findings(discovery: try PromptDiscovery.scan(prompts), lock: lock)
        try #require(findings.count == 1)
        let message = findings[0].description
        #expect(message.hasPrefix("prompts/sentiment/v3.txt: sentiment@v3 was edited in place"))
        #expect(message.contains("sentiment@v3#\(PromptHash.short(PromptHash.of("edited")))"))
        #expect(message.contains("sentiment@v3#\(PromptHash.short(PromptHash.of("original")))"))
        #expect(message.contains("prompts/sentiment/v4.txt"))
        #expect(message.contains("curate prompts lock sentiment@v3"))
    }

    @Test("a new version is not locked yet until prompts lock records it")
    func notYetLocked() throws {
        let (folder, prompts) = try Self.workspace(["prompts/sentiment/v3.txt": "x"])
        let discovery = try PromptDiscovery.scan(prompts)
        withExtendedLifetime(folder) {}
        let file = try #require(discovery.files.first)
        let findings = PromptCheck.findings(discovery: discovery, lock: LockFile())
        #expect(findings.map(\.kind) == [.notYetLocked(file: file)])
        #expect(findings[0].description.contains("fix: run curate prompts lock"))
    }

    @Test("prompts lock leaves an edited version out unless it is named, then keeps both hashes")
    func relockOnPurpose() throws {
        let (folder, prompts) = try Self.workspace(["prompts/sentiment/v3.txt": "original", "prompts/sentiment/v4.txt": "four"])
        let first = try LockUpdate.plan(lock: LockFile(), discovery: try PromptDiscovery.scan(prompts)).lock
        try folder.write("prompts/sentiment/v3.txt", "edited")
        try folder.write("prompts/sentiment/v5.txt", "five")
        let discovery = try PromptDiscovery.scan(prompts)

        let plain = try LockUpdate.plan(lock: first, discovery: discovery)
        #expect(plain.added.map(\.path) == ["prompts/sentiment/v5.txt"])
        #expect(plain.skipped.map(\.version) == [Self.v3])
        #expect(plain.skipped.first?.suggestedVersion == "v6", "v4 and v5 are taken")
        #expect(plain.lock.hashes(of: Self.v3) == [PromptHash.of("original")])

        let named = try LockUpdate.plan(lock: first, discovery: discovery, selected: [Self.v3])
        #expect(named.relocked.map(\.previous) == [PromptHash.of("original")])
        #expect(named.lock.hashes(of: Self.v3) == [PromptHash.of("original"), PromptHash.of("edited")])
        #expect(named.added.isEmpty, "naming versions locks only those")
        #expect(PromptCheck.findings(discovery: discovery, lock: named.lock).map(\.version) == [PromptVersion(name: "sentiment", version: "v5")])
    }

    @Test("a revert to an earlier locked text is still a change in place")
    func revert() throws {
        let (folder, prompts) = try Self.workspace(["prompts/sentiment/v3.txt": "b"])
        var lock = LockFile()
        lock.lock(Self.v3, sha256: PromptHash.of("a"))
        lock.lock(Self.v3, sha256: PromptHash.of("b"))
        try folder.write("prompts/sentiment/v3.txt", "a")
        let findings = PromptCheck.findings(discovery: try PromptDiscovery.scan(prompts), lock: lock)
        #expect(findings.first?.description.contains("back to an earlier locked text") == true)
    }

    @Test("naming a version with no file is an error listing where it was looked for")
    func unknownSelection() throws {
        let (folder, prompts) = try Self.workspace(["prompts/sentiment/v3.txt": "x"])
        let discovery = try PromptDiscovery.scan(prompts)
        withExtendedLifetime(folder) {}
        #expect(discovery.files.count == 1)
        #expect(throws: PromptError.noSuchPromptFile(PromptVersion(name: "sentiment", version: "v9"), folder: "prompts")) {
            try LockUpdate.plan(lock: LockFile(), discovery: discovery, selected: [PromptVersion(name: "sentiment", version: "v9")])
        }
    }
}
