#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file in large chunks and hands out one record's bytes at a time: a line,
/// or for CSV a record whose quoted fields may hold line breaks. Memory stays at about
/// one chunk plus the longest record.
final class RecordSplitter {
    private let descriptor: Int32
    private let path: String
    private let quoted: Bool
    private var buffer: [UInt8] = []
    private var start = 0
    private var scan = 0
    private var inQuotes = false
    private var atEnd = false
    /// What one read fills before its bytes join ``buffer``.
    private var chunk = [UInt8](repeating: 0, count: 1 << 18)

    /// Opens `path`, a file of the dataset folder `folder`; `quoted` makes double quotes protect line breaks (CSV).
    /// - Throws: ``DiffError/missingFile(path:)`` when there is no such file,
    ///   ``DiffError/unreadable(path:reason:)`` when it is not a regular file inside the folder.
    init(path: String, folder: String, quoted: Bool) throws(DiffError) {
        descriptor = try Self.openDataFile(path, inside: folder)
        self.path = path
        self.quoted = quoted
    }

    /// Opens the data file `path` of the dataset folder `folder` for reading (see ``DatasetFileOpener``).
    /// - Returns: the file descriptor, which the caller closes.
    /// - Throws: ``DiffError/missingFile(path:)`` when there is no such file,
    ///   ``DiffError/unreadable(path:reason:)`` when it is not a regular file inside the folder.
    static func openDataFile(_ path: String, inside folder: String) throws(DiffError) -> Int32 {
        do {
            return try DatasetFileOpener.openForReading(path, inside: folder)
        } catch {
            switch error {
            case .missing: throw .missingFile(path: path)
            case .refused(let reason): throw .unreadable(path: path, reason: reason + "; a dataset's files must be regular files inside its folder")
            case .unreadable(let reason): throw .unreadable(path: path, reason: reason)
            }
        }
    }

    deinit {
        close(descriptor)
    }

    /// The next record without its line end (LF or CRLF), skipping empty lines; nil at the end.
    func next() throws(DiffError) -> ArraySlice<UInt8>? {
        while true {
            while scan < buffer.count {
                let byte = buffer[scan]
                scan += 1
                if quoted, byte == UInt8(ascii: "\"") {
                    inQuotes.toggle()
                } else if byte == 0x0A, !inQuotes {
                    var end = scan - 1
                    if end > start, buffer[end - 1] == 0x0D { end -= 1 }
                    let record = buffer[start..<end]
                    start = scan
                    if record.isEmpty { continue }
                    return record
                }
            }
            if atEnd {
                guard start < buffer.count else { return nil }
                let record = buffer[start..<buffer.count]
                start = buffer.count
                return record
            }
            try fill()
        }
    }

    private func fill() throws(DiffError) {
        if start > 0 {
            buffer.removeFirst(start)
            scan -= start
            start = 0
        }
        var count = 0
        repeat {
            count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        } while count < 0 && errno == EINTR
        if count < 0 { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
        if count == 0 { atEnd = true }
        buffer.append(contentsOf: chunk[0..<count])
    }
}
