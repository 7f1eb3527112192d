import Foundation
import Testing
@testable import CurateKit

@Suite("Prompt hashes, version labels and template files")
struct PromptBasicsTests {
    @Test("a CRLF text and its LF twin have one hash, from a string or from bytes")
    func crlfIsLF() {
        let lf = "Classify the review.\nAnswer with one word.\n"
        let crlf = "Classify the review.\r\nAnswer with one word.\r\n"
        #expect(PromptHash.of(crlf) == PromptHash.of(lf))
        #expect(PromptHash.of(bytes: Array(crlf.utf8)) == PromptHash.of(lf))
        #expect(PromptHash.of("a\rb") != PromptHash.of("a\nb"), "a lone CR is not a line end to normalize")
        #expect(PromptHash.short(PromptHash.of(lf)).count == 12)
    }

    @Test("NAME@VERSION parses at the last @ and sorts numbers by value", arguments: [
        ("sentiment@v3", "sentiment", "v3"), ("team@acme@v1", "team@acme", "v1"),
    ])
    func parsing(text: String, name: String, version: String) {
        #expect(PromptVersion(parsing: text) == PromptVersion(name: name, version: version))
    }

    @Test("malformed selectors are refused", arguments: ["sentiment", "@v1", "sentiment@", ""])
    func badSelectors(text: String) {
        #expect(PromptVersion(parsing: text) == nil)
    }

    @Test("versions sort naturally: v2 before v10, names first")
    func naturalOrder() {
        let sorted = ["b@v1", "a@v10", "a@v2", "a@v1.10", "a@v1.9", "a@v01"].compactMap(PromptVersion.init(parsing:)).sorted()
        #expect(sorted.map(\.description) == ["a@v01", "a@v1.9", "a@v1.10", "a@v2", "a@v10", "b@v1"])
    }

    @Test("templates may have any extension; hidden files, backups and the lock are not templates")
    func discovery() throws {
        let folder = try TemporaryDirectory()
        try folder.write("prompts/sentiment/v1.txt", "one")
        try folder.write("prompts/sentiment/v2.md", "two\r\n")
        try folder.write("prompts/sentiment/v3", "three")
        try folder.write("prompts/sentiment/1.2.prompt", "dotted")
        try folder.write("prompts/sentiment/.v4.txt.swp", "swap")
        try folder.write("prompts/sentiment/v1.txt~", "backup")
        try folder.write("prompts/.hidden/v1.txt", "hidden")
        try folder.write("prompts/prompts.lock", LockFile.formatLine + "\n")
        try folder.write("prompts/README.md", "about")
        let found = try PromptDiscovery.scan(folder.url.appendingPathComponent("prompts"))
        #expect(found.files.map(\.version.description) == ["sentiment@1.2", "sentiment@v1", "sentiment@v2", "sentiment@v3"])
        #expect(found.files.map(\.path) == [
            "prompts/sentiment/1.2.prompt", "prompts/sentiment/v1.txt", "prompts/sentiment/v2.md", "prompts/sentiment/v3",
        ])
        #expect(found.files[2].sha256 == PromptHash.of("two\n"))
        #expect(found.duplicates.isEmpty)
    }

    @Test("a task's label schema, schema.json, is not a template of version \"schema\"")
    func schemaIsNotATemplate() throws {
        let folder = try TemporaryDirectory()
        try folder.write("prompts/sentiment/v1.txt", "one")
        try folder.write("prompts/sentiment/schema.json", #"{"enum": ["positive", "negative"]}"#)
        try folder.write("prompts/sentiment/schema.txt", "a template whose version label is schema")
        let found = try PromptDiscovery.scan(folder.url.appendingPathComponent("prompts"))
        #expect(found.files.map(\.path) == ["prompts/sentiment/schema.txt", "prompts/sentiment/v1.txt"])
    }

    @Test("two files for one version label are a duplicate")
    func duplicates() throws {
        let folder = try TemporaryDirectory()
        try folder.write("prompts/sentiment/v3.txt", "a")
        try folder.write("prompts/sentiment/v3.md", "b")
        let found = try PromptDiscovery.scan(folder.url.appendingPathComponent("prompts"))
        #expect(found.duplicates.map(\.paths) == [["prompts/sentiment/v3.md", "prompts/sentiment/v3.txt"]])
        #expect(throws: PromptError.duplicateVersion(PromptVersion(name: "sentiment", version: "v3"),
                                                     paths: ["prompts/sentiment/v3.md", "prompts/sentiment/v3.txt"])) {
            try found.uniqueFiles()
        }
    }

    @Test("a missing prompts folder has no templates")
    func missingFolder() throws {
        let folder = try TemporaryDirectory()
        #expect(try PromptDiscovery.scan(folder.url.appendingPathComponent("prompts")).files.isEmpty)
    }
}
