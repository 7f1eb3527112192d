import Foundation

/// The label schemas of a workspace, by task: `prompts/TASK/schema.json`.
///
/// A workspace with at least one schema declares its tasks: they are exactly the tasks with a
/// schema (`{}` declares a task whose outputs may be anything), and ingest refuses a record of
/// any other task unless told to allow new ones. A workspace with no schema declares nothing
/// and ingest accepts every task and output.
public struct TaskSchemas: Sendable {
    /// The file name of a task's schema in its folder under `prompts/`.
    public static let fileName = "schema.json"

    /// Each task's schema, with the path it was read from.
    private var schemas: [String: (schema: LabelSchema, path: String)]

    /// No schema: every task and output is accepted.
    public init() {
        schemas = [:]
    }

    /// Schemas given by task, each with the path errors name it by.
    public init(_ schemas: [String: (schema: LabelSchema, path: String)]) {
        self.schemas = schemas
    }

    /// Reads every `prompts/TASK/schema.json` under `folder`; a missing folder has none.
    /// - Parameters:
    ///   - folder: the `prompts/` folder.
    ///   - pathPrefix: how reported paths begin, usually `prompts`.
    /// - Throws: ``SchemaError`` for the first schema that cannot be read or uses an unsupported keyword.
    public static func load(promptsFolder folder: URL, pathPrefix: String = "prompts") throws(SchemaError) -> TaskSchemas {
        var schemas: [String: (schema: LabelSchema, path: String)] = [:]
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
        for task in names where !task.hasPrefix(".") {
            let url = folder.appendingPathComponent(task).appendingPathComponent(fileName)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            let path = "\(pathPrefix)/\(task)/\(fileName)"
            let bytes: Data
            do {
                bytes = try Data(contentsOf: url)
            } catch {
                throw .unreadable(path: path, reason: error.localizedDescription)
            }
            let schema = try bytes.withUnsafeBytes { buffer in
                Result { () throws(SchemaError) -> LabelSchema in try LabelSchema(json: buffer, path: path) }
            }.get()
            schemas[task] = (schema, path)
        }
        return TaskSchemas(schemas)
    }

    /// Whether the workspace declares its tasks (it has at least one schema).
    public var declaresTasks: Bool { !schemas.isEmpty }

    /// The declared tasks, sorted.
    public var tasks: [String] { schemas.keys.sorted() }

    /// The schema of `task`, when it has one.
    public func schema(for task: String) -> LabelSchema? {
        schemas[task]?.schema
    }

    /// The class names of `task` for a dataset card's `ClassLabel`: its schema's `enum` of
    /// strings, in the schema's order; nil when the task has no schema or its outputs are not
    /// a set of strings.
    public func classLabels(for task: String) -> [String]? {
        schemas[task]?.schema.classLabels
    }

    /// ``classLabels(for:)`` of every task that has class names: what a dataset card's
    /// `ClassLabel` features are made from.
    public var classLabelsByTask: [String: [String]] {
        schemas.keys.reduce(into: [:]) { names, task in names[task] = classLabels(for: task) }
    }

    /// The struct shape of each task whose schema declares one (``OutputStruct``): how a
    /// Parquet export writes its `output`.
    public var outputStructsByTask: [String: OutputStruct] {
        schemas.reduce(into: [:]) { shapes, entry in shapes[entry.key] = OutputStruct(schema: entry.value.schema, path: entry.value.path) }
    }

    /// Checks a record's task and output.
    /// - Parameter allowingNewTasks: accept a record of a task without a schema even when the
    ///   workspace declares its tasks (its output is then not checked).
    /// - Throws: ``RecordProblem/invalidValue(field:reason:)`` for field `task` (an undeclared
    ///   task, with the nearest declared one) or for the output's path (`output`, `output.level`).
    public func check(_ record: LabelRecord, allowingNewTasks: Bool) throws(RecordProblem) {
        guard declaresTasks else { return }
        guard let (schema, path) = schemas[record.task] else {
            if allowingNewTasks { return }
            let suggestion = NearMatch.suggestion(for: record.task, among: tasks)
            throw .invalidValue(field: "task", reason: "\(JSONWriter.canonical(.string(record.task))) is not a task of this workspace"
                + (suggestion.map { "; did you mean \(JSONWriter.canonical(.string($0)))?" } ?? "")
                + " (the tasks with a prompts/TASK/\(Self.fileName) are \(LabelSchema.list(tasks, or: false))); "
                + "fix the task, add prompts/\(record.task)/\(Self.fileName) to declare it, or pass --allow-new-task")
        }
        if let violation = schema.violation(ofCanonical: record.output, at: "output") {
            throw .invalidValue(field: violation.path, reason: "\(violation) (task \(JSONWriter.canonical(.string(record.task))), \(path))")
        }
    }
}
