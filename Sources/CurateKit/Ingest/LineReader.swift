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
    private var pending: [UInt8] = []
    private var nextLineNumber = 1
    private var reachedEnd = false
    private let chunkSize: Int
    /// Where `read` puts each chunk before it joins the pending bytes (allocated once).
    private let readBuffer: UnsafeMutableRawBufferPointer

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
        readBuffer = .allocate(byteCount: chunkSize, alignment: 1)
    }

    deinit {
        readBuffer.deallocate()
        if closesDescriptor { close(descriptor) }
    }

    /// The next batch of complete lines, or nil at the end of the input.
    public func nextBatch(path: String) throws(IngestError) -> LineBatch? {
        while !reachedEnd {
            let split = pending.lastIndex(of: 0x0A)
            if let split, pending.count >= chunkSize {
                return takeLines(through: split + 1)
            }
            try fill(path: path)
        }
        guard !pending.isEmpty else { return nil }
        return takeLines(through: pending.count)
    }

    private func fill(path: String) throws(IngestError) {
        let readCount = read(descriptor, readBuffer.baseAddress, readBuffer.count)
        if readCount < 0 { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
        if readCount == 0 { reachedEnd = true }
        pending.append(contentsOf: UnsafeRawBufferPointer(rebasing: readBuffer[..<readCount]).assumingMemoryBound(to: UInt8.self))
        bytesRead += readCount
    }

    private func takeLines(through end: Int) -> LineBatch {
        let bytes = Array(pending[..<end])
        pending.removeFirst(end)
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
