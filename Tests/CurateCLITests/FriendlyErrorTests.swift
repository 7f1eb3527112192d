import Foundation
import Testing

/// Mistakes a person makes at the prompt get one `curate: …` sentence on stderr that
/// names the likely fix, and exit 2.
@Suite("friendly errors")
struct FriendlyErrorTests {
    /// A workspace with two tasks, two models, prompts sentiment@v1 and intent@v2 with
    /// labels, and a prompt `toxicity` that is locked and has a template but no labels.
    static func withWorkspace(_ body: (TempWorkspace) throws -> Void) throws {
        try TempWorkspace.with { workspace in
            try workspace.initWorkspace()
            try workspace.write("prompts/toxicity/v1.txt", "Is this toxic? {text}\n")
            try workspace.curateSucceeds(["prompts", "lock", "toxicity@v1"])
            try workspace.write("prompts/summary/v1.txt", "Summarize: {text}\n")
            try workspace.write("labels.jsonl", LabelLines.file([
                LabelLines.llm(inputID: "a", model: "gpt-4o-mini-2024-07-18"),
                LabelLines.llm(inputID: "b", model: "claude-sonnet-4-5-20250929"),
                LabelLines.llm(inputID: "c", task: "intent", output: "billing", model: "claude-sonnet-4-5-20250929", prompt: "intent", version: "v2"),
            ]))
            try workspace.curateSucceeds(["ingest", "labels.jsonl"])
            try body(workspace)
        }
    }

    /// Whether `line` is `expected`, in which `HASH12` stands for 12 hex digits (a prompt's short hash).
    static func isExpected(_ line: Substring, _ expected: String) -> Bool {
        var rest = line
        for (index, part) in expected.components(separatedBy: "HASH12").enumerated() {
            if index > 0 {
                guard rest.prefix(12).count == 12, rest.prefix(12).allSatisfy(\.isHexDigit) else { return false }
                rest = rest.dropFirst(12)
            }
            guard rest.hasPrefix(part) else { return false }
            rest = rest.dropFirst(part.count)
        }
        return rest.isEmpty
    }

    /// Invocations that must fail with exit 2, and the first line they must write to stderr.
    static let refusals: [(arguments: [String], firstLine: String)] = [
        (["exprot", "x"], "curate: unknown command 'exprot'; did you mean 'export'?"),
        (["stat"], "curate: unknown command 'stat'; did you mean 'stats'?"),
        (["hlep"], "curate: unknown command 'hlep'; did you mean 'help'?"),
        (["prompts", "lcok"], "curate: unknown command 'prompts lcok'; did you mean 'prompts lock'?"),
        (["help", "nosuch"], "curate: unknown command 'nosuch'; the commands are: init, ingest, stats, prompts, backfill, export, stale, audit, verify, diff, flag, unflag, flags, retract, retractions, check, show, store"),
        (["help", "prompts", "lokc"], "curate: unknown command 'prompts lokc'; did you mean 'prompts lock'?"),
        (["stats", "--bogus"], "curate: unknown option '--bogus'"),
        (["export"], "curate: missing expected argument '<name>' (the dataset's name), or give --from-manifest PATH."),
        (["export", "x", "--seed", "-1"], "curate: the value '-1' is invalid for '--seed <n>'"),
        (["export", "x", "--origin", "robot"], "curate: --origin \"robot\" is not an origin; use llm or human."),
        (["export", "x", "--exclude-model", "gpt-4o-mini"],
            "curate: model pattern \"gpt-4o-mini\" matches no model of the selected tasks (did you mean \"gpt-4o-mini*\"? a pattern matches whole model ids); known models: claude-sonnet-4-5-20250929, gpt-4o-mini-2024-07-18"),
        (["flag", "model", "claude", "--reason", "r"],
            "curate: model pattern \"claude\" matches no model of the selected tasks (did you mean \"claude*\"? a pattern matches whole model ids); known models: claude-sonnet-4-5-20250929, gpt-4o-mini-2024-07-18"),
        (["export", "x", "--include-prompt", "V1"],
            "curate: prompt selector \"V1\" matches no prompt of the selected tasks (did you mean \"v1\"?); use a name, a version label, NAME@VERSION or a hash prefix of one of: intent@v2#unknown, sentiment@v1#unknown"),
        (["audit", "--exclude-prompt", "Sentiment@V1"],
            "curate: prompt selector \"Sentiment@V1\" matches no prompt of the selected tasks (did you mean \"sentiment@v1\"?); use a name, a version label, NAME@VERSION or a hash prefix of one of: intent@v2#unknown, sentiment@v1#unknown"),
        (["export", "x", "--include-prompt", "toxicity"],
            "curate: prompt toxicity@v1#HASH12 has no labels of the selected tasks in the store (it is in prompts.lock); ingest labels made with it, or select one of: intent@v2#unknown, sentiment@v1#unknown"),
        (["stale", "--include-prompt", "summary@v1"],
            "curate: prompt summary@v1#HASH12 has no labels of the selected tasks in the store (it has a template in prompts/); ingest labels made with it, or select one of: intent@v2#unknown, sentiment@v1#unknown"),
        (["stats", "--task", "nosuch"], "curate: no labels for task \"nosuch\"; known tasks: intent, sentiment"),
        (["stats", "--task", "nosuch", "--params"], "curate: no labels for task \"nosuch\"; known tasks: intent, sentiment"),
    ]

    @Test("a mistake exits 2 with one curate: sentence on stderr", arguments: refusals)
    func refused(arguments: [String], firstLine: String) throws {
        try Self.withWorkspace { workspace in
            let result = try workspace.curate(arguments)
            #expect(result.status == 2, "\(result)")
            #expect(result.stdout.isEmpty, "\(result)")
            let lines = result.err.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines.first.map { Self.isExpected($0, firstLine) } == true, "expected \(firstLine)\n\(result)")
            #expect(!result.err.contains("Error:"), "\(result)")
        }
    }

    @Test("a usage error ends with the usage of the command it is about")
    func usageHintAfterTheMessage() throws {
        try Self.withWorkspace { workspace in
            let unknown = try workspace.curate(["prompts", "lcok"])
            #expect(unknown.err.contains("\nUsage: curate prompts <subcommand>\n  See 'curate prompts --help' for more information.\n"), "\(unknown)")
            let option = try workspace.curate(["stats", "--bogus"])
            #expect(option.err.hasSuffix("  See 'curate stats --help' for more information.\n"), "\(option)")
        }
    }

    @Test("a known command, an option value and help still work", arguments: [
        ["help", "prompts", "lock"], ["prompts"], ["stats", "--task", "intent"], ["help"],
    ])
    func stillWorks(_ arguments: [String]) throws {
        try Self.withWorkspace { workspace in
            let result = try workspace.curate(arguments)
            #expect(result.status == 0, "\(result)")
            #expect(!result.stdout.isEmpty, "\(result)")
        }
    }
}
