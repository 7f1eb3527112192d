/// Turns one JSON Lines record into a validated ``LabelRecord``.
///
/// Every rule of the label record format lives here: required fields, types,
/// the `llm`/`human` split, prompt references, timestamps, and the record id.
/// A parser keeps its buffers from line to line: reuse one for a run of lines.
public struct RecordParser: ~Copyable {
    /// The fields of a label record.
    enum Field: Int, MemberName {
        case task, inputID, output, createdAt, model, prompt, input, params, run, origin, annotator, meta, id, supersedes

        var key: String {
            switch self {
            case .task: "task"
            case .inputID: "input_id"
            case .output: "output"
            case .createdAt: "created_at"
            case .model: "model"
            case .prompt: "prompt"
            case .input: "input"
            case .params: "params"
            case .run: "run"
            case .origin: "origin"
            case .annotator: "annotator"
            case .meta: "meta"
            case .id: "id"
            case .supersedes: "supersedes"
            }
        }

        static let errorPrefix = ""

        var repeats: Bool {
            switch self {
            case .model, .prompt, .params, .run: true
            default: false
            }
        }
    }

    /// The fields of a record's `prompt` object.
    enum PromptField: Int, MemberName {
        case name, version, sha256, text

        var key: String {
            switch self {
            case .name: "name"
            case .version: "version"
            case .sha256: "sha256"
            case .text: "text"
            }
        }

        static let errorPrefix = "prompt."
    }

    private var fields = CanonicalMembers<Field>()
    /// The canonical content of the record being read, hashed for its id.
    private var content = ByteBuffer()
    /// Values of fields that repeat from record to record, by their canonical JSON (reading a
    /// prompt costs a parse, its strings and, for a template, a SHA-256).
    private var recentPrompts = RecentValues<(PromptRef, String?)>()
    private var recentModels = RecentValues<String>()
    private var recentParams = RecentValues<String?>()
    private var recentRuns = RecentValues<String?>()

    public init() {}

    /// Parses and validates one line (without its newline).
    /// - Throws: the first ``RecordProblem`` found, naming the field.
    public mutating func parse(_ line: UnsafeRawBufferPointer) throws(RecordProblem) -> LabelRecord {
        var parser = JSONParser(line)
        parser.skipWhitespace()
        guard parser.current == UInt8(ascii: "{") else {
            let value: JSONValue
            do {
                value = try JSONParser.parse(line)
            } catch {
                throw .notJSON(offset: error.offset, reason: error.reason)
            }
            throw .notAnObject(found: value.typeDescription)
        }
        do throws(JSONParser.SyntaxError) {
            try fields.read(from: &parser)
            parser.skipWhitespace()
            guard parser.index == line.count else {
                let endsWithCR = line[..<parser.index].last == 0x0D
                throw parser.error("unexpected text after the JSON value"
                    + (endsWithCR ? " (after a CR: end lines with LF or CR LF, not CR alone)" : ""))
            }
        } catch {
            throw .notJSON(offset: error.offset, reason: error.reason)
        }
        return try record()
    }

    /// Parses and validates one line given as a string.
    public static func parse(_ line: String) throws(RecordProblem) -> LabelRecord {
        var copy = line
        var parser = RecordParser()
        let result = copy.withUTF8 { buffer in
            Result { () throws(RecordProblem) -> LabelRecord in try parser.parse(UnsafeRawBufferPointer(buffer)) }
        }
        return try result.get()
    }

    /// Validates the fields just read.
    private mutating func record() throws(RecordProblem) -> LabelRecord {
        if let unknown = fields.firstUnknownKey { throw .unknownField(unknown) }
        let task = try fields.requiredString(.task)
        let inputID = try fields.requiredString(.inputID)
        guard let output = fields.json(.output) else { throw .missingField("output") }
        if fields.isNull(.output) { throw .invalidValue(field: "output", reason: "is null; a label needs a value") }
        let createdAt = try createdAt()
        let origin = try origin()
        let producer = try producer(origin: origin)
        let params = try Self.recentValue(.params, of: fields, in: &recentParams) { fields throws(RecordProblem) in try fields.optionalObject(.params) }
        let run = try Self.recentValue(.run, of: fields, in: &recentRuns) { fields throws(RecordProblem) in try fields.optionalString(.run) }
        let callerID = try fields.optionalString(.id)
        let supersedes = try fields.optionalString(.supersedes)
        let input = fields.isNull(.input) ? nil : fields.json(.input)
        let meta = fields.isNull(.meta) ? nil : fields.json(.meta)

        var record = LabelRecord(
            id: "", contentDigest: [], task: task, inputID: inputID, output: output, input: input,
            createdAt: createdAt, producer: producer, params: params, run: run, meta: meta, supersedes: supersedes
        )
        record.contentDigest = RecordIdentity.contentDigest(of: record, buffer: &content)
        record.id = callerID ?? SHA256Hex.hex(record.contentDigest)
        return record
    }

    private func createdAt() throws(RecordProblem) -> Timestamp {
        try fields.checkRequiredString(.createdAt)
        let parsed = fields.withCanonicalBytes(.createdAt) { bytes in
            bytes.map { Timestamp.read(rfc3339: UnsafeRawBufferPointer(rebasing: $0.dropFirst().dropLast())) } ?? .failure(.notRFC3339)
        }
        switch parsed {
        case .success(let time):
            return time
        case .failure(.notRFC3339):
            throw .invalidValue(field: "created_at", reason: "not an RFC 3339 time (\"\(fields.string(.createdAt) ?? "")\")")
        case .failure(.outOfRange):
            throw .invalidValue(field: "created_at", reason: "\"\(fields.string(.createdAt) ?? "")\" is outside the supported times, "
                + Timestamp.supportedRangeDescription)
        }
    }

    private func origin() throws(RecordProblem) -> Origin {
        guard let text = try fields.optionalString(.origin) else { return .llm }
        guard let origin = Origin(rawValue: text) else {
            throw .invalidValue(field: "origin", reason: "must be \"llm\" or \"human\", not \"\(text)\"")
        }
        return origin
    }

    private mutating func producer(origin: Origin) throws(RecordProblem) -> LabelRecord.Producer {
        switch origin {
        case .human:
            for field in [Field.model, .prompt] where fields.has(field) {
                throw .invalidValue(field: field.key, reason: "a human label has \"annotator\" instead of model and prompt")
            }
            return .human(annotator: try fields.requiredString(.annotator))
        case .llm:
            if fields.has(.annotator) {
                throw .invalidValue(field: "annotator", reason: "only a human label has an annotator (set \"origin\": \"human\")")
            }
            let model = try Self.recentValue(.model, of: fields, in: &recentModels) { fields throws(RecordProblem) in try fields.requiredString(.model) }
            guard fields.has(.prompt) else { throw .missingField("prompt") }
            let (prompt, text) = try Self.recentValue(.prompt, of: fields, in: &recentPrompts, make: Self.promptReference)
            let status: HashStatus = prompt.sha256 == nil ? .unknown : .recorded
            return .llm(model: model, prompt: prompt, promptText: text, hashStatus: status)
        }
    }

    /// A field's value as `make` reads it from `fields`, or as it read the same canonical JSON lately.
    private static func recentValue<Value>(
        _ name: Field, of fields: CanonicalMembers<Field>, in recent: inout RecentValues<Value>,
        make: (CanonicalMembers<Field>) throws(RecordProblem) -> Value
    ) throws(RecordProblem) -> Value {
        if let known = fields.withCanonicalBytes(name, { $0.flatMap(recent.value(for:)) }) { return known }
        let value = try make(fields)
        fields.withCanonicalBytes(name) { if let json = $0 { recent.remember(value, for: json) } }
        return value
    }

    /// A prompt name or version, which names a folder or file under `prompts/`: refused unless
    /// it is one path segment, so that no record can point outside the prompts folder.
    private static func pathSegment(_ value: String, field: String) throws(RecordProblem) -> String {
        if value == "." || value == ".." {
            throw .invalidValue(field: field, reason: "\"\(value)\" is not a name (prompts/NAME/VERSION.EXT needs one path segment)")
        }
        if let bad = value.unicodeScalars.first(where: { $0 == "/" || $0 == "\\" || $0.value < 0x20 || $0.value == 0x7F }) {
            let hex = String(bad.value, radix: 16, uppercase: true)
            let shown = bad.isASCII && bad.value >= 0x20 && bad.value != 0x7F
                ? "'\(bad)'" : "a control character (U+\(String(repeating: "0", count: 4 - hex.count))\(hex))"
            throw .invalidValue(field: field, reason: "contains \(shown); it names a folder or file under prompts/, so it must be one path segment")
        }
        return value
    }

    /// The record's prompt, read from its canonical JSON.
    private static func promptReference(_ fields: CanonicalMembers<Field>) throws(RecordProblem) -> (PromptRef, String?) {
        var promptFields = CanonicalMembers<PromptField>()
        let type = fields.type(.prompt) ?? "nothing"
        let readable = fields.withCanonicalBytes(.prompt) { bytes -> Bool in
            guard let bytes, type == "an object" else { return false }
            var parser = JSONParser(bytes)
            return (try? promptFields.read(from: &parser)) != nil
        }
        guard readable else {
            throw .wrongType(field: "prompt", expected: "an object {\"name\",\"version\",\"sha256\"?,\"text\"?}", found: type)
        }
        if let unknown = promptFields.firstUnknownKey {
            throw .invalidValue(field: "prompt.\(unknown)", reason: "not a prompt field (use name, version, sha256, text)")
        }
        let name = try Self.pathSegment(promptFields.requiredString(.name), field: "prompt.name")
        let version = try Self.pathSegment(promptFields.requiredString(.version), field: "prompt.version")
        let text = try promptFields.optionalString(.text, allowEmpty: true)
        var sha256: String?
        if let given = try promptFields.optionalString(.sha256) {
            guard let digest = SHA256Hex.normalized(given) else {
                throw .invalidValue(field: "prompt.sha256", reason: "not a SHA-256 (64 hex digits): \"\(given)\"")
            }
            sha256 = digest
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

/// Reading members with field-named errors.
extension CanonicalMembers {
    func requiredString(_ name: Name) throws(RecordProblem) -> String {
        try checkRequiredString(name)
        return string(name) ?? ""
    }

    /// Refuses the member unless it is a non-empty string, without decoding it.
    func checkRequiredString(_ name: Name) throws(RecordProblem) {
        guard has(name) else { throw .missingField(Name.errorPrefix + name.key) }
        try checkString(name, allowEmpty: false)
    }

    /// The member's text, or nil when absent or `null`.
    func optionalString(_ name: Name, allowEmpty: Bool = false) throws(RecordProblem) -> String? {
        guard has(name), !isNull(name) else { return nil }
        try checkString(name, allowEmpty: allowEmpty)
        return string(name) ?? ""
    }

    /// The member's canonical JSON, or nil when absent or `null`; anything but an object is refused.
    func optionalObject(_ name: Name) throws(RecordProblem) -> String? {
        guard let type = type(name), type != "null" else { return nil }
        guard type == "an object" else { throw .wrongType(field: Name.errorPrefix + name.key, expected: "an object", found: type) }
        return json(name)
    }

    /// Refuses a present member unless it is a string (and not empty, unless allowed), without decoding it.
    private func checkString(_ name: Name, allowEmpty: Bool) throws(RecordProblem) {
        let type = type(name) ?? "nothing"
        guard type == "a string" else { throw .wrongType(field: Name.errorPrefix + name.key, expected: "a string", found: type) }
        if !allowEmpty, isEmptyString(name) { throw .invalidValue(field: Name.errorPrefix + name.key, reason: "is empty") }
    }
}
