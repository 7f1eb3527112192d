import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The folders this process is writing and must not leave behind: an export's staging
/// folder and the temporary copy `diff REV:PATH` reads from git.
///
/// Each is registered while it exists. A command stopped by SIGINT or SIGTERM removes
/// every one of them through ``removeAllForExit()``, which the executable's signal handling
/// calls. Putting a staging folder in place happens under the same lock
/// (``withFolders(_:)``), so an interrupt waits for the renames of an export to finish and
/// never removes a folder half-way into place.
public enum ScratchFolders {
    private static let registry = Registry()

    /// Runs `body` with the registered folders (path → descriptor of the lock on it, or -1),
    /// holding the lock an interrupt takes before it removes them.
    static func withFolders<T, Failure: Error>(_ body: (inout [String: Int32]) throws(Failure) -> T) throws(Failure) -> T {
        registry.lock.lock()
        defer { registry.lock.unlock() }
        return try body(&registry.folders)
    }

    /// Registers `url` for removal should the process be interrupted.
    static func add(_ url: URL) {
        withFolders { $0[url.path] = -1 }
    }

    /// Forgets `url` (it was removed or put in place) and closes its lock, if any.
    static func forget(_ url: URL) {
        withFolders { folders in
            if let descriptor = folders.removeValue(forKey: url.path), descriptor >= 0 { close(descriptor) }
        }
    }

    /// Removes every registered folder, for a process about to exit on an interrupt.
    ///
    /// Keeps the lock for good, so no export of this process puts a folder in place
    /// after it; the caller must exit right after.
    public static func removeAllForExit() {
        registry.lock.lock()
        for path in registry.folders.keys {
            remove(path)
        }
    }

    /// Removes the folder at `path` and everything in it, though other threads of the process
    /// may still be making files in it: the folder is first renamed aside, so those threads'
    /// files, made by paths inside it and never with their parents, fail from then on instead
    /// of landing in a folder being removed (which would leave it not empty, and in place).
    static func remove(_ path: String) {
        let aside = asidePath(of: path)
        try? FileManager.default.removeItem(atPath: rename(path, aside) == 0 ? aside : path)
    }

    /// Where ``remove(_:)`` moves `path` first: beside it, its name with one more hex digit.
    /// A staging folder moved aside keeps the form `NAME.partial-PID-RANDOM`, so should its
    /// removal not finish, a later export removes it as it does any a dead process left.
    static func asidePath(of path: String) -> String {
        path + "0"
    }
}

/// The registered folders and the lock that guards them.
private final class Registry: @unchecked Sendable {
    let lock = NSLock()
    var folders: [String: Int32] = [:]  // guarded by `lock`
}
