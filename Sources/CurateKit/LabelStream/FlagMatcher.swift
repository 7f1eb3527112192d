/// Decides, row by row, which flags match a label, and counts them.
///
/// Prompt and model flags are turned into tuple ids once; run and record flags are
/// looked up per row; output flags are searched in each label's output.
struct FlagMatcher {
    /// The flags that can match something in the selection.
    let flags: [LabelFlag]
    private let byTuple: [Int64: [Int]]
    private let byRun: [String: [Int]]
    private let byRecord: [String: [Int]]
    private let byOutput: [(pattern: OutputPattern, index: Int)]

    /// - Parameters:
    ///   - flags: every stored flag.
    ///   - tuples: the selected tuples, by id.
    /// - Throws: ``OutputPatternError`` for a stored output flag that is no longer a valid pattern.
    init(flags: [LabelFlag], tuples: [Int64: ProvenanceTuple]) throws {
        var byTuple: [Int64: [Int]] = [:]
        var byRun: [String: [Int]] = [:]
        var byRecord: [String: [Int]] = [:]
        var byOutput: [(pattern: OutputPattern, index: Int)] = []
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
            case .output:
                byOutput.append((try OutputPattern(flag.target), index))
            }
        }
        self.flags = flags
        self.byTuple = byTuple
        self.byRun = byRun
        self.byRecord = byRecord
        self.byOutput = byOutput
    }

    /// Whether no flag can match anything.
    var isEmpty: Bool { byTuple.isEmpty && byRun.isEmpty && byRecord.isEmpty && byOutput.isEmpty }

    /// Whether a label's tuple alone decides which flags match it: no run, record or output flag can.
    var matchesByTupleOnly: Bool { byRun.isEmpty && byRecord.isEmpty && byOutput.isEmpty }

    /// The kinds of the prompt and model flags that match labels of tuple `tupleID`.
    func kinds(tupleID: Int64) -> FlagKinds {
        byTuple[tupleID, default: []].reduce(into: []) { $0.insert(FlagKinds(flags[$1].kind)) }
    }

    /// Adds one to `counts[i]` for every prompt or model flag `i` that matches labels of tuple `tupleID`.
    /// - Returns: whether any did.
    func count(tupleID: Int64, into counts: inout [Int]) -> Bool {
        guard let indexes = byTuple[tupleID] else { return false }
        for index in indexes { counts[index] += 1 }
        return true
    }

    /// Adds one to `counts[i]` for every flag `i` that matches `row`.
    /// - Returns: the kinds of the flags that matched; empty when none did.
    func count(_ row: StoredLabel, into counts: inout [Int]) -> FlagKinds {
        var matched: FlagKinds = []
        func add(_ indexes: [Int]) {
            for index in indexes {
                counts[index] += 1
                matched.insert(FlagKinds(flags[index].kind))
            }
        }
        if let indexes = byTuple[row.tupleID] { add(indexes) }
        if let run = row.run, let indexes = byRun[run] { add(indexes) }
        if let indexes = byRecord[row.id] { add(indexes) }
        for (pattern, index) in byOutput where pattern.matches(output: row.output) { add([index]) }
        return matched
    }
}

/// The kinds of the flags that matched one label.
struct FlagKinds: OptionSet, Sendable, Hashable {
    let rawValue: UInt8

    static let prompt = FlagKinds(rawValue: 1)
    static let model = FlagKinds(rawValue: 2)
    static let run = FlagKinds(rawValue: 4)
    static let record = FlagKinds(rawValue: 8)
    static let output = FlagKinds(rawValue: 16)

    init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    /// The set holding `kind`.
    init(_ kind: FlagKind) {
        switch kind {
        case .prompt: self = .prompt
        case .model: self = .model
        case .run: self = .run
        case .record: self = .record
        case .output: self = .output
        }
    }

    /// The kinds in the set, in ``FlagKind`` order.
    var kinds: [FlagKind] {
        FlagKind.allCases.filter { contains(FlagKinds($0)) }
    }
}
