import Crypto
import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A new file written through a large buffer, hashed with SHA-256 as it is written.
///
/// Callers append bytes to ``buffer`` and call ``flushIfFull()``; ``finish()``
/// writes the rest, syncs the file to disk and gives its digest. Every
/// ``syncInterval`` bytes, a background `fsync` starts writing what is in the
/// page cache to disk, so the disk works while the export goes on and the final
/// `fsync` waits for the tail only, not for the whole file.
final class HashingFileOutput {
    /// Bytes waiting to be written; append to it directly.
    var buffer = ByteBuffer(capacity: HashingFileOutput.capacity + (64 << 10))
    /// Records written (counted by the caller).
    var records = 0
    let path: String
    private var descriptor: Int32
    private var hasher = SHA256()
    private static let capacity = 1 << 20
    private static let syncInterval = 32 << 20
    private var unsynced = 0
    private let syncs = DispatchGroup()
    private let syncFailure = SyncFailure()

    /// Creates the file at `path`, which must not exist yet.
    init(path: String) throws(ExportError) {
        self.path = path
        descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .cannotWrite(path: path, reason: String(cString: strerror(errno))) }
    }

    deinit {
        syncs.wait()
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
        unsynced += buffer.count
        buffer.removeAll()
        if unsynced >= Self.syncInterval { syncInBackground() }
    }

    /// Starts an `fsync` of everything written so far on another thread; a failure
    /// is kept for ``finish()``, since the kernel reports a write error only once.
    private func syncInBackground() {
        unsynced = 0
        let descriptor = descriptor
        syncs.enter()
        DispatchQueue.global(qos: .utility).async { [syncs, syncFailure] in
            if fsync(descriptor) != 0 { syncFailure.record(errno) }
            syncs.leave()
        }
    }

    /// Writes what is left, syncs and closes the file.
    /// - Returns: the lowercase hex SHA-256 of everything written.
    func finish() throws(ExportError) -> String {
        try flush()
        syncs.wait()
        if let code = syncFailure.code { throw .cannotWrite(path: path, reason: String(cString: strerror(code))) }
        if fsync(descriptor) != 0 { throw .cannotWrite(path: path, reason: String(cString: strerror(errno))) }
        close(descriptor)
        descriptor = -1
        return SHA256Hex.hex(hasher.finalize())
    }
}

/// The first error of a background sync, shared with the thread that ran it.
private final class SyncFailure: @unchecked Sendable {
    private let lock = NSLock()
    private var first: Int32?  // guarded by `lock`

    /// Keeps `code` unless an earlier error is kept.
    func record(_ code: Int32) {
        lock.withLock { if first == nil { first = code } }
    }

    /// The first error recorded, if any.
    var code: Int32? {
        lock.withLock { first }
    }
}
