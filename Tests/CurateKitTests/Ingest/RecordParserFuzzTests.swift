import Testing
@testable import CurateKit

/// A bounded, deterministic mutation fuzzer for the record parser and the JSON reader.
///
/// Valid record lines are mutated (bytes flipped, inserted, deleted, spans duplicated, fields
/// spliced from other lines, cut short) with a fixed seed, so every run checks the same
/// cases. For each case: nothing traps; the record parser gives a record or a
/// ``RecordProblem``; the tree parser and the tree-less canonicalizer agree on whether the
/// line is JSON and on its canonical form; and a record that parses, written back in its
/// canonical form, parses to the same record.
@Suite("Fuzzing the record parser")
struct RecordParserFuzzTests {
    /// Valid lines that between them use every field and the awkward corners of JSON.
    static let seeds: [String] = [
        #"{"task":"s","input_id":"a","output":"x","created_at":"2026-06-01T12:00:00Z","model":"m","prompt":{"name":"p","version":"v1"}}"#,
        #"{"task":"sentiment","input_id":"rev-1","input":{"text":"Gr\u00e9at! \ud83d\ude00","n":[1,-2.5e3,0.0]},"output":"positive","created_at":"2026-06-01T14:30:00.123+02:00","model":"claude","prompt":{"name":"sentiment","version":"v2","sha256":"d7d78d5c2bde491374105a3528fe1c1db2b891fc5b5cf6ba9e24875263c7bcb8"},"params":{"temperature":0,"seed":7},"run":"r-1","meta":{"latency_ms":412,"z":null,"a":true}}"#,
        #"{"origin":"human","annotator":"ana","task":"intent","input_id":"q\"1\\","output":{"label":"buy","scores":[0.5,0.25]},"created_at":"2016-12-31T23:59:60Z","id":"caller-7"}"#,
        #"{"task":"t","input_id":"é","output":[1,{"b":2,"a":1}],"created_at":"1678-01-01T00:00:00Z","model":"m2","prompt":{"name":"n","version":"v3","text":"Rate: {{text}}\r\nNow."}}"#,
        #"  {"created_at":"2261-12-31T23:59:59.999999999z","output":"\u0000\/\b\f\n\r\t","task":"s","input_id":"x","model":"m","prompt":{"version":"v","name":"p"},"input":null,"meta":null,"params":null}  "#,
    ]

    /// Bytes a mutation inserts: JSON's own punctuation, escapes, and bytes that are never valid.
    static let interesting: [UInt8] = Array(#"{}[]":,\/ubfnrt0123456789-+.eE "#.utf8) + [0x00, 0x0A, 0x0D, 0x1F, 0x7F, 0x80, 0xBF, 0xC0, 0xC3, 0xED, 0xEF, 0xF4, 0xFF]

    @Test("20,000 mutated lines: no trap, a record or a problem, canonical forms that agree")
    func mutatedLines() throws {
        var random = SplitMix64(seed: 0x5EED_CAFE)
        var parser = RecordParser()
        var outcomes = (records: 0, problems: 0)
        let seedBytes = Self.seeds.map { Array($0.utf8) }
        for _ in 0..<20_000 {
            var line = seedBytes[random.below(seedBytes.count)]
            for _ in 0..<(1 + random.below(3)) {
                Self.mutate(&line, random: &random, donors: seedBytes)
            }
            let result = line.withUnsafeBytes { bytes in
                Result { () throws(RecordProblem) -> LabelRecord in try parser.parse(bytes) }
            }
            checkTreeAndCanonicalizerAgree(line)
            switch result {
            case .success(let record):
                outcomes.records += 1
                try checkRoundTrip(record, line: line)
            case .failure:
                outcomes.problems += 1
            }
        }
        // The mutations must leave some lines valid and make others invalid, or they test little.
        #expect(outcomes.records > 500, "\(outcomes)")
        #expect(outcomes.problems > 5_000, "\(outcomes)")
    }

    /// One random change to `line`.
    static func mutate(_ line: inout [UInt8], random: inout SplitMix64, donors: [[UInt8]]) {
        let position = line.isEmpty ? 0 : random.below(line.count)
        switch random.below(7) {
        case 0 where !line.isEmpty:
            line[position] ^= UInt8(1 << random.below(8))
        case 1:
            line.insert(interesting[random.below(interesting.count)], at: position)
        case 2 where !line.isEmpty:
            line.remove(at: position)
        case 3 where !line.isEmpty:
            let end = min(line.count, position + 1 + random.below(12))
            line.insert(contentsOf: line[position..<end], at: end)
        case 4:
            // Splice in a run of another valid line (often a whole member or value).
            let donor = donors[random.below(donors.count)]
            let start = random.below(donor.count)
            let end = min(donor.count, start + 1 + random.below(40))
            let cut = min(line.count, position + random.below(40))
            line.replaceSubrange(position..<cut, with: donor[start..<end])
        case 5 where !line.isEmpty:
            line.removeLast(random.below(min(line.count, 30)) + 1)
        default:
            if line.isEmpty { line.append(interesting[random.below(interesting.count)]) } else { line[position] = interesting[random.below(interesting.count)] }
        }
    }

    /// The tree parser and the canonicalizer the record parser uses must agree on the line.
    private func checkTreeAndCanonicalizerAgree(_ line: [UInt8]) {
        let tree = line.withUnsafeBytes { bytes in Result { () throws(JSONParser.SyntaxError) in try JSONParser.parse(bytes) } }
        let canonical = line.withUnsafeBytes { bytes in
            Result { () throws(JSONParser.SyntaxError) -> String in
                var parser = JSONParser(bytes)
                var output: [UInt8] = []
                var scratch = JSONParser.CanonicalScratch()
                parser.skipWhitespace()
                try parser.canonicalizeValue(into: &output, scratch: &scratch)
                parser.skipWhitespace()
                guard parser.index == bytes.count else { throw parser.error("trailing text") }
                return String(decoding: output, as: UTF8.self)
            }
        }
        switch (tree, canonical) {
        case (.success(let value), .success(let json)):
            #expect(json == JSONWriter.canonical(value), "\(String(decoding: line, as: UTF8.self))")
            let again = try? JSONParser.parse(JSONWriter.canonical(value))
            #expect(again.map(JSONWriter.canonical) == JSONWriter.canonical(value))
        case (.failure, .failure):
            break
        default:
            Issue.record("the tree parser and the canonicalizer disagree on \(line): \(tree) vs \(canonical)")
        }
    }

    /// A record written back canonically parses to the same record.
    private func checkRoundTrip(_ record: LabelRecord, line: [UInt8]) throws {
        let canonical = RecordIdentity.canonicalContent(of: record)
        let again = try RecordParser.parse(String(decoding: canonical, as: UTF8.self))
        var expected = record
        expected.id = SHA256Hex.hex(record.contentDigest)  // the canonical form has no caller id
        if case .llm(let model, let prompt, _, let status) = record.producer {
            expected.producer = .llm(model: model, prompt: prompt, promptText: nil, hashStatus: status)  // text becomes its hash
        }
        #expect(again == expected, "\(String(decoding: line, as: UTF8.self))")
        #expect(RecordIdentity.canonicalContent(of: again) == canonical)
    }
}
