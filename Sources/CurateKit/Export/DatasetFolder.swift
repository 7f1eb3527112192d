import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A dataset's folder, `datasets/NAME/`, and how it is put in place whole.
///
/// An export writes into a staging folder, `datasets/.curate-staging/NAME.partial-PID-RANDOM/`,
/// and renames that into place, so a crash leaves either the old dataset or the new one,
/// never half of one. `.curate-staging/` holds a `.gitignore` that ignores everything in it,
/// so `git status` never shows a staging folder; it is removed when the last export using
/// it ends.
///
/// Replacing a dataset (`--force`) is one atomic exchange of the two folders on Linux
/// (`renameat2` with `RENAME_EXCHANGE`): a reader always finds a whole dataset at
/// `datasets/NAME`. The old one, now at the staging path, is then deleted. Where the
/// exchange is not available (another system, a file system without it), the old folder is
/// moved aside first (`NAME.replaced-PID-RANDOM`), the new one renamed in, the old deleted.
///
/// Staging folders are registered with ``ScratchFolders``, so an interrupted export removes
/// its own. One that a killed export left behind is removed by the next export into the
/// same `datasets/`, once its owner is gone: the process id in its name is not alive, and
/// no process holds the `flock` its owner takes on it (the lock tells a live export in
/// another pid namespace sharing the folder, such as a container, from a dead one).
/// Staging folders of the older layout, `datasets/.NAME.partial-PID-RANDOM`, are removed the
/// same way when their process is gone. A stale `replaced` folder is removed only while
/// `datasets/NAME` exists, since it may otherwise hold the only copy of that dataset.
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

    /// The hidden folder in `datasets/` that holds staging folders.
    public static let stagingFolderName = ".curate-staging"

    /// `datasets/.curate-staging`.
    var stagingParent: URL { datasetsURL.appendingPathComponent(Self.stagingFolderName, isDirectory: true) }

    /// Makes a new, empty staging folder for the dataset (creating `datasets/` and its
    /// staging folder if needed), after removing the staging folders dead exports left.
    func makeStaging() throws(ExportError) -> URL {
        let staging = sibling("partial")
        for attempt in 1...3 {
            do {
                try FileManager.default.createDirectory(at: stagingParent, withIntermediateDirectories: true)
            } catch {
                throw .cannotWrite(path: stagingParent.path, reason: error.localizedDescription)
            }
            ignoreInGit()
            if attempt == 1 { removeStaleStaging() }
            let code: Int32? = ScratchFolders.withFolders { folders in
                guard mkdir(staging.path, 0o755) == 0 else { return errno }
                let descriptor = open(staging.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
                if descriptor >= 0 { _ = flock(descriptor, LOCK_EX | LOCK_NB) }
                folders[staging.path] = descriptor
                return nil
            }
            guard let code else { return staging }
            // ENOENT: another export just removed the empty staging folder; make it again.
            guard code == ENOENT, attempt < 3 else { throw .cannotWrite(path: staging.path, reason: String(cString: strerror(code))) }
        }
        throw .cannotWrite(path: staging.path, reason: String(cString: strerror(ENOENT)))
    }

    /// Moves a finished staging folder into place.
    /// - Parameter replace: whether an existing dataset may be replaced.
    /// - Throws: ``ExportError/datasetExists(path:)`` when one exists and `replace` is false.
    func install(_ staging: URL, replace: Bool) throws(ExportError) {
        syncDirectory(staging.path)
        let old: URL? = try ScratchFolders.withFolders { folders throws(ExportError) in
            if let descriptor = folders.removeValue(forKey: staging.path), descriptor >= 0 { close(descriptor) }
            if exists {
                guard replace else {
                    folders[staging.path] = -1
                    throw .datasetExists(path: url.path)
                }
                if try exchange(staging) {
                    folders[staging.path] = -1
                    return staging
                }
            }
            let aside = exists ? sibling("replaced") : nil
            if let aside {
                guard rename(url.path, aside.path) == 0 else {
                    folders[staging.path] = -1
                    throw .cannotWrite(path: url.path, reason: String(cString: strerror(errno)))
                }
                folders[aside.path] = -1
            }
            guard rename(staging.path, url.path) == 0 else {
                let code = errno
                folders[staging.path] = -1
                if let aside, rename(aside.path, url.path) == 0 { folders[aside.path] = nil }
                if code == ENOTEMPTY || code == EEXIST || code == ENOTDIR { throw .datasetExists(path: url.path) }
                throw .cannotWrite(path: url.path, reason: String(cString: strerror(code)))
            }
            return aside
        }
        syncDirectory(datasetsURL.path)
        if let old { discard(old) } else { removeEmptyStagingParent() }
    }

    /// Deletes a staging folder after a failure, or an old dataset after a replace.
    func discard(_ staging: URL) {
        try? FileManager.default.removeItem(at: staging)
        ScratchFolders.forget(staging)
        removeEmptyStagingParent()
    }

    /// Removes `.curate-staging` once nothing but its `.gitignore` is left, so a finished
    /// export leaves nothing but datasets in `datasets/`.
    private func removeEmptyStagingParent() {
        guard (try? FileManager.default.contentsOfDirectory(atPath: stagingParent.path)) == [".gitignore"] else { return }
        unlink(stagingParent.appendingPathComponent(".gitignore").path)
        // Another export's staging folder arrived meanwhile: it must stay ignored.
        if rmdir(stagingParent.path) != 0 { ignoreInGit() }
    }

    /// Swaps the staging folder and the dataset in one step, where the system can.
    /// - Returns: whether they were swapped; false when the exchange is not available
    ///   here or the dataset is gone, and the caller renames instead.
    private func exchange(_ staging: URL) throws(ExportError) -> Bool {
        #if os(Linux)
        guard let renameat2 = Self.renameat2 else { return false }
        if renameat2(AT_FDCWD, staging.path, AT_FDCWD, url.path, Self.renameExchange) == 0 { return true }
        switch errno {
        case EINVAL, ENOSYS, EOPNOTSUPP, ENOENT: return false
        case let code: throw .cannotWrite(path: url.path, reason: String(cString: strerror(code)))
        }
        #else
        return false
        #endif
    }

    #if os(Linux)
    private typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>?, Int32, UnsafePointer<CChar>?, UInt32) -> Int32

    /// glibc's `renameat2` (2.28 and later), looked up at run time: Swift's Glibc module does
    /// not export it, and `syscall(2)` is variadic, which Swift cannot call.
    private static let renameat2: RenameAt2? = dlsym(nil, "renameat2").map { unsafeBitCast($0, to: RenameAt2.self) }

    /// `RENAME_EXCHANGE` of `<linux/fs.h>`.
    private static let renameExchange: UInt32 = 1 << 1
    #endif

    /// Writes `.curate-staging/.gitignore`, ignoring everything in that folder, unless it exists.
    private func ignoreInGit() {
        let path = stagingParent.appendingPathComponent(".gitignore").path
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return }
        let text = "# Written by curate: export staging folders, each removed when its export ends.\n*\n"
        _ = text.withCString { write(descriptor, $0, strlen($0)) }
        close(descriptor)
    }

    /// Removes the staging folders of exports into this `datasets/` whose process is gone.
    private func removeStaleStaging() {
        for (folder, legacy) in [(stagingParent, false), (datasetsURL, true)] {
            guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { continue }
            for entry in entries {
                guard let leftover = Self.leftover(entry, legacy: legacy), leftover.pid != getpid(),
                      !(kill(leftover.pid, 0) == 0 || errno == EPERM)
                else { continue }
                if leftover.replaced {
                    guard let dataset = try? DatasetFolder(datasets: datasetsURL, name: leftover.name), dataset.exists else { continue }
                }
                let path = folder.appendingPathComponent(entry).path
                let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW)
                guard descriptor >= 0 else { continue }
                defer { close(descriptor) }
                guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else { continue }
                try? FileManager.default.removeItem(atPath: path)
            }
        }
    }

    /// The dataset name and process id in a staging folder's name (`NAME.partial-PID-RANDOM`,
    /// or `.NAME.partial-PID-RANDOM` in the older layout); nil for any other name.
    static func leftover(_ entry: String, legacy: Bool) -> (name: String, pid: pid_t, replaced: Bool)? {
        for role in ["partial", "replaced"] {
            guard let marker = entry.range(of: ".\(role)-", options: .backwards) else { continue }
            var name = entry[..<marker.lowerBound]
            let parts = entry[marker.upperBound...].split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 2, let pid = pid_t(parts[0]), pid > 0, !parts[1].isEmpty, parts[1].allSatisfy(\.isHexDigit) else { return nil }
            if legacy {
                guard name.first == "." else { return nil }
                name = name.dropFirst()
            }
            guard !name.isEmpty else { return nil }
            return (String(name), pid, role == "replaced")
        }
        return nil
    }

    private func sibling(_ role: String) -> URL {
        let token = UInt64.random(in: 0...UInt64.max) & 0xFFFF_FFFF
        return stagingParent.appendingPathComponent("\(name).\(role)-\(getpid())-\(String(token, radix: 16))", isDirectory: true)
    }

    private func syncDirectory(_ path: String) {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        close(descriptor)
    }
}
