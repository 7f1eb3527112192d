import CurateKit

/// `curate show` as aligned text or JSON.
enum LabelReport {
    /// One field a line, names aligned; a multi-line value (pretty JSON) continues under its
    /// first line. Every value goes through ``TerminalText/escaped(_:)``.
    static func text(_ label: LabelDetail) -> String {
        let tuple = label.tuple
        var fields: [(String, String)] = [
            ("id", label.id), ("task", tuple.task), ("input_id", label.inputID),
            ("input", label.input.map(block) ?? "-"), ("output", block(label.output)),
            ("created_at", label.createdAt.rfc3339), ("ingested_at", label.ingest.ingestedAt.rfc3339),
            ("ingest", "\(label.ingest.id) from \(label.ingest.sources.joined(separator: ", "))"),
            ("origin", tuple.origin.rawValue),
        ]
        if let annotator = tuple.annotator { fields.append(("annotator", annotator)) }
        if let model = tuple.model { fields.append(("model", model)) }
        if let prompt = tuple.prompt {
            fields.append(("prompt", prompt.shortForm))
            fields.append(("prompt sha256", prompt.sha256 ?? "unknown"))
        }
        if let status = tuple.hashStatus { fields.append(("hash status", status.rawValue)) }
        fields += [
            ("params", label.params.map(JSONWriter.canonical) ?? "-"), ("run", label.run ?? "-"),
            ("meta", label.meta.map(JSONWriter.canonical) ?? "-"), ("supersedes", label.supersedes ?? "-"),
            ("superseded by", label.supersededBy.isEmpty ? "-" : label.supersededBy.joined(separator: ", ")),
            ("quarantined", label.flags.isEmpty ? "no" : "yes, by \(label.flags.count) flag\(label.flags.count == 1 ? "" : "s")"),
        ]
        for flag in label.flags {
            fields.append(("  \(flag.kind.rawValue) flag", "\(DisplayForm.shortHashes(flag.target)) since \(DisplayForm.time(flag.createdAt)): \(flag.reason)"))
        }
        fields.append(("retracted", label.retraction.map { retraction in
            "yes, by retraction \(retraction.id) (\(retraction.kind.rawValue) \(retraction.target)) "
                + "since \(DisplayForm.time(retraction.createdAt)): \(retraction.reason)"
        } ?? "no"))
        let width = fields.map { TerminalText.width(TerminalText.escaped($0.0)) }.max() ?? 0
        return fields.map { name, value in
            let name = TerminalText.escaped(name)
            let lines = value.split(separator: "\n", omittingEmptySubsequences: false).map { TerminalText.escaped(String($0)) }
            let indent = String(repeating: " ", count: width + 2)
            let first = name + String(repeating: " ", count: width + 2 - TerminalText.width(name)) + (lines.first ?? "")
            return ([first] + lines.dropFirst().map { indent + $0 }).map { line in
                var line = line
                while line.last == " " { line.removeLast() }
                return line + "\n"
            }.joined()
        }.joined()
    }

    /// The label as one JSON object (sorted keys): stored values exact, times in RFC 3339.
    static func json(_ label: LabelDetail) -> String {
        let tuple = label.tuple
        let prompt: JSONValue = tuple.prompt.map { prompt in
            .object([
                ("name", .string(prompt.name)), ("version", .string(prompt.version)),
                ("sha256", prompt.sha256.map(JSONValue.string) ?? .null), ("short", .string(prompt.shortForm)),
            ])
        } ?? .null
        let flags = label.flags.map { flag in
            JSONValue.object([
                ("kind", .string(flag.kind.rawValue)), ("target", .string(flag.target)),
                ("reason", .string(flag.reason)), ("created_at", .string(flag.createdAt.rfc3339)),
            ])
        }
        return JSONWriter.pretty(.object([
            ("id", .string(label.id)), ("task", .string(tuple.task)), ("input_id", .string(label.inputID)),
            ("input", label.input ?? .null), ("output", label.output), ("created_at", .string(label.createdAt.rfc3339)),
            ("ingested_at", .string(label.ingest.ingestedAt.rfc3339)),
            ("ingest", .object([("id", .number(String(label.ingest.id))), ("sources", .array(label.ingest.sources.map(JSONValue.string)))])),
            ("origin", .string(tuple.origin.rawValue)), ("model", optional(tuple.model)), ("annotator", optional(tuple.annotator)),
            ("prompt", prompt), ("hash_status", optional(tuple.hashStatus?.rawValue)),
            ("params", label.params ?? .null), ("run", optional(label.run)), ("meta", label.meta ?? .null),
            ("supersedes", optional(label.supersedes)), ("superseded_by", .array(label.supersededBy.map(JSONValue.string))),
            ("quarantined", .bool(!label.flags.isEmpty)), ("flags", .array(flags)),
            ("retracted", .bool(label.retraction != nil)), ("retraction", label.retraction?.jsonValue ?? .null),
        ]))
    }

    /// `value` as pretty JSON, without the final newline.
    private static func block(_ value: JSONValue) -> String {
        var text = JSONWriter.pretty(value)
        while text.last == "\n" { text.removeLast() }
        return text
    }

    private static func optional(_ text: String?) -> JSONValue {
        text.map(JSONValue.string) ?? .null
    }
}
