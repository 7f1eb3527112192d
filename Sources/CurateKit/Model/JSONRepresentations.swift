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
    /// The tuple's fields plus `labels`, `first_created_at` and `last_created_at`.
    public var jsonValue: JSONValue {
        guard case .object(var members) = tuple.jsonValue else { return tuple.jsonValue }
        members.append(("labels", .number(String(labels))))
        members.append(("first_created_at", .string(firstCreatedAt.rfc3339)))
        members.append(("last_created_at", .string(lastCreatedAt.rfc3339)))
        return .object(members)
    }
}
