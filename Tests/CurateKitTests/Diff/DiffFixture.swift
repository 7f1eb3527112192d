import Foundation
import Testing
@testable import CurateKit

/// Datasets exported from one ``ExportFixture`` store, loaded as diff sources.
extension ExportFixture {
    /// Labels whose exports differ in every way a diff reports when `sentiment@v2` is excluded:
    /// rev-1 falls back to another output (relabeled), rev-2 to the same output from another
    /// record (replaced), rev-3 has no other label (removed), rev-4 and tkt-1 stay.
    static let diffCorpus = [
        Label.llm("rev-1", "negative", prompt: "sentiment@v1", at: "2026-06-01T10:00:00Z"),
        Label.llm("rev-1", "positive", prompt: "sentiment@v2", model: "model-b", at: "2026-07-01T10:00:00Z"),
        Label.llm("rev-2", "neutral", prompt: "sentiment@v1", at: "2026-06-01T10:00:00Z"),
        Label.llm("rev-2", "neutral", prompt: "sentiment@v2", model: "model-b", at: "2026-07-01T10:00:00Z"),
        Label.llm("rev-3", "positive", prompt: "sentiment@v2", model: "model-b", at: "2026-07-02T10:00:00Z"),
        Label.llm("rev-4", "negative", prompt: "sentiment@v1", at: "2026-06-02T10:00:00Z"),
        Label.llm("tkt-1", "billing", task: "intent", prompt: "intent@v1", at: "2026-06-05T10:00:00Z"),
    ]

    /// `datasets/NAME` as a diff source.
    func source(_ name: String) throws -> DatasetSource {
        try DatasetSource.load("datasets/\(name)", relativeTo: folder.url)
    }

    /// The diff of `datasets/BEFORE` and `datasets/AFTER`.
    func diff(_ before: String, _ after: String, examples: Int = 5) throws -> ManifestDiff {
        try ManifestDiff.compare(try source(before), try source(after), examples: examples)
    }

    /// Exports `options` to `datasets/NAME` at `time`.
    func export(_ name: String, _ options: ExportOptions, at time: String) throws {
        let createdAt = try #require(Timestamp(rfc3339: time))
        _ = try Exporter(store: store).export(options, to: try dataset(name), replace: false, createdAt: createdAt)
    }
}

/// Export options leaving out one prompt selector.
func excluding(_ selector: String, format: ExportFormat = .jsonl) -> ExportOptions {
    ExportOptions(selection: Selection(excludePrompts: [selector]), format: format)
}
