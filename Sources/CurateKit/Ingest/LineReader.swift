#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A run of complete lines read from an input, with their line numbers.
public struct LineBatch: Sendable {
    /// The bytes of the lines, newlines included (an overlong line's bytes are not kept).
    public let bytes: [UInt8]
    /// Each non-blank line's byte range within `bytes` (without its newline or CR)
    /// and its 1-based line number in the input; an overlong line's range is empty.
    public let lines: [(range: Range<Int>, number: Int)]
    /// The lines longer than the reader's limit, in order: their position in `lines` and
    /// their length in bytes (without the newline).
    public let overlong: [(position: Int, length: Int)]
}

/// Reads an input in large chunks and hands out whole lines, so memory stays flat
/// however large the input. Blank lines are skipped (they still count for numbering);
/// a final line without a newline is kept; a CR before LF is dropped; a UTF-8 byte order
/// mark at the start of the input is skipped. A line longer than the limit is not kept in
/// memory: the reader skips to its end and reports only its number and length.
public final class LineReader {
    /// The longest line read by default: 16 MiB.
    public static let defaultMaximumLineBytes = 16 << 20

    private let descriptor: Int32
    private let closesDescriptor: Bool
    /// The start of a line that the last batch read but did not end, for the next batch; after
    /// an overlong line, what followed its newline in the same chunk (perhaps several lines).
    private var carried: [UInt8] = []
    /// Whether `carried` is known to hold no newline.
    private var carriedIsOneLine = true
    private var nextLineNumber = 1
    private var reachedEnd = false
    private var atStart = true
    private let chunkSize: Int
    private let maximumLineBytes: Int

    /// Total bytes read so far.
    public private(set) var bytesRead = 0

    /// Opens `path` for reading; `-` is standard input.
    /// - Parameter maximumLineBytes: the longest line handed out whole; longer ones are skipped.
    /// - Throws: ``IngestError/unreadable(path:reason:)`` when it cannot be opened.
    public init(path: String, chunkSize: Int = 1 << 20, maximumLineBytes: Int = LineReader.defaultMaximumLineBytes) throws(IngestError) {
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
        self.maximumLineBytes = maximumLineBytes
    }

    deinit {
        if closesDescriptor { close(descriptor) }
    }

    /// The next batch of complete lines, or nil at the end of the input.
    public func nextBatch(path: String) throws(IngestError) -> LineBatch? {
        var bytes = carried
        var newlineFree = carriedIsOneLine ? carried.count : 0  // how many bytes hold no newline
        carried = []
        carriedIsOneLine = true
        var lastNewline: Int?
        while !reachedEnd {
            bytes = try readChunk(after: bytes, path: path)
            if atStart {
                if !reachedEnd && bytes.count < Self.byteOrderMark.count && Self.byteOrderMark.starts(with: bytes) { continue }
                atStart = false
                if bytes.starts(with: Self.byteOrderMark) { bytes.removeFirst(Self.byteOrderMark.count) }
            }
            if Self.firstNewline(in: bytes, from: min(newlineFree, bytes.count)) != nil {
                lastNewline = bytes.lastIndex(of: 0x0A)  // one exists: searching back from the end finds it soon
                break
            }
            newlineFree = bytes.count
            // All of `bytes` is the start of one line.
            if bytes.count > maximumLineBytes { return try skipOverlongLine(readSoFar: bytes.count, path: path) }
        }
        guard !bytes.isEmpty else { return nil }
        let end = reachedEnd ? bytes.count : (lastNewline ?? bytes.count - 1) + 1
        carried = Array(bytes[end...])
        bytes.removeLast(bytes.count - end)
        return batch(of: bytes)
    }

    private static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// Reads on to the end of a line of which `readSoFar` bytes were read without a newline,
    /// keeping none of it but what follows its newline, and hands it out alone as overlong.
    private func skipOverlongLine(readSoFar: Int, path: String) throws(IngestError) -> LineBatch {
        var length = readSoFar
        while !reachedEnd {
            let chunk = try readChunk(after: [], path: path)
            if let newline = Self.firstNewline(in: chunk, from: 0) {
                length += newline
                carried = Array(chunk[(newline + 1)...])
                carriedIsOneLine = false
                break
            }
            length += chunk.count
        }
        let number = nextLineNumber
        nextLineNumber += 1
        return LineBatch(bytes: [], lines: [(0..<0, number)], overlong: [(0, length)])
    }

    /// The index of the first LF in `bytes` at or after `start`, found with `memchr`.
    private static func firstNewline(in bytes: [UInt8], from start: Int) -> Int? {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, start < buffer.count,
                  let found = memchr(base + start, 0x0A, buffer.count - start) else { return nil }
            return UnsafeRawPointer(found) - UnsafeRawPointer(base)
        }
    }

    /// `start` followed by up to a chunk of input (at least as much as `start` holds, so a long
    /// line is read in doubling steps), read straight into the new array.
    private func readChunk(after start: [UInt8], path: String) throws(IngestError) -> [UInt8] {
        var failure: Int32?
        let bytes = [UInt8](unsafeUninitializedCapacity: start.count + max(chunkSize, start.count)) { buffer, count in
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
        var overlong: [(position: Int, length: Int)] = []
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
                if newline - start > maximumLineBytes {
                    overlong.append((lines.count, newline - start))
                    lines.append((start..<start, nextLineNumber))
                } else if buffer[start..<stop].contains(where: { !Self.isBlank($0) }) {
                    lines.append((start..<stop, nextLineNumber))
                }
                nextLineNumber += 1
                start = newline + 1
            }
        }
        return LineBatch(bytes: bytes, lines: lines, overlong: overlong)
    }

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0D
    }
}
