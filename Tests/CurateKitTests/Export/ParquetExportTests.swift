import Foundation
import Testing
@testable import CurateKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@Suite("Export to Parquet")
struct ParquetExportTests {
    /// The corpus of the exporter's tests, plus labels whose outputs are not plain strings,
    /// an input that is a JSON string, and a regenerated label.
    static let corpus = ExporterTests.corpus + [
        Label.llm("odd-1", "{\"a\":[1,2]}", task: "odd", prompt: "intent@v1", inputPayload: .string("tab\there \"quoted\"")),
        Label.human("odd-2", "line\r\nbreak ☕", task: "odd"),
        Label.llm("odd-3", "{\"b\":null}", task: "odd", prompt: "intent@v1", inputPayload: .array([.number("1"), .null])),
    ]

    /// Every label, split in two.
    static func options(_ format: ExportFormat, selection: Selection = Selection()) throws -> ExportOptions {
        ExportOptions(selection: selection, resolve: .all, split: try SplitSpec(parsing: "train=0.5,test=0.5", seed: 3), format: format)
    }

    /// The string columns of `datasets/NAME/FILE`, by name; nil for a null.
    static func columns(_ fixture: ExportFixture, _ name: String, split: String) throws -> [String: [String?]] {
        var columns: [String: [String?]] = [:]
        for file in try fixture.manifest(name).files where file.split == split {
            let descriptor = open(fixture.datasets.appendingPathComponent(name).appendingPathComponent(file.path).path, O_RDONLY)
            defer { close(descriptor) }
            let reader = try ParquetFileReader(descriptor: descriptor)
            for column in RowColumns.names where column != "created_at" {
                columns[column, default: []] += try reader.rowGroupRows.indices.flatMap { try reader.strings(column, rowGroup: $0) }
            }
        }
        return columns
    }

    @Test("every string column holds what the JSON Lines export of the same selection holds, a JSON string as its text")
    func sameValuesAsJSONL() throws {
        let fixture = try ExportFixture(Self.corpus)
        let (manifest, _) = try fixture.export("p", try Self.options(.parquet))
        try fixture.export("j", try Self.options(.jsonl))
        #expect(Set(manifest.files.map(\.split)) == ["test", "train"])
        #expect(manifest.files.allSatisfy { $0.path.hasPrefix("data/\($0.split)-") && $0.path.hasSuffix(".parquet") })
        for split in ["test", "train"] {
            let parquet = try Self.columns(fixture, "p", split: split)
            for column in RowColumns.names where column != "created_at" {
                let jsonl = try fixture.column("j", column, split: split)
                #expect(parquet[column]?.map { $0 ?? "null" } == jsonl, "\(split) \(column)")
            }
        }
        let all = try Self.columns(fixture, "p", split: "train")["output"] ?? []
        + (try Self.columns(fixture, "p", split: "test")["output"] ?? [])
        #expect(all.contains("line\r\nbreak ☕"))
        #expect(all.contains("{\"a\":[1,2]}"))
    }

    @Test("re-exporting gives byte-identical Parquet files, and the dataset verifies")
    func byteIdentical() throws {
        let fixture = try ExportFixture(Self.corpus)
        let (first, _) = try fixture.export("p", try Self.options(.parquet))
        let train = fixture.datasets.appendingPathComponent("p").appendingPathComponent(try #require(first.files.last?.path))
        let bytes = try Data(contentsOf: train)
        let (second, _) = try fixture.export("p", try Self.options(.parquet), replace: true)
        #expect(first.files == second.files)
        #expect(try Data(contentsOf: train) == bytes)
        #expect(try DatasetVerifier.verify(fixture.datasets.appendingPathComponent("p")).isIntact)
    }

    @Test("verify reports a cut Parquet file by its checksum and its unreadable footer")
    func truncatedFile() throws {
        let fixture = try ExportFixture(Self.corpus)
        let (manifest, _) = try fixture.export("p", try Self.options(.parquet))
        let path = try #require(manifest.files.last?.path)
        let train = fixture.datasets.appendingPathComponent("p").appendingPathComponent(path)
        try Data(try Data(contentsOf: train).dropLast(5)).write(to: train)
        let problems = try DatasetVerifier.verify(fixture.datasets.appendingPathComponent("p")).problems
        #expect(problems.count == 2)
        #expect(problems.last.map { if case .uncountableFile(path: path, _) = $0 { true } else { false } } == true)
        #expect(problems.last?.description.contains("does not end with PAR1") == true)
    }

    @Test("diff reads Parquet data files: records and label shifts come out as from JSON Lines")
    func diffReadsParquet() throws {
        let fixture = try ExportFixture(Self.corpus)
        let clean = Selection(excludePrompts: ["sentiment@v2"])
        try fixture.export("p", try Self.options(.parquet))
        try fixture.export("j", try Self.options(.jsonl))
        try fixture.export("j2", try Self.options(.jsonl))
        try fixture.export("p-clean", try Self.options(.parquet, selection: clean))
        try fixture.export("j-clean", try Self.options(.jsonl, selection: clean))
        let same = try fixture.diff("j", "p")
        #expect(same.records == (try fixture.diff("j", "j2")).records)
        #expect(same.records.unchanged > 0 && same.labels.allSatisfy { !$0.isChanged })
        let parquet = try fixture.diff("p", "p-clean")
        let jsonl = try fixture.diff("j", "j-clean")
        #expect(parquet.records.removed > 0)
        #expect(parquet.records == jsonl.records)
        #expect(parquet.labels == jsonl.labels)
    }
}
