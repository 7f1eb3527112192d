import Foundation
import Testing

/// The sample generator (`scripts/generate-labels.py`): the shipped sample is what it makes, and
/// its gold labels, on which `examples/train.py` scores models, are for inputs no label record shows.
@Suite("the sample generator and its gold labels")
struct SampleGeneratorTests {
    static let generator = ReadmeTourTests.repository.appendingPathComponent("scripts/generate-labels.py")

    /// Runs the generator with `arguments` in the workspace's root; requires it to succeed.
    static func generate(_ arguments: [String], in workspace: TempWorkspace) throws {
        let result = try ChildProcess.run(
            URL(fileURLWithPath: "/usr/bin/env"), ["python3", generator.path] + arguments, in: workspace.root,
            environment: CurateRunner.environment())
        try #require(result.status == 0, "\(result)")
    }

    /// The JSON objects of a JSON Lines file.
    static func objects(_ data: Data) throws -> [[String: Any]] {
        try TestFiles.lines(of: data).map { try #require(try JSONSerialization.jsonObject(with: $0) as? [String: Any]) }
    }

    /// The text of a record's `{"text": …}` input.
    static func text(_ object: [String: Any]) -> String? {
        (object["input"] as? [String: Any])?["text"] as? String
    }

    @Test(
        "examples/labels.jsonl is what the generator makes with its defaults",
        .enabled(if: ReadmeTourTests.pythonAvailable, "needs python3"))
    func shippedSample() throws {
        try TempWorkspace.with { workspace in
            try Self.generate(["--output", "labels.jsonl"], in: workspace)
            let shipped = try Data(contentsOf: ReadmeTourTests.repository.appendingPathComponent("examples/labels.jsonl"))
            #expect(try workspace.read("labels.jsonl") == shipped, "regenerate it: python3 scripts/generate-labels.py --output examples/labels.jsonl")
        }
    }

    @Test(
        "gold inputs have ids and texts no label record has, hard ones among them, the same bytes every run",
        .enabled(if: ReadmeTourTests.pythonAvailable, "needs python3"),
        arguments: [["--records", "3000"], ["--records", "20000", "--tasks", "3"]])
    func heldOut(_ arguments: [String]) throws {
        try TempWorkspace.with { workspace in
            let gold = ["--gold-inputs", "2000", "--output", "labels.jsonl"]
            try Self.generate(arguments + gold + ["--gold", "gold.jsonl"], in: workspace)
            try Self.generate(arguments + gold + ["--gold", "again.jsonl"], in: workspace)
            #expect(try workspace.read("gold.jsonl") == workspace.read("again.jsonl"))

            let records = try Self.objects(workspace.read("labels.jsonl"))
            let labelledIDs = Set(records.compactMap { record in (record["input_id"] as? String).map { "\(record["task"] ?? "")/\($0)" } })
            let labelledTexts = Set(records.compactMap { record in Self.text(record).map { "\(record["task"] ?? "")/\($0)" } })
            var goldTexts: Set<String> = []
            var counts: [String: (all: Int, hard: Int)] = [:]
            for row in try Self.objects(workspace.read("gold.jsonl")) {
                let task = try #require(row["task"] as? String)
                let id = try #require(row["input_id"] as? String)
                let text = try #require(Self.text(row))
                let hard = try #require(row["hard"] as? Bool)
                #expect(row["label"] is String)
                #expect(!labelledIDs.contains("\(task)/\(id)"), "\(id) is labelled")
                #expect(!labelledTexts.contains("\(task)/\(text)"), "\(id): a labelled input has its text: \(text)")
                #expect(goldTexts.insert("\(task)/\(text)").inserted, "\(id): another gold input has its text")
                counts[task, default: (0, 0)].all += 1
                counts[task, default: (0, 0)].hard += hard ? 1 : 0
            }
            let tasks = arguments.contains("--tasks") ? ["intent", "sentiment", "toxicity"] : ["intent", "sentiment"]
            #expect(counts.keys.sorted() == tasks)
            for (task, count) in counts {
                #expect(count.all == 2000, "\(task)")
                #expect(count.hard >= 60, "\(task): \(count.hard) hard inputs")
            }
        }
    }
}
