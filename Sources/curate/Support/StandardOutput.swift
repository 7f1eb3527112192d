import Foundation

/// Standard output written in large blocks: a command that streams many lines (`stale`)
/// appends them here instead of making one system call per line.
final class StandardOutput {
    private var buffer: [UInt8] = []
    private static let blockSize = 1 << 16

    init() {
        buffer.reserveCapacity(Self.blockSize)
    }

    deinit {
        flush()
    }

    /// Appends `bytes`, writing the buffer out when it is full.
    func write(_ bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.blockSize { flush() }
    }

    /// Writes out what is buffered.
    func flush() {
        guard !buffer.isEmpty else { return }
        FileHandle.standardOutput.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }
}
