import Crypto

/// Counts the input payloads an export puts in more than one split: identical inputs under
/// different `input_id`s, which leak a test split's texts into training.
///
/// It keeps, per distinct payload, 8 bytes of its SHA-256 and the splits it went to, so its
/// memory grows with the number of distinct inputs (about 30 bytes each), not with records.
struct SharedInputs {
    private var splitsByInput: [UInt64: UInt64] = [:]

    /// Notes that the input with payload `input` (canonical JSON) went to split number `split`.
    mutating func note(_ input: String, split: Int) {
        var text = input
        let key = text.withUTF8 { bytes in
            SHA256.hash(data: UnsafeRawBufferPointer(bytes)).withUnsafeBytes { digest in
                digest.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            }
        }
        splitsByInput[key, default: 0] |= 1 << UInt64(min(split, 63))
    }

    /// Distinct payloads noted in more than one split.
    var inSeveralSplits: Int {
        splitsByInput.values.reduce(0) { $0 + ($1.nonzeroBitCount > 1 ? 1 : 0) }
    }
}
