import Foundation

/// The last few values made from byte strings, found again by comparing the bytes.
///
/// For the record fields that repeat from record to record (model, prompt, params, run):
/// a parser reads each distinct value once per run of records instead of once per record
/// (see ``CanonicalMembers``), makes it once, and records that share it share one string. It keeps at most `limit` values, replacing
/// the oldest, so memory stays flat whatever the input.
struct RecentValues<Value> {
    private var keys: [[UInt8]] = []
    private var values: [Value] = []
    private var nextPlace = 0
    private let limit: Int

    init(limit: Int = 16) {
        self.limit = limit
    }

    /// The value remembered for exactly these bytes, if any.
    func value(for key: UnsafeRawBufferPointer) -> Value? {
        for (position, known) in keys.enumerated() where known.count == key.count {
            let same = known.withUnsafeBytes { known in key.isEmpty || memcmp(known.baseAddress!, key.baseAddress!, key.count) == 0 }
            if same { return values[position] }
        }
        return nil
    }

    /// The value remembered for a key that `bytes` starts with, and that key's length.
    func value(prefixing bytes: UnsafeRawBufferPointer) -> (length: Int, value: Value)? {
        for (position, known) in keys.enumerated() where known.count <= bytes.count {
            let same = known.withUnsafeBytes { known in known.isEmpty || memcmp(known.baseAddress!, bytes.baseAddress!, known.count) == 0 }
            if same { return (known.count, values[position]) }
        }
        return nil
    }

    /// Remembers `value` for `key`, in place of the oldest value when full.
    mutating func remember(_ value: Value, for key: UnsafeRawBufferPointer) {
        if keys.count < limit {
            keys.append(Array(key))
            values.append(value)
        } else {
            keys[nextPlace] = Array(key)
            values[nextPlace] = value
            nextPlace = (nextPlace + 1) % limit
        }
    }
}
