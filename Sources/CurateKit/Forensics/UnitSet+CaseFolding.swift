extension UnitSet {
    /// This set with the case variants of each of its scalars added: what a set means under
    /// `(?i)`. Variants are Unicode's one-scalar case mappings closed over each other, so
    /// `k` brings `K` and the Kelvin sign `K`; mappings to several scalars (`ß` → `SS`) are left out.
    var caseFolded: UnitSet {
        let table = Self.caseOrbits
        var added: [ClosedRange<UInt32>] = []
        for range in ranges {
            var index = table.scalars.partitioningIndex { $0 >= range.lowerBound }
            while index < table.scalars.count, table.scalars[index] <= range.upperBound {
                added += table.orbits[index].map { $0...$0 }
                index += 1
            }
        }
        return added.isEmpty ? self : union(UnitSet(added))
    }

    /// Every scalar that has case variants (sorted), and beside each all the scalars of its
    /// orbit (itself included), built once per process.
    private static let caseOrbits: (scalars: [UInt32], orbits: [[UInt32]]) = {
        var parent: [UInt32: UInt32] = [:]
        func root(_ scalar: UInt32) -> UInt32 {
            var current = scalar
            while let next = parent[current], next != current { current = next }
            return current
        }
        // Cased scalars end below U+1E944 (Adlam); plane 1 bounds the search with room to spare.
        for value in UInt32(0)...0x1_FFFF {
            guard let scalar = Unicode.Scalar(value), scalar.properties.changesWhenCaseMapped else { continue }
            let properties = scalar.properties
            for mapping in [properties.lowercaseMapping, properties.uppercaseMapping, properties.titlecaseMapping] {
                let mapped = mapping.unicodeScalars
                guard mapped.count == 1, let other = mapped.first?.value, other != value else { continue }
                let (left, right) = (root(value), root(other))
                if left != right { parent[max(left, right)] = min(left, right) }
                parent[value] = parent[value] ?? value
                parent[other] = parent[other] ?? other
            }
        }
        var members: [UInt32: [UInt32]] = [:]
        for scalar in parent.keys { members[root(scalar), default: []].append(scalar) }
        let scalars = parent.keys.sorted()
        return (scalars, scalars.map { members[root($0), default: []].sorted() })
    }()
}
