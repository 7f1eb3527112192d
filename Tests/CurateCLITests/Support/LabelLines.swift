import Foundation

/// Label records written as JSON Lines by the tests themselves.
///
/// Values are plain ASCII identifiers, so they need no JSON escaping.
enum LabelLines {
    /// One valid LLM label record, without a newline.
    static func llm(
        inputID: String, task: String = "sentiment", output: String = "positive", model: String = "test-model",
        prompt: String = "sentiment", version: String = "v1", createdAt: String = "2026-06-01T12:00:00Z", id: String? = nil
    ) -> String {
        let idMember = id.map { #","id":"\#($0)""# } ?? ""
        return #"{"task":"\#(task)","input_id":"\#(inputID)","output":"\#(output)","created_at":"\#(createdAt)","model":"\#(model)","prompt":{"name":"\#(prompt)","version":"\#(version)"}\#(idMember)}"#
    }

    /// One valid human label record, without a newline.
    static func human(inputID: String, task: String = "sentiment", output: String = "positive", annotator: String = "ana", id: String? = nil) -> String {
        let idMember = id.map { #","id":"\#($0)""# } ?? ""
        return #"{"task":"\#(task)","input_id":"\#(inputID)","output":"\#(output)","created_at":"2026-06-01T12:00:00Z","origin":"human","annotator":"\#(annotator)"\#(idMember)}"#
    }

    /// A file's worth of lines, each followed by a newline.
    static func file(_ lines: [String]) -> Data {
        Data(lines.map { $0 + "\n" }.joined().utf8)
    }

    /// `count` distinct small LLM records whose input ids start with `prefix`, by `model`.
    static func generate(count: Int, prefix: String, model: String = "test-model", startingAt first: Int = 0) -> Data {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count * 160)
        for index in first..<(first + count) {
            let second = index % 60
            let minute = index / 60 % 60
            let line = #"{"task":"bulk","input_id":"\#(prefix)-\#(index)","output":"\#(index % 3 == 0 ? "yes" : "no")","created_at":"2026-06-01T10:\#(minute < 10 ? "0" : "")\#(minute):\#(second < 10 ? "0" : "")\#(second)Z","model":"\#(model)","prompt":{"name":"bulk","version":"v1"}}"#
            bytes.append(contentsOf: line.utf8)
            bytes.append(0x0A)
        }
        return Data(bytes)
    }
}
