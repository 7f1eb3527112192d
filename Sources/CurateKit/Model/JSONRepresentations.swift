/// The JSON forms of the model types, as `--json` output and manifests show them.
extension PromptRef {
    /// `{"name","version","sha256"}`, with `sha256` null when unknown.
    public var jsonValue: JSONValue {
        .object([("name", .string(name)), ("version", .string(version)), ("sha256", sha256.map(JSONValue.string) ?? .null)])
    }
}

extension ProvenanceTuple {
    /// `{"task","origin","model","annotator","prompt","hash_status"}`; absent parts are null.
    public var jsonValue: JSONValue {
        .object([
            ("task", .string(task)),
            ("origin", .string(origin.rawValue)),
            ("model", model.map(JSONValue.string) ?? .null),
            ("annotator", annotator.map(JSONValue.string) ?? .null),
            ("prompt", prompt?.jsonValue ?? .null),
            ("hash_status", hashStatus.map { .string($0.rawValue) } ?? .null),
        ])
    }
}

extension TupleStats {
    /// The tuple's fields plus `labels`, `retracted` (of those), `first_created_at` and `last_created_at`.
    public var jsonValue: JSONValue {
        guard case .object(var members) = tuple.jsonValue else { return tuple.jsonValue }
        members.append(("labels", .number(String(labels))))
        members.append(("retracted", .number(String(retracted))))
        members.append(("first_created_at", .string(firstCreatedAt.rfc3339)))
        members.append(("last_created_at", .string(lastCreatedAt.rfc3339)))
        return .object(members)
    }
}

extension IngestSummary {
    /// `curate ingest --json`: `{"ingest_id","lines","new","duplicates","rejected","rejected_too_long",
    /// "reject_path","tuples":[{…tuple, "new","duplicates"}]}`, tuples sorted.
    public var jsonValue: JSONValue {
        .object([
            ("ingest_id", .number(String(ingestID))),
            ("lines", .integer(lines)), ("new", .integer(new)), ("duplicates", .integer(duplicates)),
            ("rejected", .integer(rejected)), ("rejected_too_long", .integer(rejectedTooLong)),
            ("reject_path", rejectPath.map(JSONValue.string) ?? .null),
            ("tuples", .array(perTuple.sorted { $0.key < $1.key }.map { tuple, counts in
                guard case .object(var members) = tuple.jsonValue else { return tuple.jsonValue }
                members.append(("new", .integer(counts.new)))
                members.append(("duplicates", .integer(counts.duplicates)))
                return .object(members)
            })),
        ])
    }
}

extension ExportSummary {
    /// The counts of `curate export --json` (and `--dry-run --json`): `{"records","inputs",
    /// "labels_selected","labels_flagged","labels_retracted","splits":[{"name","records"}],
    /// "tuples":[{…tuple,"records","per_split":{SPLIT: N}}],"flags":[…],"retractions":[…],
    /// "labels":{TASK: {LABEL: N}|null}}`.
    public var jsonValue: JSONValue {
        .object([
            ("records", .integer(records)), ("inputs", .integer(inputs)),
            ("labels_selected", .integer(labelsSelected)), ("labels_flagged", .integer(labelsFlagged)),
            ("labels_retracted", .integer(labelsRetracted)), ("retractions", .array(retractions.map(\.jsonValue))),
            ("splits", .array(zip(splits, recordsPerSplit).map { .object([("name", .string($0)), ("records", .integer($1))]) })),
            ("tuples", .array(tuples.map { count in
                guard case .object(var members) = count.tuple.jsonValue else { return count.tuple.jsonValue }
                members.append(("records", .integer(count.records)))
                members.append(("per_split", .object(zip(splits, count.perSplit).map { ($0, .integer($1)) })))
                return .object(members)
            })),
            ("flags", .array(flags.map(\.jsonValue))),
            ("inputs_in_several_splits", .integer(inputsInSeveralSplits)),
            ("labels", .object(labels.map { ($0.task, $0.counts.map { counts in .object(counts.map { ($0.key, .integer($0.value)) }) } ?? .null) })),
        ])
    }
}

extension VerificationReport {
    /// `curate verify --json`: `{"dataset","intact","files","metadata_files","records","problems":[{"path","kind",…}]}`;
    /// a problem's other members are `expected` and `actual` (checksum, record count) or `reason`.
    public var jsonValue: JSONValue {
        .object([
            ("dataset", .string(manifest.name)), ("intact", .bool(isIntact)),
            ("files", .integer(manifest.files.count)), ("metadata_files", .integer(manifest.metadataFiles.count)),
            ("records", .integer(manifest.records.count)),
            ("problems", .array(problems.map(\.jsonValue))),
        ])
    }
}

extension VerificationReport.Problem {
    /// `{"path","kind",…}`, the values exact (not escaped for a terminal).
    public var jsonValue: JSONValue {
        var members: [(String, JSONValue)] = [("path", .string(path))]
        switch self {
        case .missingFile:
            members.append(("kind", .string("missing")))
        case .checksumMismatch(_, let expected, let actual):
            members += [("kind", .string("checksum_mismatch")), ("expected", .string(expected)), ("actual", .string(actual))]
        case .recordCountMismatch(_, let expected, let actual):
            members += [("kind", .string("record_count_mismatch")), ("expected", .integer(expected)), ("actual", .integer(actual))]
        case .inconsistentManifest(let reason):
            members += [("kind", .string("inconsistent_manifest")), ("reason", .string(reason))]
        case .refusedFile(_, let reason):
            members += [("kind", .string("refused")), ("reason", .string(reason))]
        case .uncountableFile(_, let reason):
            members += [("kind", .string("uncountable")), ("reason", .string(reason))]
        }
        return .object(members)
    }
}

extension PromptCheckFinding {
    /// `curate prompts check --json`: `{"kind","prompt","paths","file_sha256","locked_sha256",
    /// "suggested_version","message"}`; `kind` is `edited-in-place`, `not-yet-locked` or `several-files`.
    public var jsonValue: JSONValue {
        let (kind, paths, fileHash, locked): (String, [String], String?, String?)
        switch self.kind {
        case .editedInPlace(let file, let lockedCurrent, _): (kind, paths, fileHash, locked) = ("edited-in-place", [file.path], file.sha256, lockedCurrent)
        case .notYetLocked(let file): (kind, paths, fileHash, locked) = ("not-yet-locked", [file.path], file.sha256, nil)
        case .severalFiles(_, let several): (kind, paths, fileHash, locked) = ("several-files", several, nil, nil)
        }
        return .object([
            ("kind", .string(kind)), ("prompt", .string(version.description)), ("paths", .array(paths.map(JSONValue.string))),
            ("file_sha256", fileHash.map(JSONValue.string) ?? .null), ("locked_sha256", locked.map(JSONValue.string) ?? .null),
            ("suggested_version", suggestedVersion.map(JSONValue.string) ?? .null), ("message", .string(description)),
        ])
    }
}

extension LabelFlag {
    /// `{"kind","target","reason","created_at"}`, as `curate flag --json` and `curate flags --json` give it.
    public var jsonValue: JSONValue {
        .object([
            ("kind", .string(kind.rawValue)), ("target", .string(target)),
            ("reason", .string(reason)), ("created_at", .string(createdAt.rfc3339)),
        ])
    }
}

extension Retraction {
    /// `{"id","kind","target","reason","created_at"}`, as `curate retract --json`, `curate retractions --json`,
    /// `curate show --json` and manifests give it.
    public var jsonValue: JSONValue {
        .object([
            ("id", .number(String(id))), ("kind", .string(kind.rawValue)), ("target", .string(target)),
            ("reason", .string(reason)), ("created_at", .string(createdAt.rfc3339)),
        ])
    }
}
