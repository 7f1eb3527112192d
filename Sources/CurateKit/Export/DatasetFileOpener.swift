import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Opens a file of a dataset folder for reading, only when it is a regular file inside
/// that folder.
///
/// A manifest names its files, but whatever sits at those names is not to be trusted: a
/// symbolic link to `/dev/zero` would make `verify` read forever, a FIFO would block it,
/// and a link to a file elsewhere (the file's own, or one of a folder on its way, such as
/// `data/`) would check (and show) something that is not part of the dataset. A symbolic
/// link that stays inside the folder is followed.
enum DatasetFileOpener {
    /// Why a dataset file was not opened.
    enum Refusal: Error, Equatable {
        /// Nothing is there (or a symbolic link leads nowhere).
        case missing
        /// Something is there that must not be read; the reason says what it is.
        case refused(reason: String)
        /// It could not be opened: the system's reason.
        case unreadable(reason: String)
    }

    /// Opens `path`, a file inside the dataset folder `folder`, read-only.
    /// - Returns: the file descriptor, which the caller closes.
    static func openForReading(_ path: String, inside folder: String) throws(Refusal) -> Int32 {
        var info = stat()
        guard lstat(path, &info) == 0 else { throw errno == ENOENT ? .missing : .unreadable(reason: String(cString: strerror(errno))) }
        let isLink = info.st_mode & S_IFMT == S_IFLNK
        guard let target = realPath(path) else { throw .missing }
        guard let root = realPath(folder), target.hasPrefix(root == "/" ? "/" : root + "/") else {
            throw .refused(reason: isLink
                ? "it is a symbolic link to \(target), outside the dataset folder"
                : "a symbolic link on its way leads it to \(target), outside the dataset folder")
        }
        var link = ""
        if isLink {
            link = "it is a symbolic link to \(target), which is "
            guard stat(path, &info) == 0 else { throw .unreadable(reason: String(cString: strerror(errno))) }
        }
        guard info.st_mode & S_IFMT == S_IFREG else { throw .refused(reason: (link.isEmpty ? "it is " : link) + kind(info.st_mode)) }
        // O_NONBLOCK: should the file have been swapped for a FIFO meanwhile, opening it does not wait for a writer.
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK)
        guard descriptor >= 0 else { throw .unreadable(reason: String(cString: strerror(errno))) }
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            close(descriptor)
            throw .refused(reason: "it is " + kind(info.st_mode))
        }
        return descriptor
    }

    /// The canonical absolute path of `path`, every link resolved; nil when it leads nowhere.
    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// What a file of mode `mode` is, for a message.
    private static func kind(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFCHR: "a character device, not a regular file"
        case S_IFBLK: "a block device, not a regular file"
        case S_IFIFO: "a FIFO (named pipe), not a regular file"
        case S_IFSOCK: "a socket, not a regular file"
        case S_IFDIR: "a folder, not a regular file"
        default: "not a regular file"
        }
    }
}
