#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A run of complete lines read from an input, with their line numbers.
public struct LineBatch: Sendable {
    /// The bytes of the lines, newlines included.
    public let bytes: [UInt8]
    /// Each non-blank line's byte range within `bytes` (without its newline or CR)
    /// and its 1-based line number in the input.
    public let lines: [(range: Range<Int>, number: Int)]
}

/// Reads an input in large chunks and hands out whole lines, so memory stays flat
/// however large the input. Blank lines are skipped (they still count for numbering);
/// a final line without a newline is kept; a CR before LF is dropped.
public final class LineReader {
    private let descriptor: Int32
    private let closesDescriptor: Bool
    /// The start of a line that the last batch read but did not end, for the next batch.
    private var carried: [UInt8] = []
    private var nextLineNumber = 1
    private var reachedEnd = false
    private let chunkSize: Int

    /// Total bytes read so far.
    public private(set) var bytesRead = 0

    /// Opens `path` for reading; `-` is standard input.
    /// - Throws: ``IngestError/unreadable(path:reason:)`` when it cannot be opened.
    public init(path: String, chunkSize: Int = 1 << 20) throws(IngestError) {
        if path == "-" {
            descriptor = STDIN_FILENO
            closesDescriptor = false
        } else {
            let opened = open(path, O_RDONLY)
            guard opened >= 0 else { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
            var info = stat()
            if fstat(opened, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
                close(opened)
                throw .unreadable(path: path, reason: "it is a directory")
            }
            descriptor = opened
            closesDescriptor = true
        }
        self.chunkSize = chunkSize
    }

    deinit {
        if closesDescriptor { close(descriptor) }
    }

    /// The next batch of complete lines, or nil at the end of the input.
    public func nextBatch(path: String) throws(IngestError) -> LineBatch? {
        var bytes = carried
        repeat {
            bytes = try readChunk(after: bytes, path: path)
        } while !reachedEnd && bytes.lastIndex(of: 0x0A) == nil  // a line longer than a chunk
        guard !bytes.isEmpty else { return nil }
        let end = reachedEnd ? bytes.count : bytes.lastIndex(of: 0x0A)! + 1
        carried = Array(bytes[end...])
        bytes.removeLast(bytes.count - end)
        return batch(of: bytes)
    }

    /// `start` followed by up to a chunk of input, read straight into the new array.
    private func readChunk(after start: [UInt8], path: String) throws(IngestError) -> [UInt8] {
        var failure: Int32?
        let bytes = [UInt8](unsafeUninitializedCapacity: start.count + chunkSize) { buffer, count in
            guard let base = buffer.baseAddress else { return }
            start.withUnsafeBufferPointer { if let from = $0.baseAddress { base.initialize(from: from, count: start.count) } }
            count = start.count
            while count < buffer.count {
                let readCount = read(descriptor, base + count, buffer.count - count)
                if readCount < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                if readCount == 0 {
                    reachedEnd = true
                    return
                }
                count += readCount
                bytesRead += readCount
            }
        }
        if let failure { throw .unreadable(path: path, reason: String(cString: strerror(failure))) }
        return bytes
    }

    /// `bytes`, whole lines, as a batch: each line's range and number.
    private func batch(of bytes: [UInt8]) -> LineBatch {
        var lines: [(range: Range<Int>, number: Int)] = []
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            var start = 0
            while start < buffer.count {
                var newline = buffer.count
                if let found = memchr(base + start, 0x0A, buffer.count - start) {
                    newline = UnsafeRawPointer(found) - UnsafeRawPointer(base)
                }
                var stop = newline
                if stop > start, buffer[stop - 1] == 0x0D { stop -= 1 }
                if buffer[start..<stop].contains(where: { !Self.isBlank($0) }) {
                    lines.append((start..<stop, nextLineNumber))
                }
                nextLineNumber += 1
                start = newline + 1
            }
        }
        return LineBatch(bytes: bytes, lines: lines)
    }

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0D
    }
}
