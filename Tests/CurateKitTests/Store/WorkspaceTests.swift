import Foundation
import Testing
@testable import CurateKit

@Suite("Workspace discovery")
struct WorkspaceTests {
    @Test("init makes prompts/, datasets/, the store and a .gitignore that keeps it out of git")
    func createsWorkspace() throws {
        let folder = try TemporaryDirectory()
        let (workspace, created) = try Workspace.create(in: folder.url)
        #expect(created == ["prompts/", "datasets/", ".curate/", ".curate/.gitignore", ".curate/store.sqlite"])
        #expect(FileManager.default.fileExists(atPath: workspace.store.filePath!))
        let ignore = try String(contentsOf: folder.url.appendingPathComponent(".curate/.gitignore"), encoding: .utf8)
        #expect(ignore.split(separator: "\n").contains("*"))
        let (_, again) = try Workspace.create(in: folder.url)
        #expect(again.isEmpty)
    }

    @Test("the workspace is found from any folder below it")
    func findsUpwards() throws {
        let folder = try TemporaryDirectory()
        try Workspace.create(in: folder.url)
        let deep = folder.url.appendingPathComponent("a/b/c")
        try FileManager.default.createDirectory(at: deep, withIntermediateDirectories: true)
        let found = try Workspace.locate(from: deep, explicitStore: nil)
        #expect(found.root?.standardizedFileURL.path == folder.url.standardizedFileURL.path)
        #expect(found.store.filePath! == Workspace.storeURL(in: folder.url.standardizedFileURL).path)
    }

    @Test("outside a workspace the error says so")
    func notFound() throws {
        let folder = try TemporaryDirectory()
        #expect(throws: WorkspaceError.notFound(searchedFrom: folder.url.path)) {
            try Workspace.locate(from: folder.url, explicitStore: nil)
        }
    }

    @Test("an explicit store wins over the workspace's; only creating makes one where there is none")
    func explicitStore() throws {
        let folder = try TemporaryDirectory()
        try Workspace.create(in: folder.url)
        let other = folder.url.appendingPathComponent("elsewhere.sqlite").path
        let found = try Workspace.locate(from: folder.url, explicitStore: other)
        #expect(found.store.filePath! == other)
        #expect(throws: StoreError.missing(path: other)) {
            try Store(path: found.store.filePath!)
        }
        #expect(!FileManager.default.fileExists(atPath: other))
        _ = try Store(path: other, create: true)
        #expect(try Store(path: other).sqliteBackend.schemaVersion() == SQLiteMigrations.current)
    }

    @Test("init with an explicit store makes the folders it needs")
    func explicitStoreFolder() throws {
        let folder = try TemporaryDirectory()
        let (workspace, created) = try Workspace.create(in: folder.url, explicitStore: "elsewhere/deep/x.sqlite")
        #expect(created.last == "elsewhere/deep/x.sqlite")
        #expect(FileManager.default.fileExists(atPath: workspace.store.filePath!))
    }
}
