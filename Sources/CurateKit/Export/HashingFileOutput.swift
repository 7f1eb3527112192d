import Crypto
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A new file written through a large buffer, hashed with SHA-256 as it is written.
///
/// Callers append bytes to ``buffer`` and call ``flushIfFull()``; ``finish()``
/// writes the rest, syncs the file to disk and gives its digest.
final class HashingFileOutput {
    /// Bytes waiting to be written; append to it directly.
    var buffer = ByteBuffer(capacity: HashingFileOutput.capacity + (64 << 10))
    /// Records written (counted by the caller).
    var records = 0
    let path: String
    private var descriptor: Int32
    private var hasher = SHA256()
    private static let capacity = 1 << 20

    /// Creates the file at `path`, which must not exist yet.
    init(path: String) throws(ExportError) {
        self.path = path
        descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .cannotWrite(path: path, reason: String(cString: strerror(errno))) }
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// Writes the buffer out once it holds a megabyte or more.
    func flushIfFull() throws(ExportError) {
        if buffer.count >= Self.capacity { try flush() }
    }

    private func flush() throws(ExportError) {
        guard buffer.count > 0 else { return }
        let failure: Int32? = buffer.withUnsafeBytes { bytes in
            hasher.update(bufferPointer: bytes)
            var offset = 0
            while offset < bytes.count {
                let written = write(descriptor, bytes.baseAddress.map { $0 + offset }, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += written
            }
            return nil
        }
        if let failure { throw .cannotWrite(path: path, reason: String(cString: strerror(failure))) }
        buffer.removeAll()
    }

    /// Writes what is left, syncs and closes the file.
    /// - Returns: the lowercase hex SHA-256 of everything written.
    func finish() throws(ExportError) -> String {
        try flush()
        if fsync(descriptor) != 0 { throw .cannotWrite(path: path, reason: String(cString: strerror(errno))) }
        close(descriptor)
        descriptor = -1
        return SHA256Hex.hex(hasher.finalize())
    }
}
