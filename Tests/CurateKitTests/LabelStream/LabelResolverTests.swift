import Testing
@testable import CurateKit

@Suite("Choosing one label per input")
struct LabelResolverTests {
    static let human: Int64 = 9

    static func row(_ id: String, _ output: String, at time: Int64, tuple: Int64 = 1) -> StoredLabel {
        StoredLabel(task: "t", inputID: "in", createdAt: time, id: id, output: "\"\(output)\"", input: nil, run: nil, tupleID: tuple)
    }

    func choose(_ policy: ResolvePolicy, humanPriority: Bool = true, _ rows: [StoredLabel]) -> [String] {
        LabelResolver(policy: policy, humanPriority: humanPriority, humanTuples: [Self.human]).choose(from: rows).map(\.id)
    }

    @Test("latest takes the newest label; a tie in time goes to the greater record id")
    func latest() {
        #expect(choose(.latest, [Self.row("a", "x", at: 1), Self.row("b", "y", at: 2)]) == ["b"])
        // Rows arrive in (created_at, id) order, so the tie's last row has the greater id.
        #expect(choose(.latest, [Self.row("a", "x", at: 1), Self.row("c", "y", at: 5), Self.row("d", "z", at: 5)]) == ["d"])
    }

    @Test("majority takes the most frequent output and exports its newest label")
    func majority() {
        let rows = [Self.row("a", "pos", at: 1), Self.row("b", "neg", at: 2), Self.row("c", "pos", at: 3), Self.row("d", "neg", at: 4), Self.row("e", "pos", at: 5), Self.row("f", "neu", at: 6)]
        #expect(choose(.majority, rows) == ["e"])
    }

    @Test("a majority tie goes to the output whose newest label is newest")
    func majorityTie() {
        let rows = [Self.row("a", "pos", at: 1), Self.row("b", "neg", at: 2), Self.row("c", "neg", at: 3), Self.row("d", "pos", at: 4)]
        #expect(choose(.majority, rows) == ["d"])
        let other = [Self.row("a", "pos", at: 1), Self.row("b", "neg", at: 2), Self.row("c", "pos", at: 3), Self.row("d", "neg", at: 4)]
        #expect(choose(.majority, other) == ["d"])
        #expect(choose(.majority, [Self.row("a", "pos", at: 1), Self.row("b", "neg", at: 2)]) == ["b"])
    }

    @Test("all exports every label, oldest first")
    func all() {
        #expect(choose(.all, [Self.row("a", "x", at: 1), Self.row("b", "y", at: 2)]) == ["a", "b"])
    }

    @Test("a human label beats newer LLM labels unless human priority is off")
    func humanPriority() {
        let rows = [Self.row("h", "neu", at: 1, tuple: Self.human), Self.row("l1", "pos", at: 2), Self.row("l2", "pos", at: 3)]
        #expect(choose(.latest, rows) == ["h"])
        #expect(choose(.majority, rows) == ["h"])
        #expect(choose(.all, rows) == ["h"])
        #expect(choose(.latest, humanPriority: false, rows) == ["l2"])
        #expect(choose(.majority, humanPriority: false, rows) == ["l2"])
        #expect(choose(.all, humanPriority: false, rows) == ["h", "l1", "l2"])
    }

    @Test("several human labels are resolved among themselves by the policy")
    func severalHumans() {
        let rows = [Self.row("h1", "neg", at: 1, tuple: Self.human), Self.row("l", "pos", at: 2), Self.row("h2", "neu", at: 3, tuple: Self.human)]
        #expect(choose(.latest, rows) == ["h2"])
        #expect(choose(.all, rows) == ["h1", "h2"])
    }
}
