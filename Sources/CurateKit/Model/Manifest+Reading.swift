import Foundation

/// Reading a manifest back from its JSON form.
extension Manifest {
    /// Reads the manifest file at `url`.
    /// - Throws: ``ExportError/datasetMissing(path:)`` when there is no file,
    ///   ``ExportError/invalidManifest(path:reason:)`` when it is not a curate manifest.
    public static func read(from url: URL) throws(ExportError) -> Manifest {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw .datasetMissing(path: url.path)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .invalidManifest(path: url.path, reason: "it is not UTF-8 text")
        }
        return try Manifest(parsing: text, source: url.path)
    }

    /// Parses a manifest's JSON text.
    /// - Parameter source: where the text came from, for error messages.
    /// - Throws: ``ExportError/invalidManifest(path:reason:)`` naming the first field that is wrong.
    public init(parsing text: String, source: String) throws(ExportError) {
        let value: JSONValue
        do {
            value = try JSONParser.parse(text)
        } catch {
            throw .invalidManifest(path: source, reason: "not JSON at byte \(error.offset + 1): \(error.reason)")
        }
        try self.init(json: value, source: source)
    }

    /// Reads a manifest from its JSON value.
    /// - Throws: ``ExportError/invalidManifest(path:reason:)`` naming the first field that is wrong.
    public init(json: JSONValue, source: String) throws(ExportError) {
        let top = try ManifestFields(json, path: "", source: source)
        let format = try top.string("format")
        guard format == Self.formatIdentifier else {
            throw top.problem("format", "is \"\(format)\"; this curate reads \"\(Self.formatIdentifier)\"")
        }
        let tool = try top.object("tool")
        let selection = try top.object("selection")
        let (options, prompts, models) = try Self.readSelection(selection)
        let records = try top.object("records")
        var labels: [LabelDistribution] = []
        for (task, value) in try top.entries("labels") {
            labels.append(LabelDistribution(task: task, counts: try Self.readCounts(value, task: task, top: top)))
        }
        // Absent from manifests written before labels were counted per split.
        var labelsBySplit: [String: [LabelDistribution]] = [:]
        if top.has("labels_by_split") {
            for (split, value) in try top.entries("labels_by_split") {
                guard case .object(let tasks) = value else { throw top.problem("labels_by_split", "must map each split to an object") }
                labelsBySplit[split] = try tasks.map { task, counts throws(ExportError) in
                    LabelDistribution(task: task, counts: try Self.readCounts(counts, task: task, top: top))
                }.sorted { $0.task.utf8.lexicographicallyPrecedes($1.task.utf8) }
            }
        }
        self.init(
            name: try top.string("name"),
            createdAt: try top.parsed("created_at", expected: "an RFC 3339 time", Timestamp.init(rfc3339:)),
            tool: Tool(name: try tool.string("name"), version: try tool.string("version")),
            options: options,
            resolvedPrompts: prompts,
            resolvedModels: models,
            provenance: try top.objects("provenance").map { entry throws(ExportError) in
                TupleCount(tuple: try Self.readTuple(entry), records: try entry.integer("records"))
            },
            files: try top.objects("files").map { file throws(ExportError) in
                DataFile(
                    path: try file.string("path"), split: try file.string("split"),
                    // Absent from manifests written before files were made per task.
                    task: file.has("task") ? try file.optionalString("task") : nil,
                    format: try file.parsed("format", expected: "jsonl, csv or parquet", ExportFormat.init(rawValue:)),
                    records: try file.integer("records"), sha256: try file.string("sha256"))
            },
            records: RecordList(
                count: try records.integer("count"), path: try records.string("path"), sha256: try records.string("sha256"),
                // Absent from manifests written before it was recorded.
                newestCreatedAt: records.has("newest_created_at")
                    ? try records.parsed("newest_created_at", expected: "an RFC 3339 time", Timestamp.init(rfc3339:)) : nil),
            labels: labels.sorted { $0.task.utf8.lexicographicallyPrecedes($1.task.utf8) },
            flags: try top.objects("flags").map { entry throws(ExportError) in
                let flag = LabelFlag(
                    kind: try entry.parsed("kind", expected: "prompt, model, run, record or output", FlagKind.init(rawValue:)),
                    target: try entry.string("target"), reason: try entry.string("reason"),
                    createdAt: try entry.parsed("created_at", expected: "an RFC 3339 time", Timestamp.init(rfc3339:)))
                return AppliedFlag(flag: flag, labels: try entry.integer("labels"))
            },
            labelsBySplit: labelsBySplit,
            // Absent from manifests written before splits counted shared inputs.
            inputsInSeveralSplits: top.has("inputs_in_several_splits") ? try top.integer("inputs_in_several_splits") : 0,
            // Absent from manifests written before labels could be retracted.
            retractions: !top.has("retractions") ? [] : try top.objects("retractions").map { entry throws(ExportError) in
                let retraction = Retraction(
                    id: Int64(try entry.integer("id")),
                    kind: try entry.parsed("kind", expected: "record, run or ingest", RetractionKind.init(rawValue:)),
                    target: try entry.string("target"), reason: try entry.string("reason"),
                    createdAt: try entry.parsed("created_at", expected: "an RFC 3339 time", Timestamp.init(rfc3339:)))
                return AppliedRetraction(retraction: retraction, labels: try entry.integer("labels"))
            },
            // Absent from manifests written before the store's state was recorded.
            store: top.has("store") ? try Self.readStoreState(try top.object("store")) : nil,
            // Absent from manifests written before datasets carried metadata.
            dataset: top.has("dataset") ? try DatasetMetadata(try top.object("dataset")) : DatasetMetadata(),
            // Absent from manifests written before the dataset card.
            metadataFiles: !top.has("metadata_files") ? [] : try top.objects("metadata_files").map { entry throws(ExportError) in
                MetadataFile(path: try entry.string("path"), sha256: try entry.string("sha256"))
            }
        )
    }

    private static func readSelection(_ fields: ManifestFields) throws(ExportError) -> (ExportOptions, [PromptResolution], [ModelResolution]) {
        func time(_ key: String) throws(ExportError) -> Timestamp? {
            guard let text = try fields.optionalString(key) else { return nil }
            guard let time = Timestamp(rfc3339: text) else { throw fields.problem(key, "must be an RFC 3339 time or null") }
            return time
        }
        // Absent from manifests written before params (and outputs) could be selected.
        func params(_ key: String) throws(ExportError) -> [ParamMatch] {
            guard fields.has(key) else { return [] }
            var matches: [ParamMatch] = []
            for text in try fields.strings(key) {
                do {
                    matches.append(try ParamMatch(parsing: text))
                } catch {
                    throw fields.problem(key, "must hold KEY=VALUE strings")
                }
            }
            return matches
        }
        var origins: [Origin] = []
        for text in try fields.strings("origins") {
            guard let origin = Origin(rawValue: text) else { throw fields.problem("origins", "must hold only \"llm\" and \"human\"") }
            origins.append(origin)
        }
        let selection = Selection(
            tasks: try fields.strings("tasks"),
            includePrompts: try fields.strings("include_prompts"), excludePrompts: try fields.strings("exclude_prompts"),
            includeModels: try fields.strings("include_models"), excludeModels: try fields.strings("exclude_models"),
            since: try time("since"), until: try time("until"),
            excludeRuns: try fields.strings("exclude_runs"), origins: origins,
            includeFlagged: try fields.bool("include_flagged"),
            includeParams: try params("include_params"), excludeParams: try params("exclude_params"),
            outputMatches: fields.has("output_matches") ? try fields.strings("output_matches") : [],
            excludeOutputMatches: fields.has("exclude_output_matches") ? try fields.strings("exclude_output_matches") : [])
        let resolve = try fields.object("resolve")
        let split = try fields.object("split")
        var splits: [SplitSpec.Split] = []
        for entry in try split.objects("splits") {
            splits.append(SplitSpec.Split(name: try entry.string("name"), fraction: try entry.number("fraction", as: Double.self)))
        }
        var spec: SplitSpec
        do {
            spec = try SplitSpec(splits: splits, seed: try split.number("seed", as: UInt64.self))
            // Absent from manifests written before inputs could be the split key.
            if split.has("key") { spec.key = try split.parsed("key", expected: "input_id or input", SplitSpec.SplitKey.init(rawValue:)) }
        } catch {
            throw split.problem("splits", "is not a valid split spec: \(error.localizedDescription)")
        }
        let options = ExportOptions(
            selection: selection,
            resolve: try resolve.parsed("policy", expected: "latest, majority or all", ResolvePolicy.init(rawValue:)),
            humanPriority: try resolve.bool("human_priority"),
            split: spec,
            format: try fields.parsed("format", expected: "jsonl, csv or parquet", ExportFormat.init(rawValue:)))

        let resolved = try fields.object("resolved")
        var prompts: [PromptResolution] = []
        for (selector, value) in try resolved.entries("prompts") {
            guard case .array(let elements) = value else { throw resolved.problem("prompts", "must map each selector to an array") }
            var matches: [PromptRef] = []
            for (index, element) in elements.enumerated() {
                let prompt = try resolved.nested(element, at: "\(resolved.path("prompts")).\(selector)[\(index)]")
                matches.append(try readPrompt(prompt))
            }
            prompts.append(PromptResolution(selector: selector, matches: matches))
        }
        var models: [ModelResolution] = []
        for (pattern, value) in try resolved.entries("models") {
            guard case .array(let elements) = value else { throw resolved.problem("models", "must map each pattern to an array") }
            var matches: [String] = []
            for element in elements {
                guard case .string(let model) = element else { throw resolved.problem("models", "must hold only strings") }
                matches.append(model)
            }
            models.append(ModelResolution(pattern: pattern, matches: matches))
        }
        return (options, prompts.sorted { $0.selector.utf8.lexicographicallyPrecedes($1.selector.utf8) },
                models.sorted { $0.pattern.utf8.lexicographicallyPrecedes($1.pattern.utf8) })
    }

    private static func readStoreState(_ fields: ManifestFields) throws(ExportError) -> StoreState {
        StoreState(
            labels: try fields.integer("labels"), idsSHA256: try fields.string("ids_sha256"),
            lastIngest: Int64(try fields.integer("last_ingest")))
    }

    private static func readPrompt(_ fields: ManifestFields) throws(ExportError) -> PromptRef {
        PromptRef(name: try fields.string("name"), version: try fields.string("version"), sha256: try fields.optionalString("sha256"))
    }

    private static func readTuple(_ fields: ManifestFields) throws(ExportError) -> ProvenanceTuple {
        let prompt = try fields.value("prompt") == .null ? nil : try readPrompt(try fields.object("prompt"))
        let status = try fields.optionalString("hash_status")
        return ProvenanceTuple(
            task: try fields.string("task"),
            origin: try fields.parsed("origin", expected: "llm or human", Origin.init(rawValue:)),
            model: try fields.optionalString("model"),
            annotator: try fields.optionalString("annotator"),
            prompt: prompt,
            hashStatus: try status.map { text throws(ExportError) in
                guard let status = HashStatus(rawValue: text) else { throw fields.problem("hash_status", "is not a hash status") }
                return status
            })
    }

    private static func readCounts(_ value: JSONValue, task: String, top: ManifestFields) throws(ExportError) -> [String: Int]? {
        if value == .null { return nil }
        guard case .object(let members) = value else { throw top.problem("labels", "must map each task to an object or null") }
        var counts: [String: Int] = [:]
        for member in members {
            guard case .number(let lexeme) = member.value, let count = Int(lexeme), count >= 0 else {
                throw top.problem("labels", "must hold counts (whole numbers) for task \"\(task)\"")
            }
            counts[member.key] = count
        }
        return counts
    }
}
