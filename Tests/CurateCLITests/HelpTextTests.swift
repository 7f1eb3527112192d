import Foundation
import Testing

/// Every command's `--help` read in an 80-column terminal: examples that can be copied
/// whole, each default said once, and the shell completion script `docs/cli.md` documents.
@Suite("help text")
struct HelpTextTests {
    /// Every command path (`[]` is curate itself), found from the SUBCOMMANDS of each help.
    static func commandPaths(in workspace: TempWorkspace) throws -> [[String]] {
        var paths: [[String]] = []
        var pending: [[String]] = [[]]
        while let path = pending.popLast() {
            paths.append(path)
            let help = try workspace.curateSucceeds(path + ["--help"], environment: ["COLUMNS": "80"]).out
            let lines = help.split(separator: "\n", omittingEmptySubsequences: false)
            guard let start = lines.firstIndex(of: "SUBCOMMANDS:") else { continue }
            for line in lines[(start + 1)...] where line.hasPrefix("  ") && !line.hasPrefix("   ") {
                guard let name = line.split(separator: " ").first, !line.contains("See '") else { continue }
                pending.append(path + [String(name)])
            }
        }
        return paths.sorted { $0.joined(separator: " ") < $1.joined(separator: " ") }
    }

    /// The lines of the `Examples:` block of `help`, up to the next blank line.
    static func examples(in help: String) -> [Substring] {
        let lines = help.split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.firstIndex(of: "Examples:") else { return [] }
        return Array(lines[(start + 1)...].prefix { !$0.isEmpty })
    }

    @Test("at 80 columns every example is a command at column 2 or its continuation at 6, at most 78 columns wide")
    func examplesFit() throws {
        try TempWorkspace.with { workspace in
            let paths = try Self.commandPaths(in: workspace)
            #expect(paths.contains(["prompts", "lock"]), "\(paths)")
            var withExamples = 0
            for path in paths {
                let help = try workspace.curateSucceeds(path + ["--help"], environment: ["COLUMNS": "80"]).out
                let examples = Self.examples(in: help)
                if !examples.isEmpty { withExamples += 1 }
                var continues = false
                for line in examples {
                    let command = "curate \(path.joined(separator: " "))"
                    #expect(line.count <= 78, "\(command) --help: an example is \(line.count) columns: \(line)")
                    // A wrapped line starts in column 0; an example at column 2, its continuation at 6.
                    let indent = line.prefix { $0 == " " }.count
                    let expected = continues ? indent == 6 : indent == 2 && line.contains("curate ")
                    #expect(expected, "\(command) --help: an example wrapped: \(line)")
                    continues = line.hasSuffix(" \\")
                }
                #expect(!continues, "curate \(path.joined(separator: " ")) --help: the last example ends in a continuation")
            }
            #expect(withExamples >= 10, "only \(withExamples) commands show examples")
        }
    }

    @Test("no option's help states its default twice")
    func defaultsOnce() throws {
        try TempWorkspace.with { workspace in
            for path in try Self.commandPaths(in: workspace) {
                // Unwrapped, so each option's help is one line.
                let help = try workspace.curateSucceeds(path + ["--help"], environment: ["COLUMNS": "10000"]).out
                for line in help.split(separator: "\n") where line.contains("(default: ") {
                    let before = line.prefix(upTo: line.range(of: "(default: ")?.lowerBound ?? line.endIndex)
                    #expect(!before.lowercased().contains("default"), "curate \(path.joined(separator: " ")) --help: \(line)")
                }
            }
        }
    }

    @Test("--generate-completion-script writes a script that knows every command", arguments: ["bash", "zsh", "fish"])
    func completionScript(shell: String) throws {
        try TempWorkspace.with { workspace in
            let result = try workspace.curate(["--generate-completion-script", shell])
            #expect(result.status == 0, "\(result)")
            for command in ["ingest", "export", "stale", "flag", "lock", "exclude-prompt"] {
                #expect(result.out.contains(command), "\(shell) completion lacks \(command)")
            }
        }
    }
}
