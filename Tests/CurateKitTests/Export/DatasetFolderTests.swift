import Foundation
import Testing
@testable import CurateKit

@Suite("A dataset folder put in place whole")
struct DatasetFolderTests {
    /// Whether a reader ever found `path` missing, polling it on a thread of its own.
    final class MissingWatch: @unchecked Sendable {
        private let lock = NSLock()
        private var stopped = false  // guarded by `lock`
        private var misses = 0  // guarded by `lock`
        private let done = DispatchSemaphore(value: 0)

        init(_ path: String) {
            Thread.detachNewThread { [self] in
                while !lock.withLock({ stopped }) {
                    if access(path, F_OK) != 0 { lock.withLock { misses += 1 } }
                }
                done.signal()
            }
        }

        /// Stops the reader and gives how many of its looks found nothing.
        func stop() -> Int {
            lock.withLock { stopped = true }
            done.wait()
            return lock.withLock { misses }
        }
    }

    /// A finished staging folder for `folder` holding a manifest with `text`.
    func staged(_ folder: DatasetFolder, _ text: String) throws -> URL {
        let staging = try folder.makeStaging()
        try Data(text.utf8).write(to: staging.appendingPathComponent(Manifest.fileName))
        return staging
    }

    #if os(Linux)
    @Test("replacing a dataset is one exchange: a reader polling its manifest never finds it missing")
    func atomicReplace() throws {
        let temporary = try TemporaryDirectory()
        let folder = try DatasetFolder(datasets: temporary.url.appendingPathComponent("datasets"), name: "d")
        try folder.install(try staged(folder, "0"), replace: false)
        let manifest = folder.url.appendingPathComponent(Manifest.fileName)
        let watch = MissingWatch(manifest.path)
        for round in 1...300 {
            try folder.install(try staged(folder, String(round)), replace: true)
        }
        #expect(watch.stop() == 0, "a reader found no datasets/d/manifest.json during a replace")
        #expect(try String(contentsOf: manifest, encoding: .utf8) == "300")
        #expect(!FileManager.default.fileExists(atPath: folder.stagingParent.path), "old datasets or staging folders left")
    }
    #endif

    @Test("staging folders live in datasets/.curate-staging, which ignores itself in git and goes when empty; each is registered while it exists")
    func stagingFolder() throws {
        let temporary = try TemporaryDirectory()
        let folder = try DatasetFolder(datasets: temporary.url.appendingPathComponent("datasets"), name: "d")
        let staging = try folder.makeStaging()
        #expect(staging.deletingLastPathComponent().lastPathComponent == ".curate-staging")
        #expect(staging.lastPathComponent.hasPrefix("d.partial-\(getpid())-"))
        let ignore = try String(contentsOf: folder.stagingParent.appendingPathComponent(".gitignore"), encoding: .utf8)
        #expect(ignore.hasSuffix("\n*\n"))
        #expect(ScratchFolders.withFolders { $0[staging.path] != nil })
        try folder.install(staging, replace: false)
        #expect(ScratchFolders.withFolders { $0[staging.path] == nil })
        #expect(folder.exists)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.datasetsURL.path) == ["d"])
        #expect(throws: ExportError.datasetExists(path: folder.url.path)) { try folder.install(try staged(folder, "x"), replace: false) }
    }

    @Test("an interrupt's removal of a staging folder finishes though another thread keeps making files in it")
    func removalWhileWritten() throws {
        let temporary = try TemporaryDirectory()
        let staging = temporary.url.appendingPathComponent("d.partial-1-a").path
        let data = staging + "/data"
        #expect(mkdir(staging, 0o755) == 0 && mkdir(data, 0o755) == 0)
        for index in 0..<2_000 { close(open("\(data)/old-\(index)", O_WRONLY | O_CREAT, 0o644)) }
        // A writer making files as an export does: inside the folders, never making a parent.
        final class Writer: @unchecked Sendable {
            let condition = NSCondition()
            var stop = false, made = 0, finished = false  // guarded by `condition`
        }
        let writer = Writer()
        Thread.detachNewThread {
            var index = 0
            while !writer.condition.withLock({ writer.stop }) {
                let descriptor = open("\(data)/new-\(index)", O_WRONLY | O_CREAT | O_EXCL, 0o644)
                if descriptor >= 0 {
                    close(descriptor)
                    writer.condition.withLock { writer.made += 1 }
                }
                index += 1
            }
            writer.condition.withLock {
                writer.finished = true
                writer.condition.broadcast()
            }
        }
        while writer.condition.withLock({ writer.made }) < 100 { usleep(100) }
        ScratchFolders.remove(staging)
        writer.condition.withLock {
            writer.stop = true
            while !writer.finished { writer.condition.wait() }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: temporary.url.path).isEmpty)
    }

    @Test("a staging folder moved aside for removal is still one a later export removes once its process is gone")
    func asideNameIsAStagingName() throws {
        let temporary = try TemporaryDirectory()
        let folder = try DatasetFolder(datasets: temporary.url.appendingPathComponent("datasets"), name: "d")
        let staging = try folder.makeStaging()
        defer { ScratchFolders.forget(staging) }
        let aside = URL(fileURLWithPath: ScratchFolders.asidePath(of: staging.path))
        #expect(aside.deletingLastPathComponent().path == staging.deletingLastPathComponent().path)
        let leftover = try #require(DatasetFolder.leftover(aside.lastPathComponent, legacy: false))
        #expect(leftover.name == "d" && leftover.pid == getpid() && !leftover.replaced)
    }

    @Test("the names of staging folders are read back, and nothing else is taken for one", arguments: [
        ("d.partial-123-ab12", false, "d", 123, false), ("my.set.replaced-9-f", false, "my.set", 9, true),
        (".d.partial-77-0", true, "d", 77, false),
    ])
    func leftoverNames(_ entry: String, _ legacy: Bool, _ name: String, _ pid: Int32, _ replaced: Bool) {
        let parsed = DatasetFolder.leftover(entry, legacy: legacy)
        #expect(parsed?.name == name && parsed?.pid == pid && parsed?.replaced == replaced)
    }

    @Test("names that are not staging folders", arguments: [
        ("clean", true), ("d.partial-123-ab12", true), (".d.partial-x-ab", true), (".gitignore", false), ("d.partial-12", false), ("d.partial-12-xyz", false),
    ])
    func notLeftovers(_ entry: String, _ legacy: Bool) {
        #expect(DatasetFolder.leftover(entry, legacy: legacy) == nil)
    }
}
