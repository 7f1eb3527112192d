/// The manifest's `dataset` object: the metadata as given, null where not given.
extension DatasetMetadata {
    /// `{"license","creator":{"name","type","url","email"}|null,"version","citation","description","url"}`.
    public var jsonValue: JSONValue {
        func text(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
        return .object([
            ("license", text(license)),
            ("creator", creator.map { creator in
                .object([("name", .string(creator.name)), ("type", .string(creator.kind.rawValue)), ("url", text(creator.url)), ("email", text(creator.email))])
            } ?? .null),
            ("version", text(version)),
            ("citation", text(citation)),
            ("description", text(description)),
            ("url", text(url)),
        ])
    }

    /// Reads the manifest's `dataset` object.
    init(_ fields: ManifestFields) throws(ExportError) {
        var creator: Creator?
        if try fields.value("creator") != .null {
            let entry = try fields.object("creator")
            creator = Creator(
                name: try entry.string("name"),
                kind: try entry.parsed("type", expected: "person or organization", Creator.Kind.init(rawValue:)),
                url: try entry.optionalString("url"), email: try entry.optionalString("email"))
        }
        self.init(
            license: try fields.optionalString("license"), creator: creator, version: try fields.optionalString("version"),
            citation: try fields.optionalString("citation"), description: try fields.optionalString("description"),
            url: try fields.optionalString("url"))
    }
}
