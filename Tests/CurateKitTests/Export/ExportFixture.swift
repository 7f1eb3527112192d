import Foundation
@testable import CurateKit

/// A temporary store filled by ingesting JSON Lines, with a `datasets/` folder beside it.
final class ExportFixture {
    let folder: TemporaryDirectory
    let store: Store
    static let ingestedAt = Timestamp(nanosecondsSinceEpoch: 1_790_000_000_000_000_000)
    static let exportedAt = Timestamp(rfc3339: "2026-11-01T09:00:00Z") ?? Timestamp(nanosecondsSinceEpoch: 0)
    /// Prompt texts by name@version, so tests can refer to their hashes.
    static let texts = [
        "sentiment@v1": "Classify the review: {{input}}",
        "sentiment@v2": "Classify the review as positive, negative or neutral: {{input}}",
        "intent@v1": "Which intent? {{input}}",
    ]

    static func hash(_ key: String) -> String {
        PromptHash.of(texts[key] ?? "")
    }

    init(_ lines: [String] = []) throws {
        folder = try TemporaryDirectory()
        store = try Store(path: folder.storePath, create: true)
        if !lines.isEmpty { try ingest(lines) }
    }

    /// Ingests `lines` as one file.
    func ingest(_ lines: [String]) throws {
        let path = try folder.write("input-\(UUID().uuidString).jsonl", lines.joined(separator: "\n") + "\n")
        _ = try Ingester(store: store, policy: .refuse, ingestedAt: Self.ingestedAt).run(paths: [path])
    }

    var datasets: URL { folder.url.appendingPathComponent("datasets") }

    func dataset(_ name: String) throws -> DatasetFolder {
        try DatasetFolder(datasets: datasets, name: name)
    }

    /// Exports `options` to `datasets/NAME` at the fixed export time.
    @discardableResult
    func export(_ name: String, _ options: ExportOptions = ExportOptions(), replace: Bool = false) throws -> (manifest: Manifest, summary: ExportSummary) {
        try Exporter(store: store).export(options, to: try dataset(name), replace: replace, createdAt: Self.exportedAt)
    }

    /// The text of `datasets/NAME/FILE`.
    func read(_ name: String, _ file: String) throws -> String {
        try String(contentsOf: datasets.appendingPathComponent(name).appendingPathComponent(file), encoding: .utf8)
    }

    /// The manifest of `datasets/NAME`.
    func manifest(_ name: String) throws -> Manifest {
        try Manifest.read(from: datasets.appendingPathComponent(name).appendingPathComponent(Manifest.fileName))
    }

    /// The JSON objects of the JSON Lines data files of `split`, in path (task) order.
    func rows(_ name: String, split: String = SplitSpec.unsplitName) throws -> [JSONValue] {
        try manifest(name).files.filter { $0.split == split }.flatMap { file in
            try read(name, file.path).split(separator: "\n").map { try JSONParser.parse(String($0)) }
        }
    }

    /// One field of every row of the JSON Lines data files of `split`, as a string (JSON strings unquoted).
    func column(_ name: String, _ field: String, split: String = SplitSpec.unsplitName) throws -> [String] {
        try rows(name, split: split).map { row in
            switch row[field] {
            case .string(let text)?: text
            case let value?: JSONWriter.canonical(value)
            case nil: "<missing>"
            }
        }
    }
}

/// Label record lines for tests, built as JSON values so every string is escaped right.
enum Label {
    /// An LLM label. `prompt` is `NAME@VERSION`; its text comes from ``ExportFixture/texts``
    /// unless `withText` is false (then the record has no hash: `unknown`).
    static func llm(
        _ input: String, _ output: String = "positive", task: String = "sentiment", prompt: String = "sentiment@v1",
        model: String = "model-a", at time: String = "2026-06-01T12:00:00Z", run: String? = nil, id: String? = nil,
        withText: Bool = true, inputPayload: JSONValue? = nil, supersedes: String? = nil
    ) -> String {
        let parts = prompt.split(separator: "@").map(String.init)
        var promptMembers: [(key: String, value: JSONValue)] = [("name", .string(parts[0])), ("version", .string(parts[1]))]
        if withText { promptMembers.append(("text", .string(ExportFixture.texts[prompt] ?? prompt))) }
        var members: [(key: String, value: JSONValue)] = [
            ("task", .string(task)), ("input_id", .string(input)), ("output", .string(output)),
            ("created_at", .string(time)), ("model", .string(model)), ("prompt", .object(promptMembers)),
            ("input", inputPayload ?? .object([("text", .string("text of \(input)"))])),
        ]
        if let run { members.append(("run", .string(run))) }
        if let id { members.append(("id", .string(id))) }
        if let supersedes { members.append(("supersedes", .string(supersedes))) }
        return JSONWriter.canonical(.object(members))
    }

    /// A human label.
    static func human(
        _ input: String, _ output: String = "neutral", task: String = "sentiment", annotator: String = "ann-1",
        at time: String = "2026-06-01T12:00:00Z", id: String? = nil
    ) -> String {
        var members: [(key: String, value: JSONValue)] = [
            ("task", .string(task)), ("input_id", .string(input)), ("output", .string(output)),
            ("created_at", .string(time)), ("origin", .string("human")), ("annotator", .string(annotator)),
        ]
        if let id { members.append(("id", .string(id))) }
        return JSONWriter.canonical(.object(members))
    }
}
