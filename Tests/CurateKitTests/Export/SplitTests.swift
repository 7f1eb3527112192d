import Crypto
import Testing
@testable import CurateKit

@Suite("Split specs and assignment")
struct SplitTests {
    @Test("a spec parses, sorts its splits by name and keeps its seed")
    func parses() throws {
        let spec = try SplitSpec(parsing: "train=0.8, validation=0.1,test=0.1", seed: 7)
        #expect(spec.splits.map(\.name) == ["test", "train", "validation"])
        #expect(spec.splits.map(\.fraction) == [0.1, 0.8, 0.1])
        #expect(spec.seed == 7)
        #expect(spec.description == "test=0.1,train=0.8,validation=0.1")
        #expect(try SplitSpec(parsing: "test=0.1,validation=0.1,train=0.8", seed: 7) == spec)
    }

    @Test("bad specs are refused with a reason", arguments: [
        "train=0.5", "train=0.8,test=0.3", "train", "train=x", "train=0.5,train=0.5", "=1", "tr ain=1",
        "train=1.5,test=-0.5", "records=1", "manifest=1", "train=0,test=1", "train=nan", "",
    ])
    func refused(_ text: String) {
        #expect {
            _ = try SplitSpec(parsing: text, seed: 0)
        } throws: { error in
            if case ExportError.invalidSplit = error { return true }
            return false
        }
    }

    @Test("the point is the documented function of seed and input id")
    func documentedFunction() {
        let assigner = SplitAssigner(spec: .unsplit(seed: 42))
        let digest = Array(SHA256.hash(data: Array("42:rev-000001".utf8)))
        let value = digest.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        #expect(assigner.point(for: "rev-000001") == Double(value >> 11) / 9_007_199_254_740_992)
    }

    @Test("known assignments stay put (a change here moves users' splits)")
    func knownAssignments() throws {
        let assigner = SplitAssigner(spec: try SplitSpec(parsing: "train=0.8,validation=0.1,test=0.1", seed: 0))
        let splits = (1...8).map { assigner.split(for: "rev-00000\($0)") }
        // Recomputed independently with Python's hashlib (see docs/export.md).
        #expect(splits == Self.expectedSeed0)
    }

    static let expectedSeed0 = ["test", "train", "train", "train", "train", "train", "validation", "train"]

    @Test("an input's split depends only on its id and the seed, not on other inputs")
    func pure() throws {
        let spec = try SplitSpec(parsing: "a=0.5,b=0.3,c=0.2", seed: 3)
        let assigner = SplitAssigner(spec: spec)
        let first = (0..<500).map { assigner.split(for: "in-\($0)") }
        let again = SplitAssigner(spec: spec)
        let reversed = (0..<500).reversed().map { again.split(for: "in-\($0)") }
        #expect(first == reversed.reversed())
        let otherSeed = SplitAssigner(spec: try SplitSpec(parsing: "a=0.5,b=0.3,c=0.2", seed: 4))
        #expect(first != (0..<500).map { otherSeed.split(for: "in-\($0)") })
    }

    @Test("fractions hold within a few percent over many inputs")
    func fractions() throws {
        let assigner = SplitAssigner(spec: try SplitSpec(parsing: "train=0.8,validation=0.1,test=0.1", seed: 0))
        var counts: [String: Int] = [:]
        for index in 0..<20_000 { counts[assigner.split(for: "in-\(index)"), default: 0] += 1 }
        #expect(abs(Double(counts["train", default: 0]) / 20_000 - 0.8) < 0.015)
        #expect(abs(Double(counts["test", default: 0]) / 20_000 - 0.1) < 0.015)
        #expect(abs(Double(counts["validation", default: 0]) / 20_000 - 0.1) < 0.015)
    }

    @Test("without a split spec every input is in the one split train, as Hugging Face names an unsplit dataset")
    func unsplitIsTrain() {
        let spec = SplitSpec.unsplit(seed: 9)
        #expect(spec.splits.map(\.name) == ["train"])
        #expect(SplitAssigner(spec: spec).split(for: "anything") == "train")
    }

    @Test("--split refuses names Hugging Face datasets cannot load (a '-', all); a manifest may still hold them", arguments: ["hold-out=0.5,train=0.5", "all=1"])
    func loaderNames(_ text: String) throws {
        #expect {
            _ = try SplitSpec(parsing: text, seed: 0)
        } throws: { error in
            guard case ExportError.invalidSplit(_, let reason) = error else { return false }
            return reason.contains("Hugging Face")
        }
        let splits = text.split(separator: ",").map { SplitSpec.Split(name: String($0.prefix { $0 != "=" }), fraction: 1 / Double(text.split(separator: ",").count)) }
        #expect(try SplitSpec(splits: splits, seed: 0).splits.count == splits.count)
    }
}
