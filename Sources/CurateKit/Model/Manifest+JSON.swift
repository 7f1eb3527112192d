/// The JSON form of a manifest, as `manifest.json` holds it.
extension Manifest {
    /// The manifest as indented JSON with sorted keys and a final newline.
    public var jsonText: String {
        JSONWriter.pretty(jsonValue)
    }

    /// The manifest as a JSON value (members in any order: writers sort them).
    public var jsonValue: JSONValue {
        var members: [(String, JSONValue)] = [
            ("format", .string(Self.formatIdentifier)),
            ("name", .string(name)),
            ("created_at", .string(createdAt.rfc3339)),
            ("tool", .object([("name", .string(tool.name)), ("version", .string(tool.version))])),
            ("selection", selectionJSON),
            ("provenance", .array(provenance.map(\.jsonValue))),
            ("files", .array(files.map(\.jsonValue))),
            ("records", .object([
                ("count", .integer(records.count)), ("path", .string(records.path)), ("sha256", .string(records.sha256)),
            ] + (records.newestCreatedAt.map { [("newest_created_at", .string($0.rfc3339))] } ?? []))),
            ("labels", Self.distributionJSON(labels)),
            ("labels_by_split", .object(labelsBySplit.map { ($0.key, Self.distributionJSON($0.value)) })),
            ("flags", .array(flags.map(\.jsonValue))),
            ("inputs_in_several_splits", .integer(inputsInSeveralSplits)),
            ("command", .array(command.map(JSONValue.string))),
            ("dataset", dataset.jsonValue),
            ("metadata_files", .array(metadataFiles.map { .object([("path", .string($0.path)), ("sha256", .string($0.sha256))]) })),
            ("retractions", .array(retractions.map(\.jsonValue))),
        ]
        if let store { members.append(("store", store.jsonValue)) }
        return .object(members)
    }

    /// `{TASK: {LABEL: N} | null}`.
    static func distributionJSON(_ distributions: [LabelDistribution]) -> JSONValue {
        .object(distributions.map { ($0.task, $0.counts.map { counts in .object(counts.map { ($0.key, .integer($0.value)) }) } ?? .null) })
    }

    private var selectionJSON: JSONValue {
        let selection = options.selection
        func strings(_ values: [String]) -> JSONValue { .array(values.map(JSONValue.string)) }
        return .object([
            ("tasks", strings(selection.tasks)),
            ("include_prompts", strings(selection.includePrompts)),
            ("exclude_prompts", strings(selection.excludePrompts)),
            ("include_models", strings(selection.includeModels)),
            ("exclude_models", strings(selection.excludeModels)),
            ("since", selection.since.map { .string($0.rfc3339) } ?? .null),
            ("until", selection.until.map { .string($0.rfc3339) } ?? .null),
            ("exclude_runs", strings(selection.excludeRuns)),
            ("origins", strings(selection.origins.map(\.rawValue))),
            ("include_flagged", .bool(selection.includeFlagged)),
            ("include_params", strings(selection.includeParams.map(\.description))),
            ("exclude_params", strings(selection.excludeParams.map(\.description))),
            ("output_matches", strings(selection.outputMatches)),
            ("exclude_output_matches", strings(selection.excludeOutputMatches)),
            ("resolve", .object([("policy", .string(options.resolve.rawValue)), ("human_priority", .bool(options.humanPriority))])),
            ("split", .object([
                ("seed", .number(String(options.split.seed))),
                ("key", .string(options.split.key.rawValue)),
                ("splits", .array(options.split.splits.map { .object([("name", .string($0.name)), ("fraction", .number(String($0.fraction)))]) })),
            ])),
            ("format", .string(options.format.rawValue)),
            ("resolved", .object([
                ("prompts", .object(resolvedPrompts.map { ($0.selector, .array($0.matches.map(\.jsonValue))) })),
                ("models", .object(resolvedModels.map { ($0.pattern, strings($0.matches)) })),
            ])),
        ])
    }
}

extension Manifest.TupleCount {
    /// The tuple's fields (``ProvenanceTuple/jsonValue``) plus `records`.
    public var jsonValue: JSONValue {
        guard case .object(var members) = tuple.jsonValue else { return tuple.jsonValue }
        members.append(("records", .integer(records)))
        return .object(members)
    }
}

extension Manifest.DataFile {
    /// `{"path","split","task","format","records","sha256"}`; `task` is null when the file
    /// is not one task's.
    public var jsonValue: JSONValue {
        .object([
            ("path", .string(path)), ("split", .string(split)), ("task", task.map(JSONValue.string) ?? .null),
            ("format", .string(format.rawValue)),
            ("records", .integer(records)), ("sha256", .string(sha256)),
        ])
    }
}

extension Manifest.AppliedFlag {
    /// `{"kind","target","reason","created_at","labels"}`.
    public var jsonValue: JSONValue {
        .object([
            ("kind", .string(flag.kind.rawValue)), ("target", .string(flag.target)), ("reason", .string(flag.reason)),
            ("created_at", .string(flag.createdAt.rfc3339)), ("labels", .integer(labels)),
        ])
    }
}

extension Manifest.AppliedRetraction {
    /// The retraction's fields (``Retraction/jsonValue``) plus `labels`, those of the selection it took out.
    public var jsonValue: JSONValue {
        guard case .object(var members) = retraction.jsonValue else { return retraction.jsonValue }
        members.append(("labels", .integer(labels)))
        return .object(members)
    }
}

extension JSONValue {
    /// A JSON number holding an integer.
    static func integer(_ value: Int) -> JSONValue {
        .number(String(value))
    }
}
