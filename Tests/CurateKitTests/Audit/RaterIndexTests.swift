import Testing
@testable import CurateKit

@Suite("RaterIndex: tuples, prompt texts and models numbered once")
struct RaterIndexTests {
    static func llm(_ model: String) -> ProvenanceTuple {
        ProvenanceTuple(
            task: "sentiment", origin: .llm, model: model, annotator: nil,
            prompt: PromptRef(name: "sentiment", version: "v1", sha256: nil), hashStatus: .unknown)
    }

    static let human = ProvenanceTuple(task: "sentiment", origin: .human, model: nil, annotator: "ann-1", prompt: nil, hashStatus: nil)

    @Test("tuples are numbered in id order, ids with and without gaps, and others are not found", arguments: [
        [1, 2, 3, 4] as [Int64], [3, 4, 9, 10], [-5, 7, 8, 1 << 40],
    ])
    func numbers(ids: [Int64]) {
        let tuples = [Self.llm("model-b"), Self.human, Self.llm("model-a"), Self.llm("model-b")]
        let raters = RaterIndex(tuples: Dictionary(uniqueKeysWithValues: zip(ids, tuples)))
        #expect(raters.tupleIDs == ids)
        #expect(raters.models == ["model-a", "model-b"])
        #expect(ids.map { raters.rater(of: $0)?.tuple } == [0, 1, 2, 3])
        #expect(ids.map { raters.rater(of: $0)?.model } == [1, nil, 0, 1])
        #expect(raters.rater(of: ids[1])?.isHuman == true)
        let others = (ids[0] - 2...ids[0] + 12).filter { !ids.contains($0) } + [.min, .max]
        #expect(others.allSatisfy { raters.rater(of: $0) == nil })
    }
}
