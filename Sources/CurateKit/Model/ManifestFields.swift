/// One JSON object of a manifest being read, with errors that name the field's path.
struct ManifestFields {
    private let members: [String: JSONValue]
    private let path: String
    private let source: String

    /// Reads `value` as an object found at `path` (empty for the top level) of the manifest at `source`.
    init(_ value: JSONValue, path: String, source: String) throws(ExportError) {
        guard case .object(let list) = value else {
            throw .invalidManifest(path: source, reason: "\(path.isEmpty ? "the top level" : "field \"\(path)\"") is \(value.typeDescription), not an object")
        }
        var members: [String: JSONValue] = [:]
        for member in list { members[member.key] = member.value }
        self.members = members
        self.path = path
        self.source = source
    }

    /// The full path of member `key`.
    func path(_ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }

    /// An error about member `key`.
    func problem(_ key: String, _ reason: String) -> ExportError {
        .invalidManifest(path: source, reason: "field \"\(path(key))\" \(reason)")
    }

    /// Whether the object has member `key`.
    func has(_ key: String) -> Bool {
        members[key] != nil
    }

    func value(_ key: String) throws(ExportError) -> JSONValue {
        guard let value = members[key] else { throw problem(key, "is missing") }
        return value
    }

    func object(_ key: String) throws(ExportError) -> ManifestFields {
        try ManifestFields(value(key), path: path(key), source: source)
    }

    func string(_ key: String) throws(ExportError) -> String {
        guard case .string(let text) = try value(key) else { throw problem(key, "must be a string") }
        return text
    }

    func optionalString(_ key: String) throws(ExportError) -> String? {
        let found = try value(key)
        if found == .null { return nil }
        guard case .string(let text) = found else { throw problem(key, "must be a string or null") }
        return text
    }

    func bool(_ key: String) throws(ExportError) -> Bool {
        guard case .bool(let flag) = try value(key) else { throw problem(key, "must be true or false") }
        return flag
    }

    func integer(_ key: String) throws(ExportError) -> Int {
        guard case .number(let lexeme) = try value(key), let number = Int(lexeme), number >= 0 else {
            throw problem(key, "must be a whole number of at least 0")
        }
        return number
    }

    func number<T: LosslessStringConvertible>(_ key: String, as type: T.Type) throws(ExportError) -> T {
        guard case .number(let lexeme) = try value(key), let number = T(lexeme) else { throw problem(key, "must be a number") }
        return number
    }

    func array(_ key: String) throws(ExportError) -> [JSONValue] {
        guard case .array(let elements) = try value(key) else { throw problem(key, "must be an array") }
        return elements
    }

    func strings(_ key: String) throws(ExportError) -> [String] {
        var result: [String] = []
        for element in try array(key) {
            guard case .string(let text) = element else { throw problem(key, "must hold only strings") }
            result.append(text)
        }
        return result
    }

    /// Each element of array `key`, read as an object.
    func objects(_ key: String) throws(ExportError) -> [ManifestFields] {
        var result: [ManifestFields] = []
        for (index, element) in try array(key).enumerated() {
            result.append(try ManifestFields(element, path: "\(path(key))[\(index)]", source: source))
        }
        return result
    }

    /// The members of object `key`, in their order in the file.
    func entries(_ key: String) throws(ExportError) -> [(key: String, value: JSONValue)] {
        guard case .object(let list) = try value(key) else { throw problem(key, "must be an object") }
        return list
    }

    /// `value`, found at `path` of the same manifest, read as an object.
    func nested(_ value: JSONValue, at path: String) throws(ExportError) -> ManifestFields {
        try ManifestFields(value, path: path, source: source)
    }

    /// Member `key` read with `parse`, which returns nil for a value it does not accept.
    func parsed<T>(_ key: String, expected: String, _ parse: (String) -> T?) throws(ExportError) -> T {
        guard let value = parse(try string(key)) else { throw problem(key, "must be \(expected)") }
        return value
    }
}
