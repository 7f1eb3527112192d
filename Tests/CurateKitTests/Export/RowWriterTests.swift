import Testing
@testable import CurateKit

@Suite("Data file rows")
struct RowWriterTests {
    static let tuple = ProvenanceTuple(
        task: "sentiment", origin: .llm, model: "model-a", annotator: nil,
        prompt: PromptRef(name: "sentiment", version: "v1", sha256: String(repeating: "ab", count: 32)), hashStatus: .recorded)

    static func row(input: String?, output: String, inputID: String = "in-1", run: String? = "run-1") -> StoredLabel {
        StoredLabel(task: "sentiment", inputID: inputID, createdAt: 1_780_315_200_000_000_000, id: "rec-1", output: output, input: input, run: run, tupleID: 1)
    }

    func csv(_ row: StoredLabel) -> String {
        var buffer = ByteBuffer()
        CSVRowWriter().append(row, producer: ProducerColumns(Self.tuple), split: "train", to: &buffer)
        return buffer.withUnsafeBytes { String(decoding: $0, as: UTF8.self) }
    }

    @Test("CSV has the documented header and CRLF line ends")
    func header() {
        #expect(String(decoding: CSVRowWriter().header, as: UTF8.self)
            == "input_id,input,output,id,task,split,origin,model,annotator,prompt,prompt_sha256,hash_status,run,created_at,supersedes\r\n")
    }

    @Test("CSV quotes fields with commas, quotes, CR or LF, doubling quotes; unicode passes through")
    func quoting() throws {
        let input = JSONWriter.canonical(.object([("text", .string("Great, \"really\"\nnice ☕ 😀"))]))
        let line = csv(Self.row(input: input, output: "\"pos,itive\"", inputID: "a\"b"))
        #expect(line.hasPrefix(#""a""b","{""text"":""Great, \""really\""\nnice ☕ 😀""}","pos,itive",rec-1,sentiment,train,llm,model-a,,sentiment@v1#abababababab,"#))
        #expect(line.hasSuffix(",recorded,run-1,2026-06-01T12:00:00Z,\r\n"))
    }

    @Test("CSV writes a JSON string's text, other JSON as canonical JSON, absent values empty")
    func jsonColumns() {
        #expect(csv(Self.row(input: nil, output: "\"tab\\there\"", run: nil)).hasPrefix("in-1,,tab\there,rec-1,"))
        #expect(csv(Self.row(input: "3", output: "true")).hasPrefix("in-1,3,true,"))
        #expect(csv(Self.row(input: nil, output: "[1,2]")).hasPrefix("in-1,,\"[1,2]\","))
        #expect(csv(Self.row(input: nil, output: "\"\\r\"")).hasPrefix("in-1,,\"\r\","))
    }

    @Test("JSONL rows are canonical JSON with every column")
    func jsonl() throws {
        var buffer = ByteBuffer()
        let input = JSONWriter.canonical(.object([("text", .string("line\nbreak ☕"))]))
        JSONLRowWriter().append(Self.row(input: input, output: "\"positive\""), producer: ProducerColumns(Self.tuple), split: "test", to: &buffer)
        let text = buffer.withUnsafeBytes { String(decoding: $0, as: UTF8.self) }
        #expect(text.hasSuffix("}\n"))
        let value = try JSONParser.parse(String(text.dropLast()))
        #expect(JSONWriter.canonical(value) + "\n" == text)
        guard case .object(let members) = value else { Issue.record("not an object"); return }
        #expect(members.map(\.key).sorted() == RowColumns.names.sorted())
        #expect(value["input"] == .object([("text", .string("line\nbreak ☕"))]))
        #expect(value["prompt"] == .string("sentiment@v1#abababababab"))
        #expect(value["annotator"] == .null)
        #expect(value["split"] == .string("test"))
    }

    @Test("The word-at-a-time escape test agrees with a byte-by-byte one for every byte at every offset")
    func escapeTest() {
        var disagreements: [[UInt8]] = []
        for background in [UInt8(ascii: "a"), 0x20, 0x21, 0x23, 0x5B, 0x5D, 0x80, 0xFF] {
            for length in [1, 7, 8, 9, 16, 23] {
                for offset in 0..<length {
                    for byte in UInt8.min...UInt8.max {
                        var bytes = [UInt8](repeating: background, count: length)
                        bytes[offset] = byte
                        let expected = byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
                        if bytes.withUnsafeBufferPointer(JSONWriter.needsEscape) != expected { disagreements.append(bytes) }
                    }
                }
            }
        }
        #expect(disagreements.isEmpty)
    }
}
