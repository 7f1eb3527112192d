import Crypto

/// Turns one JSON Lines record into a validated ``LabelRecord``.
///
/// Every rule of the label record format lives here: required fields, types,
/// the `llm`/`human` split, prompt references, timestamps, and the record id.
public enum RecordParser {
    static let knownFields: Set<String> = [
        "task", "input_id", "output", "created_at", "model", "prompt", "input",
        "params", "run", "origin", "annotator", "meta", "id",
    ]
    static let knownPromptFields: Set<String> = ["name", "version", "sha256", "text"]

    /// Parses and validates one line (without its newline).
    /// - Throws: the first ``RecordProblem`` found, naming the field.
    public static func parse(_ line: UnsafeRawBufferPointer) throws(RecordProblem) -> LabelRecord {
        let value: JSONValue
        do {
            value = try JSONParser.parse(line)
        } catch {
            throw .notJSON(offset: error.offset, reason: error.reason)
        }
        return try record(from: value)
    }

    /// Parses and validates one line given as a string.
    public static func parse(_ line: String) throws(RecordProblem) -> LabelRecord {
        var copy = line
        let result = copy.withUTF8 { buffer in
            Result { () throws(RecordProblem) -> LabelRecord in try parse(UnsafeRawBufferPointer(buffer)) }
        }
        return try result.get()
    }

    /// Validates a parsed JSON value as a label record.
    public static func record(from value: JSONValue) throws(RecordProblem) -> LabelRecord {
        guard case .object(let members) = value else { throw .notAnObject(found: value.typeDescription) }
        var fields = Fields()
        for member in members {
            guard knownFields.contains(member.key) else { throw .unknownField(member.key) }
            fields.values[member.key] = member.value
        }

        let task = try fields.requiredString("task")
        let inputID = try fields.requiredString("input_id")
        guard let outputValue = fields.values["output"] else { throw .missingField("output") }
        if outputValue == .null { throw .invalidValue(field: "output", reason: "is null; a label needs a value") }
        let createdAtText = try fields.requiredString("created_at")
        guard let createdAt = Timestamp(rfc3339: createdAtText) else {
            throw .invalidValue(field: "created_at", reason: "not an RFC 3339 time (\"\(createdAtText)\")")
        }
        let origin = try fields.origin()
        let producer = try producer(origin: origin, fields: fields)
        let params = try fields.optionalObject("params")
        let run = try fields.optionalString("run")
        let callerID = try fields.optionalString("id")

        let output = JSONWriter.canonical(outputValue)
        let input = fields.values["input"].flatMap { $0 == .null ? nil : JSONWriter.canonical($0) }
        let meta = fields.values["meta"].flatMap { $0 == .null ? nil : JSONWriter.canonical($0) }
        let paramsText = params.map(JSONWriter.canonical)

        var record = LabelRecord(
            id: "", contentDigest: [], task: task, inputID: inputID, output: output, input: input,
            createdAt: createdAt, producer: producer, params: paramsText, run: run, meta: meta
        )
        record.contentDigest = RecordIdentity.contentDigest(of: record)
        record.id = callerID ?? SHA256Hex.hex(record.contentDigest)
        return record
    }

    private static func producer(origin: Origin, fields: Fields) throws(RecordProblem) -> LabelRecord.Producer {
        switch origin {
        case .human:
            for field in ["model", "prompt"] where fields.values[field] != nil {
                throw .invalidValue(field: field, reason: "a human label has \"annotator\" instead of model and prompt")
            }
            return .human(annotator: try fields.requiredString("annotator"))
        case .llm:
            if fields.values["annotator"] != nil {
                throw .invalidValue(field: "annotator", reason: "only a human label has an annotator (set \"origin\": \"human\")")
            }
            let model = try fields.requiredString("model")
            guard let promptValue = fields.values["prompt"] else { throw .missingField("prompt") }
            let (prompt, text) = try promptReference(promptValue)
            let status: HashStatus = prompt.sha256 == nil ? .unknown : .recorded
            return .llm(model: model, prompt: prompt, promptText: text, hashStatus: status)
        }
    }

    private static func promptReference(_ value: JSONValue) throws(RecordProblem) -> (PromptRef, String?) {
        guard case .object(let members) = value else {
            throw .wrongType(field: "prompt", expected: "an object {\"name\",\"version\",\"sha256\"?,\"text\"?}", found: value.typeDescription)
        }
        var fields = Fields(prefix: "prompt.")
        for member in members {
            guard knownPromptFields.contains(member.key) else {
                throw .invalidValue(field: "prompt.\(member.key)", reason: "not a prompt field (use name, version, sha256, text)")
            }
            fields.values[member.key] = member.value
        }
        let name = try fields.requiredString("name")
        let version = try fields.requiredString("version")
        let text = try fields.optionalString("text", allowEmpty: true)
        var sha256 = try fields.optionalString("sha256")?.lowercased()
        if let given = sha256, !SHA256Hex.isDigest(given) {
            throw .invalidValue(field: "prompt.sha256", reason: "not a SHA-256 (64 hex digits): \"\(given)\"")
        }
        if let text {
            let computed = PromptHash.of(text)
            if let given = sha256, given != computed {
                throw .invalidValue(field: "prompt.sha256", reason: "does not match the hash of prompt.text (\(computed.prefix(12))…); send one or fix the other")
            }
            sha256 = computed
        }
        return (PromptRef(name: name, version: version, sha256: sha256), text)
    }
}

/// The members of one JSON object, read with field-named errors.
private struct Fields {
    var values: [String: JSONValue] = [:]
    var prefix = ""

    func requiredString(_ name: String) throws(RecordProblem) -> String {
        guard let value = values[name] else { throw .missingField(prefix + name) }
        return try string(name, value, allowEmpty: false)
    }

    func optionalString(_ name: String, allowEmpty: Bool = false) throws(RecordProblem) -> String? {
        guard let value = values[name], value != .null else { return nil }
        return try string(name, value, allowEmpty: allowEmpty)
    }

    func optionalObject(_ name: String) throws(RecordProblem) -> JSONValue? {
        guard let value = values[name], value != .null else { return nil }
        guard case .object = value else {
            throw .wrongType(field: prefix + name, expected: "an object", found: value.typeDescription)
        }
        return value
    }

    func origin() throws(RecordProblem) -> Origin {
        guard let text = try optionalString("origin") else { return .llm }
        guard let origin = Origin(rawValue: text) else {
            throw .invalidValue(field: "origin", reason: "must be \"llm\" or \"human\", not \"\(text)\"")
        }
        return origin
    }

    private func string(_ name: String, _ value: JSONValue, allowEmpty: Bool) throws(RecordProblem) -> String {
        guard case .string(let text) = value else {
            throw .wrongType(field: prefix + name, expected: "a string", found: value.typeDescription)
        }
        if !allowEmpty, text.isEmpty { throw .invalidValue(field: prefix + name, reason: "is empty") }
        return text
    }
}
