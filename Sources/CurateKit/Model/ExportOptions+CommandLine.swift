/// The command line that asks for an export, as its manifest records it.
extension ExportOptions {
    /// The `curate export` arguments that ask for these options with every default spelled
    /// out and every list sorted (the options normalized), so two spellings of one export
    /// record one command and the command is the same on every machine (no store path).
    /// - Parameter name: the dataset's name.
    public func commandLine(name: String) -> [String] {
        let selection = selection.normalized
        var arguments = ["curate", "export", name]
        func add(_ option: String, _ values: [String]) {
            for value in values { arguments += [option, value] }
        }
        add("--task", selection.tasks)
        add("--include-prompt", selection.includePrompts)
        add("--exclude-prompt", selection.excludePrompts)
        add("--include-model", selection.includeModels)
        add("--exclude-model", selection.excludeModels)
        add("--since", selection.since.map { [$0.rfc3339] } ?? [])
        add("--until", selection.until.map { [$0.rfc3339] } ?? [])
        add("--exclude-run", selection.excludeRuns)
        add("--origin", selection.origins.map(\.rawValue))
        add("--param", selection.includeParams.map(\.description))
        add("--exclude-param", selection.excludeParams.map(\.description))
        add("--output-matches", selection.outputMatches)
        add("--exclude-output-matches", selection.excludeOutputMatches)
        if selection.includeFlagged { arguments.append("--include-flagged") }
        add("--resolve", [resolve.rawValue])
        if !humanPriority { arguments.append("--no-human-priority") }
        if split.splits.map(\.name) != [SplitSpec.unsplitName] {
            add("--split", [split.splits.map { "\($0.name)=\($0.fraction)" }.joined(separator: ",")])
        }
        add("--seed", [String(split.seed)])
        add("--split-key", [split.key.rawValue])
        add("--format", [format.rawValue])
        return arguments
    }
}
