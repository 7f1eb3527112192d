import Foundation
import Testing
@testable import CurateKit

@Suite("Verify a dataset against its manifest")
struct DatasetVerifierTests {
    /// Exports the corpus to `datasets/v` and runs `body` with that folder while the fixture lives.
    func withExport(_ format: ExportFormat = .jsonl, _ body: (URL) throws -> Void) throws {
        let fixture = try ExportFixture(ExporterTests.corpus)
        try fixture.export("v", ExportOptions(split: try SplitSpec(parsing: "train=0.5,test=0.5", seed: 0), format: format))
        try withExtendedLifetime(fixture) { try body(fixture.datasets.appendingPathComponent("v")) }
    }

    @Test("a fresh export verifies, from its folder or its manifest", arguments: ExportFormat.allCases)
    func intact(_ format: ExportFormat) throws {
        try withExport(format) { (folder: URL) throws in
            #expect(try DatasetVerifier.verify(folder).isIntact)
            #expect(try DatasetVerifier.verify(folder.appendingPathComponent("manifest.json")).isIntact)
        }
    }

    @Test("a changed data file is named, with its checksum and its record count")
    func changedFile() throws {
        try withExport { (folder: URL) throws in
            let path = "data/train-00001-of-00002.jsonl"
            let train = folder.appendingPathComponent(path)
            try (String(contentsOf: train, encoding: .utf8) + "{}\n").write(to: train, atomically: true, encoding: .utf8)
            let report = try DatasetVerifier.verify(folder)
            #expect(report.problems.map(\.path) == [path, path])
            #expect(report.problems.contains { if case .recordCountMismatch(_, _, _) = $0 { true } else { false } })
            #expect(report.problems.first?.description.hasPrefix("\(path): sha256 is ") == true)
        }
    }

    @Test("a missing file, a changed sidecar and a changed card are reported")
    func missingFile() throws {
        try withExport { (folder: URL) throws in
            let manifest = try Manifest.read(from: folder.appendingPathComponent(Manifest.fileName))
            let test = try #require(manifest.files.first { $0.split == "test" }?.path)
            try FileManager.default.removeItem(at: folder.appendingPathComponent(test))
            try Data("x\n".utf8).write(to: folder.appendingPathComponent("records.ids"))
            try Data("# edited\n".utf8).write(to: folder.appendingPathComponent("README.md"))
            let report = try DatasetVerifier.verify(folder)
            #expect(report.problems.first == .missingFile(path: test))
            #expect(report.problems.dropFirst().prefix(2).allSatisfy { $0.path == "records.ids" })
            #expect(report.problems.last.map { if case .checksumMismatch("README.md", _, _) = $0 { true } else { false } } == true)
            #expect(report.problems.count == 4)
        }
    }

    @Test("a manifest whose counts disagree is reported as inconsistent")
    func inconsistentManifest() throws {
        try withExport { (folder: URL) throws in
            let url = folder.appendingPathComponent("manifest.json")
            var manifest = try Manifest.read(from: url)
            manifest.records.count += 1
            try Data(manifest.jsonText.utf8).write(to: url)
            let report = try DatasetVerifier.verify(folder)
            #expect(report.problems.contains { $0.path == "manifest.json" })
        }
    }

    @Test("no manifest, a broken one, or one pointing outside the folder is an error, not a difference")
    func badManifests() throws {
        try withExport { (folder: URL) throws in
            #expect(throws: ExportError.datasetMissing(path: folder.appendingPathComponent("nope").path)) {
                _ = try DatasetVerifier.verify(folder.appendingPathComponent("nope"))
            }
            let url = folder.appendingPathComponent("manifest.json")
            let text = try String(contentsOf: url, encoding: .utf8)
            for outside in ["../README.md", "data/../../README.md", "/etc/passwd", "data//x"] {
                try text.replacingOccurrences(of: "\"path\": \"README.md\"", with: "\"path\": \"\(outside)\"").write(to: url, atomically: true, encoding: .utf8)
                #expect { _ = try DatasetVerifier.verify(folder) } throws: { error in
                    if case ExportError.invalidManifest(_, let reason) = error { return reason.contains(outside) }
                    return false
                }
            }
            try "{\"format\": \"other/1\"}".write(to: url, atomically: true, encoding: .utf8)
            #expect { _ = try DatasetVerifier.verify(folder) } throws: { error in
                if case ExportError.invalidManifest(_, let reason) = error { return reason.contains("format") }
                return false
            }
            try "not json".write(to: url, atomically: true, encoding: .utf8)
            #expect(throws: ExportError.self) { _ = try DatasetVerifier.verify(folder) }
        }
    }

    @Test("CSV records are counted by RFC 4180, not by lines")
    func csvCounting() {
        var counter = RecordCounter(kind: .csv)
        let text = "a,b\r\n\"x\ny\",1\r\n\"q\"\"\r\nz\",2\r\nlast,3"
        text.utf8.withContiguousStorageIfAvailable { counter.consume(UnsafeRawBufferPointer($0)) }
        #expect(counter.records == 3)
    }
}
