import Crypto

/// Turns one JSON Lines record into a validated ``LabelRecord``.
///
/// Every rule of the label record format lives here: required fields, types,
/// the `llm`/`human` split, prompt references, timestamps, and the record id.
public enum RecordParser {
    static let knownFields: [String] = [
        "task", "input_id", "output", "created_at", "model", "prompt", "input",
        "params", "run", "origin", "annotator", "meta", "id",
    ]
    static let knownPromptFields: [String] = ["name", "version", "sha256", "text"]

    /// Parses and validates one line (without its newline).
    /// - Throws: the first ``RecordProblem`` found, naming the field.
    public static func parse(_ line: UnsafeRawBufferPointer) throws(RecordProblem) -> LabelRecord {
        let members: [JSONParser.CanonicalMember]
        do {
            guard let object = try JSONParser.canonicalMembers(of: line) else {
                throw RecordProblem.notAnObject(found: (try? JSONParser.parse(line))?.typeDescription ?? "not an object")
            }
            members = object
        } catch let error as RecordProblem {
            throw error
        } catch let error as JSONParser.SyntaxError {
            throw .notJSON(offset: error.offset, reason: error.reason)
        } catch {
            throw .notJSON(offset: 0, reason: "\(error)")
        }
        return try record(from: members)
    }

    /// Parses and validates one line given as a string.
    public static func parse(_ line: String) throws(RecordProblem) -> LabelRecord {
        var copy = line
        let result = copy.withUTF8 { buffer in
            Result { () throws(RecordProblem) -> LabelRecord in try parse(UnsafeRawBufferPointer(buffer)) }
        }
        return try result.get()
    }

    /// Validates the members of a record's JSON object.
    static func record(from members: [JSONParser.CanonicalMember]) throws(RecordProblem) -> LabelRecord {
        for member in members where !knownFields.contains(member.key) {
            throw .unknownField(member.key)
        }
        let fields = Fields(members: members)

        let task = try fields.requiredString("task")
        let inputID = try fields.requiredString("input_id")
        guard let output = fields.json("output") else { throw .missingField("output") }
        if output == "null" { throw .invalidValue(field: "output", reason: "is null; a label needs a value") }
        let createdAtText = try fields.requiredString("created_at")
        guard let createdAt = Timestamp(rfc3339: createdAtText) else {
            throw .invalidValue(field: "created_at", reason: "not an RFC 3339 time (\"\(createdAtText)\")")
        }
        let origin = try fields.origin()
        let producer = try producer(origin: origin, fields: fields)
        let params = try fields.optionalObject("params")
        let run = try fields.optionalString("run")
        let callerID = try fields.optionalString("id")
        let input = fields.json("input").flatMap { $0 == "null" ? nil : $0 }
        let meta = fields.json("meta").flatMap { $0 == "null" ? nil : $0 }

        var record = LabelRecord(
            id: "", contentDigest: [], task: task, inputID: inputID, output: output, input: input,
            createdAt: createdAt, producer: producer, params: params, run: run, meta: meta
        )
        record.contentDigest = RecordIdentity.contentDigest(of: record)
        record.id = callerID ?? SHA256Hex.hex(record.contentDigest)
        return record
    }

    /// The members of an object already in canonical form (a nested value of the record).
    private static func canonicalMembers(of canonicalObject: String) -> [JSONParser.CanonicalMember]? {
        var text = canonicalObject
        return text.withUTF8 { try? JSONParser.canonicalMembers(of: UnsafeRawBufferPointer($0)) } ?? nil
    }

    private static func producer(origin: Origin, fields: Fields) throws(RecordProblem) -> LabelRecord.Producer {
        switch origin {
        case .human:
            for field in ["model", "prompt"] where fields[field] != nil {
                throw .invalidValue(field: field, reason: "a human label has \"annotator\" instead of model and prompt")
            }
            return .human(annotator: try fields.requiredString("annotator"))
        case .llm:
            if fields["annotator"] != nil {
                throw .invalidValue(field: "annotator", reason: "only a human label has an annotator (set \"origin\": \"human\")")
            }
            let model = try fields.requiredString("model")
            guard let promptValue = fields["prompt"] else { throw .missingField("prompt") }
            let (prompt, text) = try promptReference(promptValue)
            let status: HashStatus = prompt.sha256 == nil ? .unknown : .recorded
            return .llm(model: model, prompt: prompt, promptText: text, hashStatus: status)
        }
    }

    private static func promptReference(_ value: JSONParser.CanonicalValue) throws(RecordProblem) -> (PromptRef, String?) {
        guard case .json(let object, "an object") = value, let members = canonicalMembers(of: object) else {
            throw .wrongType(field: "prompt", expected: "an object {\"name\",\"version\",\"sha256\"?,\"text\"?}", found: value.typeDescription)
        }
        for member in members where !knownPromptFields.contains(member.key) {
            throw .invalidValue(field: "prompt.\(member.key)", reason: "not a prompt field (use name, version, sha256, text)")
        }
        let fields = Fields(members: members, prefix: "prompt.")
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

/// The members of a record's JSON object, read with field-named errors.
///
/// A record has a dozen fields at most, so a linear scan beats hashing every key.
private struct Fields {
    let members: [JSONParser.CanonicalMember]
    /// Put before field names in errors: `prompt.` for the members of `prompt`.
    let prefix: String

    init(members: [JSONParser.CanonicalMember], prefix: String = "") {
        self.members = members
        self.prefix = prefix
    }

    subscript(name: String) -> JSONParser.CanonicalValue? {
        members.first { $0.key == name }?.value
    }

    /// The member as canonical JSON (a string value re-encoded), or nil when absent.
    func json(_ name: String) -> String? {
        switch self[name] {
        case nil: return nil
        case .json(let text, _): return text
        case .string(let text):
            var bytes: [UInt8] = []
            JSONWriter.writeString(text, to: &bytes)
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    func requiredString(_ name: String) throws(RecordProblem) -> String {
        guard let value = self[name] else { throw .missingField(prefix + name) }
        return try string(name, value, allowEmpty: false)
    }

    func optionalString(_ name: String, allowEmpty: Bool = false) throws(RecordProblem) -> String? {
        guard let value = self[name] else { return nil }
        if case .json(_, "null") = value { return nil }
        return try string(name, value, allowEmpty: allowEmpty)
    }

    func optionalObject(_ name: String) throws(RecordProblem) -> String? {
        switch self[name] {
        case nil, .json(_, "null"): return nil
        case .json(let text, "an object"): return text
        case .json(_, let type): throw .wrongType(field: prefix + name, expected: "an object", found: type)
        case .string: throw .wrongType(field: prefix + name, expected: "an object", found: "a string")
        }
    }

    func origin() throws(RecordProblem) -> Origin {
        guard let text = try optionalString("origin") else { return .llm }
        guard let origin = Origin(rawValue: text) else {
            throw .invalidValue(field: "origin", reason: "must be \"llm\" or \"human\", not \"\(text)\"")
        }
        return origin
    }

    private func string(_ name: String, _ value: JSONParser.CanonicalValue, allowEmpty: Bool) throws(RecordProblem) -> String {
        switch value {
        case .json(_, let type):
            throw .wrongType(field: prefix + name, expected: "a string", found: type)
        case .string(let text):
            if !allowEmpty, text.isEmpty { throw .invalidValue(field: prefix + name, reason: "is empty") }
            return text
        }
    }
}
