/// Turns a ``Selection`` into an ``SelectionPlan``: every task, prompt selector, model
/// glob and run is checked against the store before any label is read, so an
/// unknown or ambiguous one stops the export with the candidates listed.
struct SelectionResolver {
    let store: any StoreBackend
    /// Every (task, tuple) with labels.
    let catalog: [CatalogEntry]

    /// Resolves `selection` (already normalized) with the stored `flags` and `retractions`.
    /// - Throws: ``ExportError`` for an unknown task, run, model or prompt selector,
    ///   an ambiguous prompt selector, or an empty time range; ``OutputPatternError`` for an
    ///   output pattern that is not a valid regular expression.
    func plan(_ selection: Selection, flags: [LabelFlag], retractions: [Retraction]) throws -> SelectionPlan {
        if let since = selection.since, let until = selection.until, since >= until {
            throw ExportError.emptyTimeRange(since: since.rfc3339, until: until.rfc3339)
        }
        let tasks = Selection.sortedUnique(catalog.map(\.tuple.task))
        for task in selection.tasks where !tasks.contains(task) {
            throw ExportError.unknownTask(task: task, candidates: tasks)
        }
        let inScope = catalog.filter { selection.tasks.isEmpty || selection.tasks.contains($0.tuple.task) }
        let prompts = PromptSelectorResolver(prompts: inScope.compactMap(\.tuple.prompt))
        let models = Selection.sortedUnique(inScope.compactMap(\.tuple.model))

        var includePrompts: [PromptPattern] = []
        var excludePrompts: [PromptPattern] = []
        var resolvedPrompts: [Manifest.PromptResolution] = []
        for (selectors, isInclude) in [(selection.includePrompts, true), (selection.excludePrompts, false)] {
            for selector in selectors {
                let (pattern, matches) = try prompts.resolve(selector)
                if isInclude { includePrompts.append(pattern) } else { excludePrompts.append(pattern) }
                if !resolvedPrompts.contains(where: { $0.selector == selector }) {
                    resolvedPrompts.append(Manifest.PromptResolution(selector: selector, matches: matches))
                }
            }
        }
        var includeModels: [ModelGlob] = []
        var excludeModels: [ModelGlob] = []
        var resolvedModels: [Manifest.ModelResolution] = []
        for (patterns, isInclude) in [(selection.includeModels, true), (selection.excludeModels, false)] {
            for pattern in patterns {
                let glob = ModelGlob(pattern: pattern)
                let matches = try glob.resolve(among: models)
                if isInclude { includeModels.append(glob) } else { excludeModels.append(glob) }
                if !resolvedModels.contains(where: { $0.pattern == pattern }) {
                    resolvedModels.append(Manifest.ModelResolution(pattern: pattern, matches: matches))
                }
            }
        }
        for run in selection.excludeRuns where try !store.hasRun(run, tasks: selection.tasks) {
            throw ExportError.unknownRun(run: run, candidates: Self.nearest(to: run, among: try store.runs(tasks: selection.tasks)))
        }

        var tuples: [Int64: ProvenanceTuple] = [:]
        for entry in inScope {
            let tuple = entry.tuple
            guard selection.origins.isEmpty || selection.origins.contains(tuple.origin) else { continue }
            if tuple.origin == .llm {
                let prompt = tuple.prompt
                let model = tuple.model ?? ""
                if !includePrompts.isEmpty, !includePrompts.contains(where: { prompt.map($0.matches) ?? false }) { continue }
                if excludePrompts.contains(where: { prompt.map($0.matches) ?? false }) { continue }
                if !includeModels.isEmpty, !includeModels.contains(where: { $0.matches(model) }) { continue }
                if excludeModels.contains(where: { $0.matches(model) }) { continue }
            }
            tuples[entry.tupleID] = tuple
        }

        var query = LabelQuery(
            tupleIDs: tuples.keys.sorted(), tasks: selection.tasks,
            since: selection.since?.nanosecondsSinceEpoch, until: selection.until?.nanosecondsSinceEpoch,
            excludedRuns: selection.excludeRuns)
        let params = ParamFilter(include: selection.includeParams, exclude: selection.excludeParams)
        query.readsParams = !params.isEmpty
        query.readsRetractions = !retractions.isEmpty
        let outputs = OutputFilter(
            include: try selection.outputMatches.map(OutputPattern.init), exclude: try selection.excludeOutputMatches.map(OutputPattern.init))
        return SelectionPlan(
            query: query, tuples: tuples, flags: try FlagMatcher(flags: flags, tuples: tuples),
            retractions: Dictionary(uniqueKeysWithValues: retractions.map { ($0.id, $0) }), params: params, outputs: outputs,
            resolvedPrompts: resolvedPrompts.sorted { $0.selector.utf8.lexicographicallyPrecedes($1.selector.utf8) },
            resolvedModels: resolvedModels.sorted { $0.pattern.utf8.lexicographicallyPrecedes($1.pattern.utf8) })
    }

    /// `candidates` with those sharing the longest prefix with `text` first, so a
    /// message that lists only the first few shows the likely ones.
    static func nearest(to text: String, among candidates: [String]) -> [String] {
        func shared(_ candidate: String) -> Int {
            zip(candidate.utf8, text.utf8).prefix { $0 == $1 }.count
        }
        return candidates.enumerated()
            .sorted { (shared($1.element), $0.offset) < (shared($0.element), $1.offset) }
            .map(\.element)
    }
}
