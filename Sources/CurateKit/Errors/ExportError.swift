import Foundation

/// Why an export, a flag or a dataset check could not be done.
///
/// Selectors are resolved before anything is read or written: an unknown or
/// ambiguous one is refused with the candidates, never guessed.
public enum ExportError: LocalizedError, Sendable, Equatable {
    /// `--task` names a task with no labels.
    case unknownTask(task: String, candidates: [String])
    /// A prompt selector is not written in any form curate knows.
    case invalidPromptSelector(selector: String, reason: String)
    /// A prompt selector matches no prompt of the selected tasks; `suggestion` is a
    /// selector that would, when one is near (`v1` for `V1`).
    case unknownPromptSelector(selector: String, candidates: [String], suggestion: String? = nil)
    /// A prompt selector names only prompts of the workspace (in its lock when `locked`, else
    /// only as template files) that no label of the selected tasks was made with.
    case promptWithoutLabels(selector: String, prompts: [String], locked: Bool, candidates: [String])
    /// A prompt selector matches in several ways (a word that is a name and a version,
    /// a hash prefix of several texts).
    case ambiguousPromptSelector(selector: String, candidates: [String])
    /// A model glob matches no model of the selected tasks; `suggestion` is a glob that
    /// would, when one is near (`gpt-4o-mini*` for `gpt-4o-mini`).
    case unknownModel(pattern: String, candidates: [String], suggestion: String? = nil)
    /// A run id has no labels in the selected tasks.
    case unknownRun(run: String, candidates: [String])
    /// No label has this record id.
    case unknownRecord(id: String)
    /// `--split` is not a valid split spec.
    case invalidSplit(spec: String, reason: String)
    /// `--since` or `--until` is not a time.
    case invalidTime(option: String, value: String)
    /// `--since` is not before `--until`.
    case emptyTimeRange(since: String, until: String)
    /// The dataset name would not stay a plain folder inside `datasets/`.
    case invalidDatasetName(name: String, reason: String)
    /// The dataset already exists and replacing it was not asked for.
    case datasetExists(path: String)
    /// The selection leaves no label to export.
    case nothingToExport(name: String)
    /// A dataset file or folder could not be written.
    case cannotWrite(path: String, reason: String)
    /// There is no dataset (or no manifest) at the path.
    case datasetMissing(path: String)
    /// A manifest is not a readable curate manifest.
    case invalidManifest(path: String, reason: String)
    /// `unflag` names something that is not flagged.
    case notFlagged(kind: FlagKind, target: String, flagged: [String])
    /// A `--param`/`--exclude-param` that is not `KEY=VALUE`.
    case invalidParam(String)
    /// A label's output does not have the struct shape its task's schema declares, so a
    /// Parquet `output` struct column cannot hold it (it was stored before the schema said so).
    case outputOutsideStruct(id: String, task: String, schemaPath: String, reason: String)

    /// How many candidates a message lists before it only counts the rest.
    public static let listedCandidates = 20

    /// Whether the user can fix this by changing the command or its input (exit 2),
    /// as opposed to a failure of the machine (a write that failed).
    public var isBadInput: Bool {
        if case .cannotWrite = self { return false }
        return true
    }

    public var errorDescription: String? {
        switch self {
        case .invalidParam(let text):
            return "--param \"\(text)\" is not KEY=VALUE; write e.g. --param temperature=0 or --param model_tier=fast"
        case .outputOutsideStruct(let id, let task, let schemaPath, let reason):
            return "cannot write label \(id) of task \"\(task)\" to Parquet: \(reason), but \(schemaPath) declares its outputs "
                + "an object of fixed members, written as a struct column; fix the schema, take the label out with "
                + "curate retract record \(id) --reason TEXT, or export another format (--format jsonl)"
        case .unknownTask(let task, let candidates):
            return "no labels for task \"\(task)\"; known tasks: \(Self.list(candidates))"
        case .invalidPromptSelector(let selector, let reason):
            return "\"\(selector)\" is not a prompt selector: \(reason)"
        case .unknownPromptSelector(let selector, let candidates, let suggestion):
            let hint = suggestion.map { " (did you mean \"\($0)\"?)" } ?? ""
            return "prompt selector \"\(selector)\" matches no prompt of the selected tasks\(hint); "
                + "use a name, a version label, NAME@VERSION or a hash prefix of one of: \(Self.list(candidates))"
        case .promptWithoutLabels(let selector, let prompts, let locked, let candidates):
            let one = prompts.count == 1
            let named = one ? "prompt \(prompts[0]) has" : "prompt selector \"\(selector)\" names \(Self.list(prompts)), which have"
            let source = switch (one, locked) {
            case (true, true): "it is in prompts.lock"
            case (true, false): "it has a template in prompts/"
            case (false, true): "they are in prompts.lock"
            case (false, false): "they have templates in prompts/"
            }
            return "\(named) no labels of the selected tasks in the store (\(source)); "
                + "ingest labels made with \(one ? "it" : "them"), or select one of: \(Self.list(candidates))"
        case .ambiguousPromptSelector(let selector, let candidates):
            return "prompt selector \"\(selector)\" is ambiguous; it could mean: \(Self.list(candidates)); write one of those instead"
        case .unknownModel(let pattern, let candidates, let suggestion):
            let hint = suggestion.map { " (did you mean \"\($0)\"? a pattern matches whole model ids)" } ?? ""
            return "model pattern \"\(pattern)\" matches no model of the selected tasks\(hint); known models: \(Self.list(candidates))"
        case .unknownRun(let run, let candidates):
            return "no labels of the selected tasks come from run \"\(run)\"; known runs: \(Self.list(candidates))"
        case .unknownRecord(let id):
            return "no label has record id \"\(id)\"; copy the id from an exported row (field \"id\")"
        case .invalidSplit(let spec, let reason):
            return "--split \"\(spec)\": \(reason); write it as NAME=FRACTION,…, e.g. train=0.8,validation=0.1,test=0.1"
        case .invalidTime(let option, let value):
            return "\(option) \"\(value)\" is not a time; write an RFC 3339 time (2026-08-01T00:00:00Z) or a UTC date (2026-08-01)"
        case .emptyTimeRange(let since, let until):
            return "--since \(since) is not before --until \(until), so nothing could be selected"
        case .invalidDatasetName(let name, let reason):
            return "\"\(name)\" cannot be a dataset name: \(reason); use letters, digits, '.', '_' and '-'"
        case .datasetExists(let path):
            return "the dataset \(path) already exists; pass --force to replace it, or choose another name"
        case .nothingToExport(let name):
            return "the selection for \"\(name)\" leaves no label to export; try 'curate export \(name) --dry-run' and loosen the rules"
        case .cannotWrite(let path, let reason):
            return "cannot write \(path): \(reason)"
        case .datasetMissing(let path):
            return "no dataset manifest at \(path); name a dataset folder (datasets/NAME) or its manifest.json"
        case .invalidManifest(let path, let reason):
            return "\(path) is not a curate manifest: \(reason)"
        case .notFlagged(let kind, let target, let flagged):
            let known = flagged.isEmpty ? "no \(kind.rawValue) is flagged" : "flagged: \(Self.list(flagged))"
            return "\(kind.rawValue) \"\(target)\" is not flagged; \(known)"
        }
    }

    /// `a, b, c`, or the first few and `… and N more`; `(none)` when empty.
    static func list(_ candidates: [String]) -> String {
        guard !candidates.isEmpty else { return "(none)" }
        let shown = candidates.prefix(listedCandidates).joined(separator: ", ")
        let rest = candidates.count - listedCandidates
        return rest > 0 ? "\(shown) … and \(rest) more" : shown
    }
}

extension ExportError {
    /// This error seen against the workspace's own prompts: an unknown prompt selector that
    /// names texts in `lock` or among `templates` becomes
    /// ``promptWithoutLabels(selector:prompts:locked:candidates:)``, since the store only
    /// knows prompts that labels were made with. Any other error is returned as it is.
    public func explained(lock: LockFile, templates: [PromptFile]) -> ExportError {
        guard case .unknownPromptSelector(let selector, let candidates, _) = self else { return self }
        let locked = lock.entries.flatMap { version, hashes in hashes.map { version.ref(sha256: $0) } }
        guard let matches = try? PromptSelectorResolver(prompts: locked + templates.map(\.ref)).resolve(selector).matches else { return self }
        return .promptWithoutLabels(
            selector: selector, prompts: matches.map(\.shortForm), locked: matches.contains { locked.contains($0) }, candidates: candidates)
    }
}
