/// One input whose chosen label is stale: what `curate stale` prints as a line, ready for
/// an LLM job that regenerates its label.
public struct StaleInput: Sendable, Hashable {
    /// The input's task.
    public var task: String
    /// The input's id.
    public var inputID: String
    /// The input payload as canonical JSON (of the chosen label, else the newest), when stored and
    /// asked for (``StaleFinder/Options/withInputs``).
    public var input: String?
    /// Why the label is stale, in ``StaleReason`` order.
    public var why: [StaleReason]
    /// The chosen label; nil when every label of the input is quarantined or retracted.
    public var label: Label?
    /// The prompt text to regenerate with; nil when none is known for the label's prompt name.
    public var regenerateWith: PromptTarget?

    /// The stale label, with the provenance a regeneration job may want to see.
    public struct Label: Sendable, Hashable {
        /// The record id: what a regenerated record names in `supersedes`.
        public var id: String
        /// The output as canonical JSON.
        public var output: String
        public var model: String?
        public var prompt: PromptRef?
        public var hashStatus: HashStatus?
        public var createdAt: Timestamp
    }

    /// The line `curate stale` prints: canonical JSON (sorted keys, no spaces) and a newline.
    public var jsonLine: [UInt8] {
        var bytes: [UInt8] = []
        func key(_ name: String, first: Bool = false) {
            if !first { bytes.append(UInt8(ascii: ",")) }
            JSONWriter.writeString(name, to: &bytes)
            bytes.append(UInt8(ascii: ":"))
        }
        func string(_ value: String?) {
            if let value { JSONWriter.writeString(value, to: &bytes) } else { JSONWriter.writeRaw("null", to: &bytes) }
        }
        bytes.append(UInt8(ascii: "{"))
        key("input", first: true)
        JSONWriter.writeRaw(input ?? "null", to: &bytes)
        key("input_id")
        string(inputID)
        key("label")
        if let label {
            bytes.append(UInt8(ascii: "{"))
            key("created_at", first: true)
            string(label.createdAt.rfc3339)
            key("hash_status")
            string(label.hashStatus?.rawValue)
            key("id")
            string(label.id)
            key("model")
            string(label.model)
            key("output")
            JSONWriter.writeRaw(label.output, to: &bytes)
            key("prompt")
            if let prompt = label.prompt {
                bytes.append(UInt8(ascii: "{"))
                key("name", first: true)
                string(prompt.name)
                key("sha256")
                string(prompt.sha256)
                key("version")
                string(prompt.version)
                bytes.append(UInt8(ascii: "}"))
            } else {
                string(nil)
            }
            bytes.append(UInt8(ascii: "}"))
        } else {
            string(nil)
        }
        key("regenerate_with")
        if let target = regenerateWith {
            bytes.append(UInt8(ascii: "{"))
            key("name", first: true)
            string(target.name)
            key("sha256")
            string(target.sha256)
            key("text")
            string(target.text)
            key("version")
            string(target.version)
            bytes.append(UInt8(ascii: "}"))
        } else {
            string(nil)
        }
        key("task")
        string(task)
        key("why")
        bytes.append(UInt8(ascii: "["))
        for (index, reason) in why.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            string(reason.rawValue)
        }
        bytes.append(contentsOf: "]}\n".utf8)
        return bytes
    }
}
