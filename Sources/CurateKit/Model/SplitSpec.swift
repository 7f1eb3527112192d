/// How an export divides inputs into named splits (`train=0.8,validation=0.1,test=0.1`).
///
/// An input's split is a pure function of its `input_id` and ``seed`` (see
/// `SplitAssigner`), so it never moves when other records are added or excluded.
/// Splits are kept sorted by name, so two spellings of one spec are one spec and
/// lay out the same intervals.
public struct SplitSpec: Sendable, Hashable {
    /// One named split and the share of inputs it receives.
    public struct Split: Sendable, Hashable {
        /// The split's name, also its data files' base name (`train` → `data/train-00000-of-00001.jsonl`).
        public var name: String
        /// Its share of inputs, in (0, 1].
        public var fraction: Double

        /// A split named `name` that receives `fraction` of the inputs.
        public init(name: String, fraction: Double) {
            self.name = name
            self.fraction = fraction
        }
    }

    /// The splits, sorted by name (UTF-8 byte order).
    public private(set) var splits: [Split]
    /// The seed mixed into every input's assignment.
    public var seed: UInt64
    /// What an input's split is a function of.
    public var key: SplitKey = .inputID

    /// What decides an input's split.
    public enum SplitKey: String, Sendable, Hashable, CaseIterable {
        /// Its `input_id` (the default): an input keeps its split whatever its payload.
        case inputID = "input_id"
        /// Its payload (`input` as canonical JSON; its `input_id` when it has none), so
        /// identical inputs under different ids land in the same split.
        case input
    }

    /// The name of the one split of an export without `--split`: what Hugging Face
    /// `datasets` calls a dataset that is not split (datasets written before named it `all`).
    public static let unsplitName = "train"
    /// Names a split may not take, because the dataset folder uses them.
    public static let reservedNames: Set<String> = ["manifest", "records"]
    /// Names `--split` may not give, because Hugging Face `datasets` gives them another
    /// meaning (`all` is every split at once).
    public static let reservedForLoaders: Set<String> = ["all"]

    /// One split holding every input.
    public static func unsplit(seed: UInt64 = 0) -> SplitSpec {
        SplitSpec(checked: [Split(name: unsplitName, fraction: 1)], seed: seed)
    }

    private init(checked splits: [Split], seed: UInt64) {
        self.splits = splits.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        self.seed = seed
    }

    /// Checks and sorts `splits`.
    /// - Throws: ``ExportError/invalidSplit(spec:reason:)`` for a bad name, a repeated
    ///   name, a fraction outside (0, 1], or fractions that do not sum to 1.
    public init(splits: [Split], seed: UInt64) throws(ExportError) {
        let spec = splits.map { "\($0.name)=\($0.fraction)" }.joined(separator: ",")
        guard !splits.isEmpty else { throw .invalidSplit(spec: spec, reason: "it names no split") }
        var seen: Set<String> = []
        for split in splits {
            guard Self.isValidName(split.name) else {
                throw .invalidSplit(spec: spec, reason: "\"\(split.name)\" is not a split name (letters, digits, '_' and '-', starting with a letter or digit)")
            }
            guard !Self.reservedNames.contains(split.name) else {
                throw .invalidSplit(spec: spec, reason: "\"\(split.name)\" is reserved for the dataset's own files")
            }
            guard seen.insert(split.name).inserted else { throw .invalidSplit(spec: spec, reason: "\"\(split.name)\" appears twice") }
            guard split.fraction.isFinite, split.fraction > 0, split.fraction <= 1 else {
                throw .invalidSplit(spec: spec, reason: "the fraction of \"\(split.name)\" must be greater than 0 and at most 1")
            }
        }
        let total = splits.reduce(0) { $0 + $1.fraction }
        guard abs(total - 1) <= 1e-9 else {
            throw .invalidSplit(spec: spec, reason: "the fractions add up to \(total), not 1")
        }
        self.init(checked: splits, seed: seed)
    }

    /// Parses `NAME=FRACTION,NAME=FRACTION,…`, e.g. `train=0.8,validation=0.1,test=0.1`.
    ///
    /// The names of a new spec must also be split names Hugging Face `datasets` loads:
    /// no `-`, and not `all` (a spec read from an older manifest is not held to that).
    /// - Throws: ``ExportError/invalidSplit(spec:reason:)`` naming what is wrong.
    public init(parsing text: String, seed: UInt64) throws(ExportError) {
        var splits: [Split] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let pieces = part.split(separator: "=", omittingEmptySubsequences: false)
            guard pieces.count == 2 else {
                throw .invalidSplit(spec: text, reason: "\"\(part)\" is not NAME=FRACTION")
            }
            let name = pieces[0].trimmingSpaces
            guard let fraction = Double(pieces[1].trimmingSpaces) else {
                throw .invalidSplit(spec: text, reason: "\"\(pieces[1])\" is not a number")
            }
            guard !name.contains("-"), !Self.reservedForLoaders.contains(name) else {
                throw .invalidSplit(
                    spec: text, reason: "\"\(name)\" is not a split name Hugging Face datasets loads (letters, digits and '_'; not \"all\")")
            }
            splits.append(Split(name: name, fraction: fraction))
        }
        do {
            try self.init(splits: splits, seed: seed)
        } catch {
            throw .invalidSplit(spec: text, reason: error.reasonForSplit ?? "it is not a split spec")
        }
    }

    /// The spec as `--split` takes it, splits in name order: `test=0.1,train=0.8,validation=0.1`.
    public var description: String {
        splits.map { "\($0.name)=\($0.fraction)" }.joined(separator: ",")
    }

    static func isValidName(_ name: String) -> Bool {
        guard let first = name.utf8.first, isAlphanumeric(first) else { return false }
        return name.utf8.allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") }
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }
}

extension Substring {
    fileprivate var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}

extension ExportError {
    fileprivate var reasonForSplit: String? {
        if case .invalidSplit(_, let reason) = self { return reason }
        return nil
    }
}
