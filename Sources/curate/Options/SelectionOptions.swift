import ArgumentParser
import CurateKit

/// The selection rules of `export`, `stale` and `audit`: which stored labels are considered.
struct SelectionOptions: ParsableArguments {
    @Option(name: .customLong("task"), help: ArgumentHelp("Only labels of this task (repeatable; default: every task).", valueName: "task"))
    var tasks: [String] = []

    @Option(name: .customLong("include-prompt"), help: ArgumentHelp(
        "Only LLM labels of these prompts (repeatable, a union): a version label (v2), NAME, NAME@VERSION, a hash prefix of 7+ hex digits, or NAME@VERSION#HASH.",
        valueName: "selector"))
    var includePrompts: [String] = []

    @Option(name: .customLong("exclude-prompt"), help: ArgumentHelp(
        "Leave out LLM labels of these prompts (repeatable; wins over any include). 'v2' drops every text ever stored as v2.",
        valueName: "selector"))
    var excludePrompts: [String] = []

    @Option(name: .customLong("include-model"), help: ArgumentHelp("Only LLM labels of models matching this glob (repeatable, a union), e.g. 'claude-*'.", valueName: "glob"))
    var includeModels: [String] = []

    @Option(name: .customLong("exclude-model"), help: ArgumentHelp("Leave out LLM labels of models matching this glob (repeatable).", valueName: "glob"))
    var excludeModels: [String] = []

    @Option(help: ArgumentHelp("Only labels created at or after this time (RFC 3339, or a UTC date YYYY-MM-DD).", valueName: "time"))
    var since: String?

    @Option(help: ArgumentHelp("Only labels created before this time (RFC 3339, or a UTC date YYYY-MM-DD).", valueName: "time"))
    var until: String?

    @Option(name: .customLong("exclude-run"), help: ArgumentHelp("Leave out labels of this run id (repeatable).", valueName: "run"))
    var excludeRuns: [String] = []

    @Option(name: .customLong("origin"), help: ArgumentHelp("Only labels of this origin: llm or human (repeatable; default: both).", valueName: "origin"))
    var origins: [String] = []

    @Option(name: .customLong("param"), help: ArgumentHelp(
        "Only labels whose params member KEY equals VALUE, compared as JSON (repeatable: values of one key are a union, keys must all hold).",
        valueName: "key=value"))
    var includeParams: [String] = []

    @Option(name: .customLong("exclude-param"), help: ArgumentHelp("Leave out labels whose params member KEY equals VALUE (repeatable).", valueName: "key=value"))
    var excludeParams: [String] = []

    @Option(name: .customLong("output-matches"), help: ArgumentHelp(
        "Only labels whose output matches this regular expression (repeatable, a union; a string output is searched as its text, any other as JSON). On stale: list the inputs whose label matches, reason output-matches.",
        valueName: "regex"))
    var outputMatches: [String] = []

    @Option(name: .customLong("exclude-output-matches"), help: ArgumentHelp("Leave out labels whose output matches this regular expression (repeatable).", valueName: "regex"))
    var excludeOutputMatches: [String] = []

    @Flag(help: "Consider flagged labels too (see 'curate flags'); an export's manifest still lists the flags that matched.")
    var includeFlagged = false

    func validate() throws {
        do {
            _ = try selection()
            for pattern in outputMatches + excludeOutputMatches { _ = try OutputPattern(pattern) }
        } catch let error as ExportError {
            throw ValidationError(error.errorDescription ?? "\(error)")
        } catch let error as OutputPatternError {
            throw ValidationError(error.errorDescription ?? "\(error)")
        }
    }

    /// The rules as a ``Selection``.
    func selection() throws -> Selection {
        var parsedOrigins: [Origin] = []
        for text in origins {
            guard let origin = Origin(rawValue: text) else {
                throw ValidationError("--origin \"\(text)\" is not an origin; use llm or human.")
            }
            parsedOrigins.append(origin)
        }
        return Selection(
            tasks: tasks, includePrompts: includePrompts, excludePrompts: excludePrompts,
            includeModels: includeModels, excludeModels: excludeModels,
            since: try time(since, option: "--since"), until: try time(until, option: "--until"),
            excludeRuns: excludeRuns, origins: parsedOrigins, includeFlagged: includeFlagged,
            includeParams: try includeParams.map(ParamMatch.init(parsing:)),
            excludeParams: try excludeParams.map(ParamMatch.init(parsing:)),
            outputMatches: outputMatches, excludeOutputMatches: excludeOutputMatches)
    }

    private func time(_ text: String?, option: String) throws(ExportError) -> Timestamp? {
        guard let text else { return nil }
        guard let time = Timestamp(rfc3339OrDate: text) else { throw .invalidTime(option: option, value: text) }
        return time
    }
}
