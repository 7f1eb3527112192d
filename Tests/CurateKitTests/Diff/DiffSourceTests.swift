import Foundation
import Testing
@testable import CurateKit

@Suite("Diff: loading datasets and their errors")
struct DiffSourceTests {
    @Test("a folder, its manifest and a path from elsewhere load the same manifest")
    func localForms() throws {
        let fixture = try ExportFixture(ExportFixture.diffCorpus)
        let (manifest, _) = try fixture.export("d")
        for argument in ["datasets/d", "datasets/d/", "datasets/d/manifest.json", fixture.datasets.appendingPathComponent("d").path] {
            #expect(try DatasetSource.load(argument, relativeTo: fixture.folder.url).manifest == manifest, "\(argument)")
        }
        #expect(try DatasetSource.load("d", relativeTo: fixture.datasets).label == "d")
    }

    @Test("no file, no manifest in the folder: missingFile")
    func missing() throws {
        let fixture = try ExportFixture()
        #expect(throws: DiffError.missingFile(path: fixture.folder.url.appendingPathComponent("nope").path)) {
            try DatasetSource.load("nope", relativeTo: fixture.folder.url)
        }
        try fixture.folder.write("empty/readme.txt", "")
        #expect(throws: DiffError.missingFile(path: fixture.folder.url.appendingPathComponent("empty/manifest.json").path)) {
            try DatasetSource.load("empty", relativeTo: fixture.folder.url)
        }
    }

    @Test("not a manifest, or one of another format version", arguments: [
        ("[1, 2]", "it is an array, not an object"),
        ("hello", "not JSON"),
        ("{\"name\": \"x\"}", "it has no \"format\" field"),
        ("{\"format\": \"other/1\"}", "its format is \"other/1\""),
        ("{\"format\": \"curate.manifest/1\"}", "is missing"),
    ])
    func notAManifest(_ text: String, _ reason: String) throws {
        let fixture = try ExportFixture()
        let path = try fixture.folder.write("m.json", text)
        let error = #expect(throws: DiffError.self) { try DatasetSource.load(path, relativeTo: fixture.folder.url) }
        guard case .notAManifest(let reported, let why)? = error else { throw Failure("\(String(describing: error))") }
        #expect(reported == path && why.contains(reason), "\(why)")
    }

    @Test("a newer format version is its own error")
    func unknownVersion() throws {
        let fixture = try ExportFixture()
        let path = try fixture.folder.write("m.json", "{\"format\": \"curate.manifest/2\"}")
        #expect(throws: DiffError.unknownFormatVersion(path: path, found: "curate.manifest/2")) {
            try DatasetSource.load(path, relativeTo: fixture.folder.url)
        }
    }

    /// The data file of b's sentiment rows.
    static let sentiment = "data/train-00001-of-00002.jsonl"

    /// `datasets/a` and `datasets/b` exported alike, and b's data file of sentiment rows.
    static func twoExports() throws -> (ExportFixture, URL) {
        let fixture = try ExportFixture(ExportFixture.diffCorpus)
        try fixture.export("a")
        try fixture.export("b")
        return (fixture, fixture.datasets.appendingPathComponent("b").appendingPathComponent(sentiment))
    }

    @Test("a data file that does not match its manifest stops the diff before any row is compared")
    func unverifiedDataFiles() throws {
        let (fixture, file) = try Self.twoExports()
        let text = try fixture.read("b", Self.sentiment)
        try (text + "\n").write(to: file, atomically: true, encoding: .utf8)
        #expect(throws: DiffError.datasetDoesNotVerify(dataset: "datasets/b", problems: [
            "\(Self.sentiment): sha256 is \(SHA256Hex.digest(of: text + "\n")), the manifest says \(SHA256Hex.digest(of: text))",
            "\(Self.sentiment): 5 records, the manifest says 4",
        ])) { try fixture.diff("a", "b") }
        try FileManager.default.removeItem(at: file)
        #expect(throws: DiffError.datasetDoesNotVerify(dataset: "datasets/b", problems: ["\(Self.sentiment): missing"])) { try fixture.diff("a", "b") }
    }

    @Test("a data file its manifest vouches for that is not rows, or out of order, stops the diff")
    func badDataFiles() throws {
        let (fixture, file) = try Self.twoExports()
        let rows = try fixture.read("b", Self.sentiment).split(separator: "\n").map(String.init)
        /// Writes `text` as the data file and its checksum into the manifest, so the dataset verifies.
        func vouchedFor(_ text: String) throws {
            try text.write(to: file, atomically: true, encoding: .utf8)
            let manifestURL = fixture.datasets.appendingPathComponent("b/manifest.json")
            var manifest = try Manifest.read(from: manifestURL)
            guard let index = manifest.files.firstIndex(where: { $0.path == Self.sentiment }) else { return }
            manifest.files[index].sha256 = SHA256Hex.digest(of: text)
            try manifest.jsonText.write(to: manifestURL, atomically: true, encoding: .utf8)
        }

        try vouchedFor(rows.reversed().joined(separator: "\n") + "\n")
        #expect(throws: DiffError.malformedDataFile(path: file.path, row: 2, reason: "rows are not in (task, input_id) order as curate export writes them")) {
            try fixture.diff("a", "b")
        }
        try vouchedFor(String(repeating: "{\"task\": \"x\"}\n", count: rows.count))
        #expect(throws: DiffError.malformedDataFile(path: file.path, row: 1, reason: "field \"output\" is missing")) {
            try fixture.diff("a", "b")
        }
    }

    @Test("every error message names what failed and what to do")
    func messages() {
        let errors: [DiffError] = [
            .missingFile(path: "p"), .notAManifest(path: "p", reason: "r"), .unknownFormatVersion(path: "p", found: "f"),
            .datasetDoesNotVerify(dataset: "d", problems: ["a", "b", "c", "d"]),
            .malformedDataFile(path: "p", row: 1, reason: "r"), .unreadable(path: "p", reason: "r"), .gitRevisionNotFound(revision: "r"),
            .missingInRevision(revision: "r", path: "p"), .outsideRepository(path: "p", repository: "r"), .notAGitRepository(path: "p"),
            .gitMissing, .gitFailed(command: "git x", message: "m"),
        ]
        for error in errors {
            let message = error.errorDescription ?? ""
            #expect(!message.isEmpty && !message.hasSuffix("."), "\(error)")
        }
    }
}
