import Foundation
import Testing
@testable import CurateKit

@Suite("Task schemas: prompts/TASK/schema.json declares tasks and their outputs")
struct TaskSchemasTests {
    static func record(task: String, output: String) throws -> LabelRecord {
        try RecordParser.parse(#"{"task":\#(JSONWriter.canonical(.string(task))),"input_id":"r1","output":\#(output),"#
            + #""created_at":"2026-06-01T12:00:00Z","origin":"human","annotator":"ann-1"}"#)
    }

    static func workspace() throws -> (TemporaryDirectory, TaskSchemas) {
        let folder = try TemporaryDirectory()
        try folder.write("prompts/sentiment/schema.json", #"{"enum": ["positive", "negative", "neutral"]}"#)
        try folder.write("prompts/sentiment/v1.txt", "Classify.")
        try folder.write("prompts/summary/schema.json", "{}")
        try folder.write("prompts/intent/v1.txt", "Route.")
        try folder.write("prompts/.hidden/schema.json", "not read")
        return (folder, try TaskSchemas.load(promptsFolder: folder.url.appendingPathComponent("prompts")))
    }

    @Test("the declared tasks are the folders with a schema.json, and only they")
    func declaredTasks() throws {
        let (_, schemas) = try Self.workspace()
        #expect(schemas.declaresTasks)
        #expect(schemas.tasks == ["sentiment", "summary"])
        #expect(schemas.classLabels(for: "sentiment") == ["positive", "negative", "neutral"])
        #expect(schemas.classLabels(for: "summary") == nil)
        #expect(schemas.classLabels(for: "intent") == nil)
    }

    @Test("a workspace without schemas, or without prompts/, accepts any task and output")
    func noSchemas() throws {
        let folder = try TemporaryDirectory()
        try folder.write("prompts/sentiment/v1.txt", "Classify.")
        for prompts in ["prompts", "missing"] {
            let schemas = try TaskSchemas.load(promptsFolder: folder.url.appendingPathComponent(prompts))
            #expect(!schemas.declaresTasks)
            try schemas.check(try Self.record(task: "sentimnet", output: #""Positive""#), allowingNewTasks: false)
        }
    }

    @Test("an output outside its task's schema is refused naming the field, the task and the schema file")
    func outputRefused() throws {
        let (_, schemas) = try Self.workspace()
        try schemas.check(try Self.record(task: "sentiment", output: #""positive""#), allowingNewTasks: false)
        try schemas.check(try Self.record(task: "summary", output: #"{"text":"anything"}"#), allowingNewTasks: false)
        #expect(throws: RecordProblem.invalidValue(field: "output", reason: #""Positive" is not one of "positive", "negative", "neutral"; "#
            + #"did you mean "positive"? (task "sentiment", prompts/sentiment/schema.json)"#)) {
            try schemas.check(try Self.record(task: "sentiment", output: #""Positive""#), allowingNewTasks: true)
        }
    }

    @Test("an undeclared task is refused with the nearest declared one, unless new tasks are allowed")
    func unknownTask() throws {
        let (_, schemas) = try Self.workspace()
        let typo = try Self.record(task: "sentimnet", output: #""positive""#)
        #expect(throws: RecordProblem.invalidValue(field: "task", reason: #""sentimnet" is not a task of this workspace; did you mean "sentiment"? "#
            + "(the tasks with a prompts/TASK/schema.json are sentiment, summary); "
            + "fix the task, add prompts/sentimnet/schema.json to declare it, or pass --allow-new-task")) {
            try schemas.check(typo, allowingNewTasks: false)
        }
        try schemas.check(typo, allowingNewTasks: true)
        #expect(throws: RecordProblem.self) { try schemas.check(try Self.record(task: "intent", output: #""billing""#), allowingNewTasks: false) }
    }

    @Test("a schema that cannot be read stops loading, naming its file")
    func badSchemaFile() throws {
        let folder = try TemporaryDirectory()
        try folder.write("prompts/sentiment/schema.json", #"{"enum": ["positive"], "examples": ["positive"]}"#)
        #expect(throws: SchemaError.unsupportedKeyword(path: "prompts/sentiment/schema.json", pointer: "", keyword: "examples")) {
            try TaskSchemas.load(promptsFolder: folder.url.appendingPathComponent("prompts"))
        }
    }
}
