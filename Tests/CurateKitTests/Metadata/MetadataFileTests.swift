import Foundation
import Testing
@testable import CurateKit

@Suite("curate.toml: the TOML subset of dataset metadata")
struct MetadataFileTests {
    static let path = "/ws/curate.toml"

    func parse(_ text: String) throws -> DatasetMetadata {
        try MetadataFile.parse(text, path: Self.path)
    }

    func problem(_ text: String) -> String? {
        do throws(MetadataError) {
            _ = try MetadataFile.parse(text, path: Self.path)
            return nil
        } catch {
            return error.errorDescription
        }
    }

    @Test("every key of [dataset] and [dataset.creator] is read, with comments, literal and multi-line strings")
    func everyKey() throws {
        let metadata = try parse(#"""
            # Dataset metadata for every export of this workspace.
            [dataset]
            license = "CC-BY-4.0"   # SPDX
            version = "2.1.0"
            description = "Tickets \"labelled\" by intent.\nSecond line."
            url = 'https://example.com/data'
            citation = """
            @misc{tickets, title = {Tickets}}
            """

            [dataset.creator]
            name = "Example Labs"
            type = "organization"
            url = "https://example.com"
            email = "data@example.com"
            """#)
        #expect(metadata == DatasetMetadata(
            license: "CC-BY-4.0",
            creator: DatasetMetadata.Creator(name: "Example Labs", kind: .organization, url: "https://example.com", email: "data@example.com"),
            version: "2.1.0", citation: "@misc{tickets, title = {Tickets}}\n",
            description: "Tickets \"labelled\" by intent.\nSecond line.", url: "https://example.com/data"))
    }

    @Test("an empty file, or one with only comments, gives no metadata; a creator is a person by default")
    func defaults() throws {
        #expect(try parse("") == DatasetMetadata())
        #expect(try parse("# nothing yet\n\n[dataset]\n") == DatasetMetadata())
        #expect(try parse("[dataset.creator]\nname = 'Ada'\n").creator == DatasetMetadata.Creator(name: "Ada", kind: .person))
    }

    @Test("a literal multi-line string keeps backslashes, as BibTeX needs")
    func literalMultiline() throws {
        let metadata = try parse("[dataset]\ncitation = '''\n@misc{x, author = {G\\\"odel}}\n'''\n")
        #expect(metadata.citation == "@misc{x, author = {G\\\"odel}}\n")
    }

    @Test("no curate.toml in the folder means no metadata; one there is read")
    func readsFromFolder() throws {
        let folder = try TemporaryDirectory()
        #expect(try MetadataFile.read(in: folder.url) == DatasetMetadata())
        _ = try folder.write("curate.toml", "[dataset]\nlicense = \"MIT\"\n")
        #expect(try MetadataFile.read(in: folder.url).license == "MIT")
    }

    @Test(
        "a refused file names the line and what to write instead",
        arguments: [
            ("[dataset]\nlicence = \"MIT\"\n", "/ws/curate.toml:2: unknown key \"licence\" (did you mean \"license\"?); known keys: description, license, version, citation, url"),
            ("[datset]\n", "/ws/curate.toml:1: unknown key \"[datset]\" (did you mean \"[dataset]\"?); known keys: [dataset], [dataset.creator]"),
            ("license = \"MIT\"\n", "/ws/curate.toml:1: unknown key \"license\" (did you mean \"[dataset] license\"?); known keys: [dataset] description, license, version, citation, url"),
            ("[dataset]\nversion = 2\n", "/ws/curate.toml:2: the value of \"version\" must be a string in double quotes, e.g. version = \"…\""),
            ("[dataset]\nversion = \"v2\"\n", "/ws/curate.toml:2: version \"v2\" is not a version MAJOR.MINOR.PATCH (e.g. 1.0.0; see https://semver.org)"),
            ("[dataset]\nlicense = \"my license\"\n", "/ws/curate.toml:2: license \"my license\" is not an SPDX license id (e.g. CC-BY-4.0, MIT; see https://spdx.org/licenses/) or an http(s) URL"),
            ("[dataset]\nurl = \"example.com\"\n", "/ws/curate.toml:2: url \"example.com\" is not an http(s) URL"),
            ("[dataset]\nlicense = \"MIT\"\nlicense = \"CC0-1.0\"\n", "/ws/curate.toml:3: \"license\" is already set on line 2; keep one of them"),
            ("[dataset]\ndescription = \"open\n", "/ws/curate.toml:2: the string of \"description\" is not closed on its line (use \"\"\" for several lines)"),
            ("[dataset]\ncitation = \"\"\"\nnever closed\n", "/ws/curate.toml:2: the string opened with \"\"\" is never closed"),
            ("[dataset]\nlicense = \"MIT\" extra\n", "/ws/curate.toml:2: unexpected \"extra\" after the value; put a comment after #"),
            ("[dataset]\ndescription = \"a \\q b\"\n", "/ws/curate.toml:2: \\q is not a TOML escape; write \\\\ for a backslash, or use a 'literal string'"),
            ("[[dataset]]\n", "/ws/curate.toml:1: a table header is [NAME] or [NAME.SUB]; arrays of tables ([[…]]) are not supported"),
            ("[dataset]\njust words\n", "/ws/curate.toml:2: expected key = \"value\", a [table] header or a # comment"),
            ("[dataset.creator]\nurl = \"https://example.com\"\n", "/ws/curate.toml:1: [dataset.creator] has no name; add name = \"…\" to it, or remove the table"),
            ("[dataset.creator]\nname = \"A\"\ntype = \"team\"\n", "/ws/curate.toml:3: creator.type \"team\" is not person or organization"),
        ])
    func refused(text: String, message: String) {
        #expect(problem(text) == message)
    }

    @Test("an export flag overrides the file's value; the rest of the file stays")
    func merged() throws {
        let file = try parse("[dataset]\nlicense = \"MIT\"\nversion = \"1.0.0\"\n[dataset.creator]\nname = \"Lab\"\ntype = \"organization\"\n")
        let merged = file.merged(with: DatasetMetadata(version: "2.0.0"))
        #expect(merged.license == "MIT" && merged.version == "2.0.0" && merged.creator?.kind == .organization)
    }
}
