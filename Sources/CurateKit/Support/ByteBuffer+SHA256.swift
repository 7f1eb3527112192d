import Crypto

extension ByteBuffer {
    /// The SHA-256 of the bytes appended so far.
    func sha256() -> SHA256.Digest {
        withUnsafeBytes { bytes in
            var hasher = SHA256()
            hasher.update(bufferPointer: bytes)
            return hasher.finalize()
        }
    }
}
