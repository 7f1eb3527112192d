/// A dataset's `croissant.json`: its Croissant 1.1 description (JSON-LD), made from the
/// manifest alone, so the same manifest always gives the same bytes.
///
/// The data files are listed one `cr:FileObject` each (path, format, SHA-256) and grouped
/// in one `cr:FileSet`, `data-files`, that the record set `records` reads: one record per
/// exported label, a field per data-file column (``RowColumns``), keyed by the record `id`.
/// Its `split` field refers to the record set `splits` (`dataType` `cr:Split`), which
/// names each split and, for `train`, `validation` and `test`, Croissant's split URL.
///
/// A JSON Lines file embeds `input` (and `output`) as JSON values, which may be objects:
/// Croissant has no data type for an arbitrary JSON value and `mlcroissant` cannot load
/// one, so for JSON Lines the record set leaves out `input`, and `output` unless every
/// task's outputs are categorical. CSV and Parquet hold them as text and list every column,
/// but for a Parquet `output` that is a struct in some task's files (``OutputStruct``): the
/// record set reads every file as one table, which cannot mix a struct and text, so it leaves
/// `output` out then too.
///
/// Metadata not given (``DatasetMetadata``) gets a default: license `unknown`, version
/// `1.0.0`, a description and a BibTeX citation made from the manifest; no creator or URL.
public struct CroissantDocument: ManifestDocument {
    public static let fileName = "croissant.json"
    /// The Croissant version the document conforms to.
    public static let conformsTo = "http://mlcommons.org/croissant/1.1"
    /// The license stated when none is given.
    public static let defaultLicense = "unknown"
    /// The version stated when none is given.
    public static let defaultVersion = "1.0.0"

    /// The manifest described.
    public let manifest: Manifest
    /// The struct shape of each task's outputs, where its schema declares one.
    public let outputStructs: [String: OutputStruct]

    public init(manifest: Manifest) {
        self.init(manifest: manifest, outputStructs: [:])
    }

    /// The Croissant description of the dataset `manifest` describes.
    /// - Parameter outputStructs: the struct shape of each task's outputs, where its schema declares one.
    public init(manifest: Manifest, outputStructs: [String: OutputStruct]) {
        self.manifest = manifest
        self.outputStructs = outputStructs
    }

    public var jsonValue: JSONValue {
        let metadata = manifest.dataset
        var members: [(key: String, value: JSONValue)] = [
            ("@context", Self.context),
            ("@type", .string("sc:Dataset")),
            ("conformsTo", .string(Self.conformsTo)),
            ("name", .string(manifest.name)),
            ("description", .string(metadata.description ?? defaultDescription)),
            ("license", .string(metadata.license.map(DatasetMetadata.licenseURL) ?? Self.defaultLicense)),
            ("version", .string(version)),
            ("citeAs", .string(metadata.citation ?? defaultCitation)),
            // The newest record's time, not the export's, so exports of the same data are the same bytes.
            ("datePublished", .string((manifest.records.newestCreatedAt ?? manifest.createdAt).rfc3339)),
            ("distribution", .array(manifest.files.map(fileObject) + [fileSet])),
            ("recordSet", .array([splitRecordSet, recordSet])),
        ]
        if let url = metadata.url { members.append(("url", .string(url))) }
        if let creator = metadata.creator {
            var person: [(key: String, value: JSONValue)] = [
                ("@type", .string(creator.kind == .person ? "sc:Person" : "sc:Organization")), ("name", .string(creator.name)),
            ]
            if let url = creator.url { person.append(("url", .string(url))) }
            if let email = creator.email { person.append(("email", .string(email))) }
            members.append(("creator", .object(person)))
        }
        return .object(members)
    }

    private var version: String { manifest.dataset.version ?? Self.defaultVersion }

    /// The tasks, the record count and the tool, for a dataset given no description.
    var defaultDescription: String {
        let tasks = manifest.labels.map(\.task)
        let tuples = manifest.provenance.count
        return "Labels of \(tasks.count == 1 ? "task" : "tasks") \(tasks.joined(separator: ", ")): \(manifest.records.count) "
            + "record\(manifest.records.count == 1 ? "" : "s") from \(tuples) provenance tuple\(tuples == 1 ? "" : "s"), "
            + "exported by \(manifest.tool.name) \(manifest.tool.version). manifest.json lists the selection rules and the "
            + "model, prompt and origin of every record."
    }

    /// A BibTeX `@misc` entry of the dataset, for a dataset given no citation.
    var defaultCitation: String {
        func braced(_ text: String) -> String {
            text.replacingOccurrences(of: "{", with: "\\{").replacingOccurrences(of: "}", with: "\\}")
        }
        var lines = ["@misc{\(manifest.name),", "  title = {\(braced(manifest.name))},"]
        if let creator = manifest.dataset.creator { lines.append("  author = {\(braced(creator.name))},") }
        lines.append("  year = {\(manifest.createdAt.rfc3339.prefix(4))},")
        lines.append("  version = {\(braced(version))},")
        if let url = manifest.dataset.url { lines.append("  url = {\(braced(url))},") }
        lines.append("  note = {Exported with \(braced(manifest.tool.name)) \(braced(manifest.tool.version))}")
        lines.append("}")
        return lines.joined(separator: "\n")
    }

    private var encodingFormat: JSONValue {
        switch manifest.options.format {
        case .jsonl: .string("application/jsonlines")
        case .csv: .string("text/csv")
        case .parquet: .string("application/x-parquet")
        }
    }

    private func fileObject(_ file: Manifest.DataFile) -> JSONValue {
        .object([
            ("@type", .string("cr:FileObject")), ("@id", .string(file.path)), ("name", .string(file.path)),
            ("description", .string("The \(file.split) split: \(file.records) record\(file.records == 1 ? "" : "s").")),
            ("contentUrl", .string(file.path)), ("encodingFormat", encodingFormat), ("sha256", .string(file.sha256)),
        ])
    }

    private var fileSet: JSONValue {
        .object([
            ("@type", .string("cr:FileSet")), ("@id", .string("data-files")), ("name", .string("data-files")),
            ("description", .string("The data files of every split, read together.")),
            ("encodingFormat", encodingFormat), ("includes", .array(manifest.files.map { .string($0.path) })),
        ])
    }

    /// Croissant's URL of a split name it defines, if any.
    private static func splitURL(_ name: String) -> String? {
        switch name {
        case "train": "cr:TrainingSplit"
        case "validation": "cr:ValidationSplit"
        case "test": "cr:TestSplit"
        default: nil
        }
    }

    private var splitRecordSet: JSONValue {
        // A split has a file per task: name each split once, in the files' (path) order.
        var seen: Set<String> = []
        let rows: [JSONValue] = manifest.files.map(\.split).filter { seen.insert($0).inserted }.map { split in
            // Every row needs every column: a split Croissant does not name gets a URN of its own.
            .object([("splits/name", .string(split)), ("splits/url", .string(Self.splitURL(split) ?? "urn:curate:split:\(split)"))])
        }
        return .object([
            ("@type", .string("cr:RecordSet")), ("@id", .string("splits")), ("name", .string("splits")),
            ("description", .string("The splits of the dataset.")), ("dataType", .string("cr:Split")),
            ("key", .object([("@id", .string("splits/name"))])),
            ("field", .array([
                Self.field("splits/name", "name", "The split's name.", dataType: "sc:Text"),
                Self.field("splits/url", "url", "Croissant's URL of the split, when it is train, validation or test.", dataType: "sc:URL"),
            ])),
            ("data", .array(rows)),
        ])
    }

    /// The data-file columns the record set lists (see the type's discussion).
    var columns: [String] {
        if manifest.options.format == .parquet, manifest.files.contains(where: { $0.task.map { outputStructs[$0] != nil } == true }) {
            return RowColumns.names.filter { $0 != "output" }
        }
        guard manifest.options.format == .jsonl else { return RowColumns.names }
        let categorical = manifest.labels.allSatisfy { $0.counts != nil }
        return RowColumns.names.filter { $0 != "input" && (categorical || $0 != "output") }
    }

    private var recordSet: JSONValue {
        let fields: [JSONValue] = columns.map { column in
            var extra: [(key: String, value: JSONValue)] = [("source", .object([
                ("fileSet", .object([("@id", .string("data-files"))])), ("extract", .object([("column", .string(column))])),
            ]))]
            if column == "split" { extra.append(("references", .object([("field", .object([("@id", .string("splits/name"))]))]))) }
            return Self.field(
                "records/\(column)", column, Self.columnDescriptions[column] ?? column,
                dataType: column == "created_at" ? "sc:DateTime" : "sc:Text", extra: extra)
        }
        return .object([
            ("@type", .string("cr:RecordSet")), ("@id", .string("records")), ("name", .string("records")),
            ("description", .string("One record per exported label, in every split.")),
            ("key", .object([("@id", .string("records/id"))])),
            ("field", .array(fields)),
        ])
    }

    private static func field(
        _ id: String, _ name: String, _ description: String, dataType: String, extra: [(key: String, value: JSONValue)] = []
    ) -> JSONValue {
        .object([
            ("@type", .string("cr:Field")), ("@id", .string(id)), ("name", .string(name)),
            ("description", .string(description)), ("dataType", .string(dataType)),
        ] + extra)
    }

    private static let columnDescriptions: [String: String] = [
        "input_id": "Stable id of the labelled input: the unit of deduplication, conflict and split.",
        "input": "The input payload: a JSON string as its text, any other JSON value as canonical JSON; empty when absent.",
        "output": "The label (the LLM's or the annotator's output): a string as itself, any other JSON value as canonical JSON.",
        "id": "The record id: the caller's id, or the SHA-256 of the record's canonical content.",
        "task": "The labelling task.",
        "split": "The split the input is in.",
        "origin": "Who produced the label: llm or human.",
        "model": "The exact model id of an LLM label.",
        "annotator": "Who made a human label.",
        "prompt": "The prompt of an LLM label as NAME@VERSION#HASH12.",
        "prompt_sha256": "SHA-256 of the prompt's template text (UTF-8, CRLF as LF): the prompt's identity.",
        "hash_status": "How sure the prompt hash is: recorded, resolved, inferred-git, ambiguous or unknown.",
        "run": "The run or batch id the label came with.",
        "created_at": "When the label was generated (UTC).",
        "supersedes": "The record id of the label this regenerated label replaces.",
    ]

    /// The JSON-LD context of Croissant 1.1, as `mlcroissant` expects it whole.
    private static let context: JSONValue = {
        let croissantTerms = [
            "arrayShape", "citeAs", "column", "containedIn", "equivalentProperty", "extract", "field", "fileObject",
            "fileProperty", "fileSet", "format", "includes", "isArray", "isLiveDataset", "jsonPath", "key", "md5",
            "parentField", "path", "recordSet", "references", "regex", "repeated", "replace", "samplingRate",
            "separator", "source", "subField", "transform",
        ]
        var members: [(key: String, value: JSONValue)] = croissantTerms.map { ($0, .string("cr:\($0)")) }
        members += [
            ("@language", .string("en")),
            ("@vocab", .string("https://schema.org/")),
            ("sc", .string("https://schema.org/")),
            ("cr", .string("http://mlcommons.org/croissant/")),
            ("rai", .string("http://mlcommons.org/croissant/RAI/")),
            ("dct", .string("http://purl.org/dc/terms/")),
            ("conformsTo", .string("dct:conformsTo")),
            ("data", .object([("@id", .string("cr:data")), ("@type", .string("@json"))])),
            ("dataType", .object([("@id", .string("cr:dataType")), ("@type", .string("@vocab"))])),
            ("examples", .object([("@id", .string("cr:examples")), ("@type", .string("@json"))])),
            ("description", .object([("@container", .string("@language"))])),
            ("name", .object([("@container", .string("@language"))])),
        ]
        return .object(members)
    }()
}
