/// A set of id keys that may answer "maybe" for a key it does not hold but never "no" for
/// one it holds: a blocked Bloom filter, each key's bits in one 64-byte block, so a test
/// reads one cache line.
///
/// Id keys are uniformly spread already (``RecordIDKey``), so the key itself picks the
/// block and, multiplied by an odd constant, the bits in it.
final class IDKeyFilter {
    /// Keys the filter was sized for; past it, "maybe" comes more and more often.
    let capacity: Int
    /// Keys inserted so far, a key inserted twice counted twice.
    private(set) var count = 0
    private let blockCount: Int
    private let words: UnsafeMutablePointer<UInt64>

    private static let bitsPerKey = 12
    private static let bitsPerTest = 6
    private static let wordsPerBlock = 8

    /// An empty filter for `capacity` keys.
    init(capacity: Int) {
        self.capacity = max(capacity, 1)
        blockCount = max(1, (self.capacity * Self.bitsPerKey + 511) / 512)
        words = .allocate(capacity: blockCount * Self.wordsPerBlock)
        words.initialize(repeating: 0, count: blockCount * Self.wordsPerBlock)
    }

    deinit {
        words.deallocate()
    }

    /// Adds `key`.
    func insert(_ key: Int64) {
        let block = words + self.block(of: key) * Self.wordsPerBlock
        var bits = Self.bits(of: key)
        for _ in 0..<Self.bitsPerTest {
            block[Int(bits >> 6 & 7)] |= 1 << (bits & 63)
            bits >>= 9
        }
        count += 1
    }

    /// Whether `key` may have been inserted: false only for a key that was not.
    func mayContain(_ key: Int64) -> Bool {
        let block = words + self.block(of: key) * Self.wordsPerBlock
        var bits = Self.bits(of: key)
        for _ in 0..<Self.bitsPerTest {
            guard block[Int(bits >> 6 & 7)] & 1 << (bits & 63) != 0 else { return false }
            bits >>= 9
        }
        return true
    }

    /// The block of `key`: its high bits scaled to the block count.
    private func block(of key: Int64) -> Int {
        Int(UInt64(bitPattern: key).multipliedFullWidth(by: UInt64(blockCount)).high)
    }

    /// Nine bits per bit to set or test (three for the word, six for the bit in it), from
    /// the key's bits mixed together.
    private static func bits(of key: Int64) -> UInt64 {
        UInt64(bitPattern: key) &* 0x9E37_79B9_7F4A_7C15
    }
}
