import Crypto

/// Builds a ``StoreState``'s count and ids digest from the labels' id keys, given in
/// ascending order: the SHA-256 of each key's 8 bytes, big-endian, one after another.
///
/// Keys are hashed a block at a time rather than one call per key, which cost more than
/// reading the keys from their index.
struct IDKeysDigest {
    private static let blockKeys = 1024
    private var hasher = SHA256()
    private var block: [UInt64] = []
    /// Keys added so far.
    private(set) var count = 0

    init() {
        block.reserveCapacity(Self.blockKeys)
    }

    /// Adds the next key, which must not be lower than the one before.
    mutating func add(_ key: Int64) {
        block.append(UInt64(bitPattern: key).bigEndian)
        count += 1
        if block.count == Self.blockKeys { hashBlock() }
    }

    /// The store's state: the keys added, through ingest `lastIngest`.
    mutating func state(lastIngest: Int64) -> StoreState {
        hashBlock()
        return StoreState(labels: count, idsSHA256: SHA256Hex.hex(hasher.finalize()), lastIngest: lastIngest)
    }

    private mutating func hashBlock() {
        block.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        block.removeAll(keepingCapacity: true)
    }
}
