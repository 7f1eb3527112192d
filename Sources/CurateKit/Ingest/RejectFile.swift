import Foundation

/// The file that receives bad lines verbatim under `--skip-invalid`, one per line.
/// Created on the first bad line, so a clean ingest leaves no empty file behind.
final class RejectFile {
    let path: String
    private let handle: FileHandle

    init(path: String) throws(IngestError) {
        if !FileManager.default.fileExists(atPath: path) {
            _ = FileManager.default.createFile(atPath: path, contents: nil)
        }
        guard let handle = FileHandle(forWritingAtPath: path) else {
            throw .unwritable(path: path, reason: "cannot open the reject file for writing")
        }
        self.path = path
        self.handle = handle
        do {
            try handle.seekToEnd()
        } catch {
            throw .unwritable(path: path, reason: error.localizedDescription)
        }
    }

    /// Appends one line and its newline.
    func write(_ line: ArraySlice<UInt8>) throws(IngestError) {
        var bytes = Data(line)
        bytes.append(0x0A)
        do {
            try handle.write(contentsOf: bytes)
        } catch {
            throw .unwritable(path: path, reason: error.localizedDescription)
        }
    }

    /// Flushes the lines to disk and closes the file.
    func finish() throws(IngestError) {
        do {
            try handle.synchronize()
            try handle.close()
        } catch {
            throw .unwritable(path: path, reason: error.localizedDescription)
        }
    }
}
