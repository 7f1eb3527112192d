import Foundation
import Testing

/// `curate stats`: the aligned table and `--json`, compared with golden files.
@Suite("curate stats")
struct StatsTests {
    /// A workspace holding `Fixtures/labels-small.jsonl`.
    static func withSmallStore(_ body: (TempWorkspace) throws -> Void) throws {
        try TempWorkspace.with { workspace in
            try workspace.initWorkspace()
            try workspace.copyFixture("labels-small.jsonl")
            try workspace.curateSucceeds(["ingest", "labels-small.jsonl"])
            try body(workspace)
        }
    }

    @Test("stats prints one aligned row per provenance tuple", arguments: [
        (["stats"], "stats.txt"),
        (["stats", "--json"], "stats.json"),
        (["stats", "--task", "sentiment"], "stats-sentiment.txt"),
        (["stats", "--task", "sentiment", "--json"], "stats-sentiment.json"),
    ])
    func matchesGoldenFile(arguments: [String], snapshot: String) throws {
        try Self.withSmallStore { workspace in
            let result = try workspace.curate(arguments)
            #expect(result.status == 0, "\(result)")
            #expect(result.stderr.isEmpty, "\(result)")
            Snapshot.expect(result.out, matches: snapshot)
        }
    }

    @Test("stats of an empty store", arguments: [(["stats"], "stats-empty.txt"), (["stats", "--json"], "stats-empty.json")])
    func emptyStore(arguments: [String], snapshot: String) throws {
        try TempWorkspace.with { workspace in
            try workspace.initWorkspace()
            let result = try workspace.curate(arguments)
            #expect(result.status == 0, "\(result)")
            Snapshot.expect(result.out, matches: snapshot)
        }
    }

    @Test("--json counts every stored label once, with first and last created_at in UTC")
    func jsonAgreesWithTheInput() throws {
        try Self.withSmallStore { workspace in
            let tuples = try workspace.statsJSON()
            let total = tuples.reduce(0) { $0 + ($1["labels"] as? Int ?? 0) }
            #expect(total == (try TestFiles.fixtureLines("labels-small.jsonl").count))
            for tuple in tuples {
                let first = try #require(tuple["first_created_at"] as? String)
                let last = try #require(tuple["last_created_at"] as? String)
                #expect(first.hasSuffix("Z") && last.hasSuffix("Z"), "times not in UTC: \(tuple)")
                #expect(first <= last, "first after last: \(tuple)")
            }
            let sentiment = try workspace.statsJSON(arguments: ["--task", "sentiment"])
            #expect(!sentiment.isEmpty)
            #expect(sentiment.allSatisfy { $0["task"] as? String == "sentiment" })
            #expect(sentiment.count == tuples.filter { $0["task"] as? String == "sentiment" }.count)
        }
    }

    @Test("the table's columns line up: text on the left edge, counts on the right edge")
    func tableIsAligned() throws {
        try Self.withSmallStore { workspace in
            let output = try workspace.curateSucceeds(["stats"]).out
            let lines = output.split(separator: "\n").map(String.init)
            let rows = lines.dropLast()  // the last line is the total
            let header = try #require(rows.first)
            #expect(rows.count == (try workspace.statsJSON().count) + 1)
            #expect(lines.allSatisfy { !$0.hasSuffix(" ") }, "trailing spaces")

            let labelsEnd = try #require(header.range(of: "labels")).upperBound.utf16Offset(in: header)
            let promptStart = try #require(header.range(of: "prompt")).lowerBound.utf16Offset(in: header)
            for row in rows.dropFirst() {
                let characters = Array(row)
                #expect(characters.count >= labelsEnd, "short row: \(row)")
                guard characters.count >= labelsEnd else { continue }
                #expect(characters[labelsEnd - 1].isNumber, "the count does not end under 'labels': \(row)")
                #expect(characters.count == labelsEnd || characters[labelsEnd] == " ", "the count runs past 'labels': \(row)")
                #expect(characters[promptStart - 1] == " " && characters[promptStart] != " ", "the prompt does not start under 'prompt': \(row)")
            }
        }
    }
}
