import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A dataset's folder, `datasets/NAME/`, and how it is put in place whole.
///
/// An export writes into a hidden staging folder beside it (`datasets/.NAME.partial-…`)
/// and renames that into place, so a crash leaves either the old dataset or the new
/// one, never half of one. Replacing moves the old folder aside first
/// (`datasets/.NAME.replaced-…`), renames the new one in, then deletes the old.
public struct DatasetFolder: Sendable, Hashable {
    /// The `datasets/` folder.
    public let datasetsURL: URL
    /// The dataset's name: one plain folder name.
    public let name: String

    /// The dataset `name` inside `datasets`.
    /// - Throws: ``ExportError/invalidDatasetName(name:reason:)`` unless `name` is a plain
    ///   folder name (letters, digits, `.`, `_`, `-`, starting with a letter or digit),
    ///   so it cannot escape `datasets/`.
    public init(datasets: URL, name: String) throws(ExportError) {
        if name.isEmpty { throw .invalidDatasetName(name: name, reason: "it is empty") }
        if name.contains("/") || name.contains("\\") || name == "." || name == ".." {
            throw .invalidDatasetName(name: name, reason: "it would leave datasets/")
        }
        guard name.utf8.count <= 200 else { throw .invalidDatasetName(name: name, reason: "it is longer than 200 bytes") }
        let allowed = name.utf8.allSatisfy { byte in
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
        }
        guard allowed else { throw .invalidDatasetName(name: name, reason: "it has characters other than letters, digits, '.', '_' and '-'") }
        guard let first = name.utf8.first, first != UInt8(ascii: "."), first != UInt8(ascii: "-") else {
            throw .invalidDatasetName(name: name, reason: "it starts with '.' or '-'")
        }
        datasetsURL = datasets.standardizedFileURL
        self.name = name
    }

    /// `datasets/NAME`.
    public var url: URL { datasetsURL.appendingPathComponent(name, isDirectory: true) }

    /// Whether something already exists at `datasets/NAME`.
    public var exists: Bool {
        var info = stat()
        return lstat(url.path, &info) == 0
    }

    /// Makes a new, empty staging folder beside the dataset (creating `datasets/` if needed).
    func makeStaging() throws(ExportError) -> URL {
        do {
            try FileManager.default.createDirectory(at: datasetsURL, withIntermediateDirectories: true)
        } catch {
            throw .cannotWrite(path: datasetsURL.path, reason: error.localizedDescription)
        }
        let staging = sibling("partial")
        guard mkdir(staging.path, 0o755) == 0 else {
            throw .cannotWrite(path: staging.path, reason: String(cString: strerror(errno)))
        }
        return staging
    }

    /// Moves a finished staging folder into place.
    /// - Parameter replace: whether an existing dataset may be replaced.
    /// - Throws: ``ExportError/datasetExists(path:)`` when one exists and `replace` is false.
    func install(_ staging: URL, replace: Bool) throws(ExportError) {
        syncDirectory(staging.path)
        var aside: URL?
        if exists {
            guard replace else { throw .datasetExists(path: url.path) }
            let old = sibling("replaced")
            guard rename(url.path, old.path) == 0 else { throw .cannotWrite(path: url.path, reason: String(cString: strerror(errno))) }
            aside = old
        }
        guard rename(staging.path, url.path) == 0 else {
            let code = errno
            if let aside { _ = rename(aside.path, url.path) }
            if code == ENOTEMPTY || code == EEXIST || code == ENOTDIR { throw .datasetExists(path: url.path) }
            throw .cannotWrite(path: url.path, reason: String(cString: strerror(code)))
        }
        syncDirectory(datasetsURL.path)
        if let aside { try? FileManager.default.removeItem(at: aside) }
    }

    /// Deletes a staging folder after a failure.
    func discard(_ staging: URL) {
        try? FileManager.default.removeItem(at: staging)
    }

    private func sibling(_ role: String) -> URL {
        let token = UInt64.random(in: 0...UInt64.max) & 0xFFFF_FFFF
        return datasetsURL.appendingPathComponent(".\(name).\(role)-\(getpid())-\(String(token, radix: 16))", isDirectory: true)
    }

    private func syncDirectory(_ path: String) {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        close(descriptor)
    }
}
