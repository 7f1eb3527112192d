/// The card's Markdown body, for a person: what the dataset is and how it was made.
extension DatasetCard {
    /// The most labels of one task the label table shows; the manifest has them all.
    static let maximumLabelRows = 30

    /// The title and introduction, then one section each: how it was made, provenance,
    /// labels, loading, files.
    var body: String {
        [introduction, howItWasMade, provenance, labels, loading, files].joined(separator: "\n")
    }

    private var introduction: String {
        let taskList = tasks.isEmpty ? "" : " (\(Self.count(tasks.count, "task")): \(tasks.map(Self.cell).joined(separator: ", ")))"
        return """
            # \(Self.cell(manifest.name))

            \(manifest.records.count) labelled records\(taskList), exported by \(Self.cell(manifest.tool.name))
            (its version is in `manifest.json`).

            curate keeps every label an LLM (or a person) made with its provenance: the model, the prompt
            (identified by the SHA-256 of its text, shown as `NAME@VERSION#HASH12`), the generation params,
            when it was made, its run and its origin, so that labels of a noisy prompt or model can be left
            out of a training set, found again and regenerated. `manifest.json` records the rules below,
            every provenance tuple and the SHA-256 of every file; `curate verify` checks them, and
            `curate diff` compares two datasets.

            """
    }

    private var howItWasMade: String {
        let options = manifest.options
        let selection = options.selection
        var rows: [(String, String)] = [("tasks", selection.tasks.isEmpty ? "every task" : selection.tasks.map(Self.cell).joined(separator: ", "))]
        func add(_ rule: String, _ values: [String]) {
            if !values.isEmpty { rows.append((rule, values.map(Self.cell).joined(separator: ", "))) }
        }
        let prompts = Dictionary(manifest.resolvedPrompts.map { ($0.selector, $0.matches) }) { first, _ in first }
        let models = Dictionary(manifest.resolvedModels.map { ($0.pattern, $0.matches) }) { first, _ in first }
        func resolved(_ selectors: [String], _ matches: [String: [String]]) -> [String] {
            selectors.map { selector in
                guard let found = matches[selector], found != [selector] else { return selector }
                return "\(selector) (\(found.joined(separator: ", ")))"
            }
        }
        let shortForms = prompts.mapValues { $0.map(\.shortForm) }
        add("include prompts", resolved(selection.includePrompts, shortForms))
        add("exclude prompts", resolved(selection.excludePrompts, shortForms))
        add("include models", resolved(selection.includeModels, models))
        add("exclude models", resolved(selection.excludeModels, models))
        add("since", selection.since.map { [$0.rfc3339] } ?? [])
        add("until", selection.until.map { [$0.rfc3339] } ?? [])
        add("exclude runs", selection.excludeRuns)
        add("origins", selection.origins.map(\.rawValue))
        add("params", selection.includeParams.map(\.description))
        add("exclude params", selection.excludeParams.map(\.description))
        add("output matches", selection.outputMatches)
        add("exclude output matches", selection.excludeOutputMatches)
        let flagged = manifest.flags.reduce(0) { $0 + $1.labels }
        rows.append(("flagged labels", "\(flagged) \(selection.includeFlagged ? "kept" : "left out") (\(Self.count(manifest.flags.count, "flag")))"))
        rows.append(("one label per input", "\(options.resolve.rawValue)" + (options.humanPriority ? ", human labels first" : "")))
        let split = options.split
        rows.append(("splits", "\(split.description), seed \(split.seed), by \(split.key.rawValue)"))
        if split.splits.count > 1 { rows.append(("inputs in several splits", "\(manifest.inputsInSeveralSplits) (the same input under other input_ids)")) }
        rows.append(("format", options.format.rawValue))
        return "## How it was made\n\n" + Self.table(["rule", "value"], rows.map { [$0.0, $0.1] }, rightAligned: [])
    }

    private var provenance: String {
        let rows = manifest.provenance.map { entry in
            [
                Self.cell(entry.tuple.task), Self.cell(entry.tuple.producerDescription), Self.cell(entry.tuple.prompt?.shortForm ?? "-"),
                entry.tuple.hashStatus?.rawValue ?? "-", String(entry.records),
            ]
        }
        return """
            ## Provenance

            Records per provenance tuple: task, producer (model, or `human:ANNOTATOR`), prompt text, and
            how sure the prompt's hash is (`recorded`, `resolved`, `inferred-git`, `ambiguous`, `unknown`).

            """ + "\n" + Self.table(["task", "producer", "prompt", "hash", "records"], rows, rightAligned: [4])
    }

    private var labels: String {
        let splits = manifest.options.split.splits.map(\.name)
        var text = "## Labels\n\nLabels per task and split (a string output as itself, any other as its JSON text).\n"
        for distribution in manifest.labels {
            text += "\n### \(Self.cell(distribution.task))\n\n"
            guard let counts = distribution.counts else {
                text += "Its outputs are not categorical (objects, arrays or more than \(Manifest.LabelDistribution.maximumCategories) values).\n"
                continue
            }
            let bySplit = splits.map { split in
                manifest.labelsBySplit[split]?.first { $0.task == distribution.task }?.counts ?? [:]
            }
            let ordered = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            let rows = ordered.prefix(Self.maximumLabelRows).map { label, total in
                [Self.cell(label)] + bySplit.map { String($0[label] ?? 0) } + [String(total)]
            }
            text += Self.table(["label"] + splits.map(Self.cell) + ["all"], rows, rightAligned: Set(1...splits.count + 1))
            if ordered.count > Self.maximumLabelRows {
                text += "\n\(ordered.count - Self.maximumLabelRows) more labels are counted in `manifest.json`.\n"
            }
        }
        return text
    }

    private var files: String {
        let rows = manifest.files.map { file in [Self.cell(file.path), Self.cell(file.split), Self.cell(file.task ?? "-"), String(file.records)] }
        var text = """
            ## Files

            Each split has one data file per task with records in it (`SPLIT-00000-of-00002` holds the
            first task's part), rows ordered by task, input_id, created_at and record id.

            """ + "\n" + Self.table(["file", "split", "task", "records"], rows, rightAligned: [3])
        let empty = manifest.options.split.splits.map(\.name).filter { split in !manifest.files.contains { $0.split == split && $0.records > 0 } }
        if !empty.isEmpty {
            text += "\nNo records fell in \(empty.map { "`\($0)`" }.joined(separator: ", ")): its file is empty, and the\n"
                + "configs leave it out, since Hugging Face datasets cannot load an empty split.\n"
        }
        let unnamed = tasks.filter { !configTasks.contains($0) }
        if !unnamed.isEmpty {
            text += "\nTasks without a config of their own (their name cannot be a config name):\n"
                + unnamed.map(Self.cell).joined(separator: ", ") + ".\n"
        }
        return text + """

            - `manifest.json`: the rules, provenance tuples, label counts and the SHA-256 of every file.
            - `\(manifest.records.path)`: one JSON object a line, `{"id","input_id","task"}` per record, in
              row order; its SHA-256 is the digest of the record set. Named so that no glob over data
              files picks it up.
            - `\(Self.fileName)`: this card, made from the manifest.

            """
    }

    // MARK: Markdown

    /// A GitHub-flavoured Markdown table with a header row; cells are given escaped.
    static func table(_ header: [String], _ rows: [[String]], rightAligned: Set<Int>) -> String {
        let rule = header.indices.map { rightAligned.contains($0) ? "---:" : "---" }
        return ([header, rule] + rows).map { "| " + $0.joined(separator: " | ") + " |" }.joined(separator: "\n") + "\n"
    }

    /// A value from the data as Markdown text: control and bidi characters made visible
    /// (``TerminalText/escaped(_:)``), then every ASCII punctuation character Markdown might
    /// read as markup inside a line escaped with a backslash, so the value shows as it is.
    static func cell(_ value: String) -> String {
        var text = ""
        for character in TerminalText.escaped(value) {
            if "\\`*_[]<>|~&".contains(character) { text.append("\\") }
            text.append(character)
        }
        return text
    }

    /// `1 task`, `2 tasks`.
    static func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }
}
