import Crypto

/// Places each input in a split, as a pure function of its key and the seed: its `input_id`,
/// or with ``SplitSpec/SplitKey/input`` its payload as canonical JSON (the caller passes the key).
///
/// The input's point in [0, 1) is the first 8 bytes of SHA-256 of the UTF-8 text
/// `"SEED:INPUT_ID"` (seed in decimal), read as a big-endian unsigned integer, keeping
/// its top 53 bits and dividing by 2^53. Splits, in name order, own consecutive
/// intervals whose widths are their fractions; the last one also owns any rounding
/// remainder up to 1. So an input never changes split when records are added or
/// excluded, and the same seed gives the same split on any machine. In Python:
/// `int.from_bytes(sha256(f"{seed}:{input_id}".encode()).digest()[:8], "big") >> 11) / 2**53`.
public struct SplitAssigner: Sendable {
    /// The spec whose splits are assigned.
    public let spec: SplitSpec
    private let upperBounds: [Double]
    private let prefix: [UInt8]

    /// An assigner for `spec`.
    public init(spec: SplitSpec) {
        self.spec = spec
        var total = 0.0
        upperBounds = spec.splits.map { split in
            total += split.fraction
            return total
        }
        prefix = Array("\(spec.seed):".utf8)
    }

    /// The input's point in [0, 1).
    public func point(for inputID: String) -> Double {
        var hasher = SHA256()
        hasher.update(data: prefix)
        var text = inputID
        text.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        let value = hasher.finalize().withUnsafeBytes { bytes in
            bytes.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        }
        return Double(value >> 11) / 9_007_199_254_740_992  // 2^53
    }

    /// The index in `spec.splits` of the input's split; with one split, 0 without hashing.
    public func splitIndex(for inputID: String) -> Int {
        guard upperBounds.count > 1 else { return 0 }
        let point = point(for: inputID)
        return upperBounds.firstIndex { point < $0 } ?? upperBounds.count - 1
    }

    /// The name of the input's split.
    public func split(for inputID: String) -> String {
        spec.splits[splitIndex(for: inputID)].name
    }
}
