/// Decides, row by row, which flags match a label, and counts them.
///
/// Prompt and model flags are turned into tuple ids once; run and record flags are
/// looked up per row. Lookups only: it costs nothing measurable per row.
struct FlagMatcher {
    /// The flags that can match something in the selection.
    let flags: [LabelFlag]
    private let byTuple: [Int64: [Int]]
    private let byRun: [String: [Int]]
    private let byRecord: [String: [Int]]

    /// - Parameters:
    ///   - flags: every stored flag.
    ///   - tuples: the selected tuples, by id.
    init(flags: [LabelFlag], tuples: [Int64: ProvenanceTuple]) {
        var byTuple: [Int64: [Int]] = [:]
        var byRun: [String: [Int]] = [:]
        var byRecord: [String: [Int]] = [:]
        for (index, flag) in flags.enumerated() {
            switch flag.kind {
            case .prompt:
                guard let pattern = PromptPattern(canonical: flag.target) else { continue }
                for (id, tuple) in tuples {
                    if let prompt = tuple.prompt, pattern.matches(prompt) { byTuple[id, default: []].append(index) }
                }
            case .model:
                let glob = ModelGlob(pattern: flag.target)
                for (id, tuple) in tuples {
                    if let model = tuple.model, glob.matches(model) { byTuple[id, default: []].append(index) }
                }
            case .run:
                byRun[flag.target, default: []].append(index)
            case .record:
                byRecord[flag.target, default: []].append(index)
            }
        }
        self.flags = flags
        self.byTuple = byTuple
        self.byRun = byRun
        self.byRecord = byRecord
    }

    /// Whether no flag can match anything.
    var isEmpty: Bool { byTuple.isEmpty && byRun.isEmpty && byRecord.isEmpty }

    /// Adds one to `counts[i]` for every flag `i` that matches `row`.
    /// - Returns: whether any flag matched.
    func count(_ row: ExportRow, into counts: inout [Int]) -> Bool {
        var matched = false
        if let indexes = byTuple[row.tupleID] {
            for index in indexes { counts[index] += 1 }
            matched = true
        }
        if let run = row.run, let indexes = byRun[run] {
            for index in indexes { counts[index] += 1 }
            matched = true
        }
        if let indexes = byRecord[row.id] {
            for index in indexes { counts[index] += 1 }
            matched = true
        }
        return matched
    }
}
