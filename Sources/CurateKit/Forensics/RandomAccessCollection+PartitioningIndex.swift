extension RandomAccessCollection where Index == Int {
    /// The index of the first element for which `belongsToSecondPart` holds, in a collection
    /// where every such element comes after every other (a binary search; `endIndex` when none).
    @inline(__always)
    func partitioningIndex(where belongsToSecondPart: (Element) -> Bool) -> Int {
        var low = startIndex
        var high = endIndex
        while low < high {
            let middle = low + (high - low) / 2
            if belongsToSecondPart(self[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
