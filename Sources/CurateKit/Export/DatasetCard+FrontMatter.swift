/// The card's YAML front matter, as Hugging Face `datasets` reads it.
extension DatasetCard {
    /// `---`, `pretty_name`, `tags`, `configs` and `dataset_info`, `---`. Every string from the
    /// data is a double-quoted YAML scalar, escaped as needed.
    var frontMatter: String {
        var lines = ["---", "pretty_name: \(Self.yaml(manifest.name))", "tags:", "- curate", "configs:"]
        for config in configs {
            lines.append("- config_name: \(Self.yaml(config.name))")
            if config.task == nil { lines.append("  default: true") }
            lines.append("  data_files:")
            for (split, paths) in config.splits {
                lines.append("  - split: \(Self.yaml(split))")
                lines.append("    path:")
                lines += paths.map { "    - \(Self.yaml($0))" }
            }
        }
        lines.append("dataset_info:")
        for config in configs {
            lines.append("- config_name: \(Self.yaml(config.name))")
            lines.append("  features:")
            for (name, type) in features(task: config.task ?? (tasks.count == 1 ? tasks.first : nil)) {
                lines.append("  - name: \(name)")
                lines += type.map { "    \($0)" }
            }
        }
        return (lines + ["---"]).joined(separator: "\n") + "\n"
    }

    /// Each column with the YAML lines of its type: strings (ids stay strings in every format);
    /// `created_at` a UTC timestamp in Parquet, its RFC 3339 text otherwise; `input` and `output`
    /// JSON values in JSON Lines, their text in CSV and Parquet. `output` is a `ClassLabel` when
    /// the rows are one task's whose label names are known and cover every label exported, and
    /// a `struct` of typed fields in Parquet when they are one task's with a struct shape.
    /// - Parameter task: the one task whose rows the config holds, if any.
    func features(task: String?) -> [(name: String, type: [String])] {
        let format = manifest.options.format
        return RowColumns.names.map { name in
            switch name {
            case "created_at" where format == .parquet:
                (name, ["dtype: \(Self.yaml("timestamp[ns, tz=UTC]"))"])
            case "output" where task.flatMap(classNames) != nil:
                (name, ["dtype:", "  class_label:", "    names:"]
                    + (task.flatMap(classNames) ?? []).enumerated().map { "      '\($0.offset)': \(Self.yaml($0.element))" })
            case "output" where task.map(structTasks.contains) == true:
                (name, ["struct:"] + (task.flatMap { outputStructs[$0] }?.fields ?? []).flatMap { field in
                    ["- name: \(Self.yaml(field.name))", "  dtype: \(Self.featureType[field.type] ?? "string")"]
                })
            case "input" where format == .jsonl, "output" where format == .jsonl:
                (name, ["dtype: json"])
            default:
                (name, ["dtype: string"])
            }
        }
    }

    /// The Hugging Face `dtype` of each struct field type.
    private static let featureType: [OutputStruct.FieldType: String] = [.string: "string", .integer: "int64", .number: "float64", .boolean: "bool"]

    /// The label names of `task` when they can be a `ClassLabel`: given, distinct, and naming
    /// every label the task exported (a categorical task's).
    func classNames(_ task: String) -> [String]? {
        guard let names = labelNames[task], Set(names).count == names.count,
              let exported = manifest.labels.first(where: { $0.task == task })?.counts,
              Set(exported.keys).isSubset(of: names) else { return nil }
        return names
    }

    /// `text` as a double-quoted YAML scalar: `"` and `\` escaped, and every character a YAML
    /// reader may refuse or read as a line break (controls, DEL, C1, U+2028/9, BOM,
    /// non-characters) written as `\xHH`, `\uHHHH` or `\UHHHHHHHH`.
    static func yaml(_ text: String) -> String {
        var quoted = "\""
        for scalar in text.unicodeScalars {
            let value = scalar.value
            switch value {
            case 0x22: quoted += "\\\""
            case 0x5C: quoted += "\\\\"
            case _ where isPlain(value): quoted.unicodeScalars.append(scalar)
            case 0...0xFF: quoted += "\\x" + hex(value, digits: 2)
            case 0...0xFFFF: quoted += "\\u" + hex(value, digits: 4)
            default: quoted += "\\U" + hex(value, digits: 8)
            }
        }
        return quoted + "\""
    }

    /// Whether a YAML reader takes the character as it is inside a quoted scalar.
    private static func isPlain(_ value: UInt32) -> Bool {
        switch value {
        case 0x20...0x7E, 0x10000...0x10FFFF: true
        case 0xA0...0xD7FF: value != 0x2028 && value != 0x2029
        case 0xE000...0xFFFD: value != 0xFEFF
        default: false
        }
    }

    private static func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
