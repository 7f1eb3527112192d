import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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

    /// Refuses a reject path that names one of `inputs` (`-` is standard input): the same file,
    /// by device and inode, so also through a symbolic or hard link. Rejected lines appended to
    /// a file being read would be read again, and the ingest would never end.
    /// - Throws: ``IngestError/rejectIsInput(rejectPath:input:)``.
    static func checkNotAmong(_ inputs: [String], rejectPath: String) throws(IngestError) {
        var reject = stat()
        guard stat(rejectPath, &reject) == 0 else { return }  // not there yet: no input can be it
        for input in inputs {
            var info = stat()
            let found = input == "-" ? fstat(STDIN_FILENO, &info) : stat(input, &info)
            if found == 0, info.st_dev == reject.st_dev, info.st_ino == reject.st_ino {
                throw .rejectIsInput(rejectPath: rejectPath, input: input == "-" ? "<stdin>" : input)
            }
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
