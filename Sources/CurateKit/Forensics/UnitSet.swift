/// A set of text units, the things an ``OutputPattern`` consumes one at a time: Unicode
/// scalars, plus one unit per byte that is not part of valid UTF-8 (`invalidByteBase + byte`),
/// so that `.` and negated classes can step over broken text while literals never match it.
///
/// Stored as sorted, disjoint, non-adjacent closed ranges, so that union, complement and
/// membership cost the number of ranges, whatever the number of units.
struct UnitSet: Sendable, Hashable {
    /// The unit of the byte `b` when it is not part of valid UTF-8 is `invalidByteBase + b`.
    static let invalidByteBase: UInt32 = 0x11_0000
    /// The largest unit: the invalid byte 0xFF.
    static let lastUnit: UInt32 = invalidByteBase + 0xFF

    /// The ranges, sorted, disjoint and never touching.
    private(set) var ranges: [ClosedRange<UInt32>]

    /// The set of the units in `ranges`, which may overlap and come in any order.
    init(_ ranges: [ClosedRange<UInt32>]) {
        self.ranges = Self.normalized(ranges)
    }

    /// The set of one unit.
    init(unit: UInt32) {
        ranges = [unit...unit]
    }

    /// The empty set.
    static let empty = UnitSet([])
    /// Every unit but the newline: what `.` matches.
    static let anyButNewline = UnitSet([0...0x09, 0x0B...lastUnit])

    /// Whether `unit` is in the set (a binary search over the ranges).
    func contains(_ unit: UInt32) -> Bool {
        let index = ranges.partitioningIndex { $0.upperBound >= unit }
        return index < ranges.count && ranges[index].lowerBound <= unit
    }

    /// The units in this set or in `other`.
    func union(_ other: UnitSet) -> UnitSet {
        UnitSet(ranges + other.ranges)
    }

    /// The units not in this set, invalid bytes included.
    var inverted: UnitSet {
        var result: [ClosedRange<UInt32>] = []
        var next: UInt32 = 0
        for range in ranges {
            if range.lowerBound > next { result.append(next...(range.lowerBound - 1)) }
            next = range.upperBound + 1
        }
        if next <= Self.lastUnit { result.append(next...Self.lastUnit) }
        var set = UnitSet.empty
        set.ranges = result
        return set
    }

    /// Sorts and merges ranges, joining those that overlap or touch.
    private static func normalized(_ ranges: [ClosedRange<UInt32>]) -> [ClosedRange<UInt32>] {
        var merged: [ClosedRange<UInt32>] = []
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = merged.last, range.lowerBound <= last.upperBound + 1 {
                merged[merged.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        return merged
    }
}
