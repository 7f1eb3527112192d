import Testing
@testable import CurateKit

@Suite("A text table that fits a width")
struct TextTableWidthTests {
    func table() -> TextTable {
        var table = TextTable(header: ["model", "prompt", "reason"], flexible: [0: .middle, 2: .end])
        table.append(["claude-3-5-haiku-20241022", "sentiment@v3#6dbc62114908", "labels sarcasm as positive; regenerate"])
        return table
    }

    @Test("without a width, or with room, nothing is cut")
    func natural() {
        let table = table()
        #expect(table.naturalWidth == 25 + 2 + 25 + 2 + 38)
        #expect(table.render() == table.render(width: 200))
        #expect(table.render().contains("claude-3-5-haiku-20241022  sentiment@v3#6dbc62114908  labels sarcasm as positive; regenerate\n"))
    }

    @Test("flexible columns are narrowed widest first, identifiers cut in the middle, prose at the end")
    func narrowed() {
        let text = table().render(width: 70)
        #expect(text.split(separator: "\n").allSatisfy { $0.count <= 70 }, "\(text)")
        #expect(text.contains("claude-3-5…-20241022  sentiment@v3#6dbc62114908  labels sarcasm as po…\n"), "\(text)")
    }

    @Test("columns stop at their minimum width, and fixed columns are never cut")
    func minimum() {
        let text = table().render(width: 10)
        #expect(text.contains("claude…41022  sentiment@v3#6dbc62114908  labels sarc…\n"), "\(text)")
    }
}
