import Foundation
import Testing
@testable import CurateKit

@Suite("croissant.json and provenance.json: renderings of the manifest")
struct CroissantDocumentTests {
    static let metadata = DatasetMetadata(
        license: "CC-BY-4.0", creator: DatasetMetadata.Creator(name: "Example Labs", kind: .organization, url: "https://example.com"),
        version: "2.1.0", citation: "@misc{tickets}", description: "Tickets by intent.", url: "https://example.com/data")

    /// Exports the exporter tests' corpus with `metadata`, split in two.
    func export(_ name: String, format: ExportFormat = .jsonl, metadata: DatasetMetadata = metadata, provenance: Bool = true) throws -> (ExportFixture, Manifest) {
        let fixture = try ExportFixture(ExporterTests.corpus)
        let options = ExportOptions(split: try SplitSpec(parsing: "train=0.5,test=0.5", seed: 1), format: format)
        let (manifest, _) = try Exporter(store: fixture.store).export(
            options, to: try fixture.dataset(name), replace: false, createdAt: ExportFixture.exportedAt, metadata: metadata, provenance: provenance)
        return (fixture, manifest)
    }

    @Test("the export writes croissant.json and, when asked, provenance.json: the renderings of the manifest it wrote")
    func written() throws {
        let (fixture, manifest) = try export("with-prov")
        #expect(try fixture.read("with-prov", "croissant.json") == CroissantDocument(manifest: manifest).jsonText)
        #expect(try fixture.read("with-prov", "provenance.json") == ProvenanceDocument(manifest: manifest).jsonText)
        let (plain, _) = try export("plain", provenance: false)
        #expect(!FileManager.default.fileExists(atPath: plain.datasets.appendingPathComponent("plain/provenance.json").path))
        #expect(FileManager.default.fileExists(atPath: plain.datasets.appendingPathComponent("plain/croissant.json").path))
    }

    @Test("the manifest records the metadata and reads it back; the same manifest gives the same bytes")
    func deterministic() throws {
        let (fixture, manifest) = try export("again")
        let read = try Manifest.read(from: fixture.datasets.appendingPathComponent("again/manifest.json"))
        #expect(read.dataset == Self.metadata)
        #expect(CroissantDocument(manifest: read).jsonText == (try fixture.read("again", "croissant.json")))
        #expect(ProvenanceDocument(manifest: read).jsonText == ProvenanceDocument(manifest: manifest).jsonText)
    }

    @Test("croissant.json carries the metadata: license as its SPDX URL, creator, version, citation, description, URL, date")
    func carriesMetadata() throws {
        let (_, manifest) = try export("meta")
        let document = CroissantDocument(manifest: manifest).jsonValue
        #expect(document["conformsTo"] == .string("http://mlcommons.org/croissant/1.1"))
        #expect(document["license"] == .string("https://spdx.org/licenses/CC-BY-4.0.html"))
        #expect(document["version"] == .string("2.1.0"))
        #expect(document["citeAs"] == .string("@misc{tickets}"))
        #expect(document["description"] == .string("Tickets by intent."))
        #expect(document["url"] == .string("https://example.com/data"))
        // The newest record's time, not the export's: the same data publishes the same date.
        #expect(document["datePublished"] == .string("2026-07-02T10:00:00Z"))
        #expect(document["creator"]?["@type"] == .string("sc:Organization"))
        #expect(document["creator"]?["name"] == .string("Example Labs"))
    }

    @Test("without metadata: license unknown, version 1.0.0, a description and a BibTeX entry from the manifest, no creator or URL")
    func defaults() throws {
        let (_, manifest) = try export("bare", metadata: DatasetMetadata())
        let document = CroissantDocument(manifest: manifest).jsonValue
        #expect(document["license"] == .string("unknown"))
        #expect(document["version"] == .string("1.0.0"))
        #expect(document["creator"] == nil && document["url"] == nil)
        guard case .string(let description)? = document["description"], case .string(let citation)? = document["citeAs"] else {
            Issue.record("no description or citation")
            return
        }
        #expect(description.hasPrefix("Labels of tasks intent, sentiment: 5 records from 5 provenance tuples, exported by curate"))
        #expect(citation.hasPrefix("@misc{bare,\n  title = {bare},\n  year = {2026},\n  version = {1.0.0},\n"))
    }

    @Test("one file object per data file with its SHA-256, a file set over them, and splits named with Croissant's URLs")
    func distribution() throws {
        let (_, manifest) = try export("files", format: .parquet)
        let document = CroissantDocument(manifest: manifest).jsonValue
        guard case .array(let distribution)? = document["distribution"], case .array(let recordSets)? = document["recordSet"] else {
            Issue.record("no distribution or record sets")
            return
        }
        #expect(distribution.compactMap { $0["sha256"] } == manifest.files.map { .string($0.sha256) })
        #expect(distribution.compactMap { $0["encodingFormat"] }.allSatisfy { $0 == .string("application/x-parquet") })
        #expect(distribution.last?["includes"] == .array(manifest.files.map { .string($0.path) }))
        #expect(recordSets.first?["data"] == .array([
            .object([("splits/name", .string("test")), ("splits/url", .string("cr:TestSplit"))]),
            .object([("splits/name", .string("train")), ("splits/url", .string("cr:TrainingSplit"))]),
        ]))
        guard case .array(let fields)? = recordSets.last?["field"] else {
            Issue.record("no fields")
            return
        }
        #expect(fields.compactMap { $0["name"] } == RowColumns.names.map(JSONValue.string))
        #expect(fields.first { $0["name"] == .string("created_at") }?["dataType"] == .string("sc:DateTime"))
    }

    @Test("for JSON Lines the record set leaves out input, and output when a task's outputs are not categorical")
    func jsonLinesColumns() throws {
        let (_, manifest) = try export("lines")
        #expect(CroissantDocument(manifest: manifest).columns == RowColumns.names.filter { $0 != "input" })
        var objects = manifest
        objects.labels[0].counts = nil
        #expect(CroissantDocument(manifest: objects).columns == RowColumns.names.filter { $0 != "input" && $0 != "output" })
        objects.options.format = .csv
        #expect(CroissantDocument(manifest: objects).columns == RowColumns.names)
    }

    @Test("provenance.json: an entity, activity and agent per tuple, related to the dataset and the export")
    func provenance() throws {
        let (_, manifest) = try export("prov")
        let document = ProvenanceDocument(manifest: manifest).jsonValue
        guard case .object(let entities)? = document["entity"], case .object(let derived)? = document["wasDerivedFrom"],
              case .object(let agents)? = document["agent"] else {
            Issue.record("no entities, derivations or agents")
            return
        }
        let labels = entities.filter { $0.key.hasPrefix("labels:") }
        #expect(labels.count == manifest.provenance.count)
        #expect(derived.count == manifest.provenance.count)
        #expect(labels.compactMap { entity -> Int? in
            guard case .number(let count)? = entity.value["curate:records"] else { return nil }
            return Int(count)
        }.reduce(0, +) == manifest.records.count)
        #expect(Set(agents.map(\.key)) == ["curate:tool", "model:model-a", "model:model-b", "model:model-c", "annotator:ann-1"])
        #expect(entities.contains { $0.key == "prompt:\(ExportFixture.hash("intent@v1"))" })
    }

    @Test("PROV names percent-encode what a qualified name cannot hold")
    func localNames() {
        #expect(ProvenanceDocument.localName("claude-3-5-haiku-20241022") == "claude-3-5-haiku-20241022")
        #expect(ProvenanceDocument.localName("meta/llama 3") == "meta%2Fllama%203")
        #expect(ProvenanceDocument.localName("-x.") == "%2Dx%2E")
        #expect(ProvenanceDocument.localName("é") == "%C3%A9")
    }
}
