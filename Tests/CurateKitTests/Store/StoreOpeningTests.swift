import CSQLite
import Foundation
import Testing
@testable import CurateKit

@Suite("Opening the store")
struct StoreOpeningTests {
    @Test("a store that does not exist is refused and not created")
    func missingStore() throws {
        let folder = try TemporaryDirectory()
        #expect(throws: StoreError.missing(path: folder.storePath)) { try Store(path: folder.storePath) }
        #expect(!FileManager.default.fileExists(atPath: folder.storePath))
    }

    @Test("creating a store leaves only the store: the file it was set up in is gone")
    func createsWhole() throws {
        let folder = try TemporaryDirectory()
        _ = try Store(path: folder.storePath, create: true)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["store.sqlite"])
        #expect(try Store(path: folder.storePath).sqliteBackend.schemaVersion() == SQLiteMigrations.current)
    }

    @Test("an empty store file is damage, reported as such even when creating, and left as it is", arguments: [false, true])
    func emptyFile(create: Bool) throws {
        let folder = try TemporaryDirectory()
        #expect(FileManager.default.createFile(atPath: folder.storePath, contents: Data()))
        #expect(throws: StoreError.empty(path: folder.storePath)) { try Store(path: folder.storePath, create: create) }
        let size = try FileManager.default.attributesOfItem(atPath: folder.storePath)[.size] as? Int
        #expect(size == 0)
    }

    @Test("a SQLite database curate did not make is refused and left unchanged")
    func foreignDatabase() throws {
        let folder = try TemporaryDirectory()
        var handle: OpaquePointer?
        #expect(sqlite3_open(folder.storePath, &handle) == SQLITE_OK)
        #expect(sqlite3_exec(handle, "CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('mine');", nil, nil, nil) == SQLITE_OK)
        sqlite3_close(handle)
        let before = try Data(contentsOf: folder.url.appendingPathComponent("store.sqlite"))

        #expect(throws: StoreError.notACurateStore(path: folder.storePath)) { try Store(path: folder.storePath) }
        #expect(try Data(contentsOf: folder.url.appendingPathComponent("store.sqlite")) == before)
    }

    @Test("a file that is not a database gets a message naming it and what to check")
    func notADatabase() throws {
        let folder = try TemporaryDirectory()
        try folder.write("store.sqlite", String(repeating: "labels, not a database\n", count: 100))
        do {
            _ = try Store(path: folder.storePath)
            Issue.record("opened a text file as a store")
        } catch let error as StoreError {
            guard case .sqlite(let path, let code, _) = error else { throw error }
            #expect(path == folder.storePath)
            #expect(code & 0xFF == SQLITE_NOTADB)
            let message = try #require(error.errorDescription)
            #expect(message.contains(folder.storePath) && message.contains("not a SQLite database") && message.contains("--store"))
        }
    }

    /// A SQLite failure, the words its message must hold besides the path, and whether it says nothing was changed.
    struct Failure: Sendable, CustomTestStringConvertible {
        let code: Int32
        let remedy: String
        let nothingChanged: Bool
        var testDescription: String { "SQLite \(code): \(remedy)" }
    }

    static let failures: [Failure] = [
        Failure(code: SQLITE_FULL, remedy: "free some space and run the command again", nothingChanged: true),
        Failure(code: SQLITE_IOERR | (4 << 8), remedy: "check the disk", nothingChanged: true),
        Failure(code: SQLITE_CORRUPT, remedy: "restore the store from a backup", nothingChanged: false),
        Failure(code: SQLITE_NOTADB, remedy: "check the path given by --store or CURATE_STORE", nothingChanged: false),
        Failure(code: SQLITE_READONLY, remedy: "writable by you", nothingChanged: true),
        Failure(code: SQLITE_CANTOPEN, remedy: "that you may read and write both", nothingChanged: false),
        Failure(code: SQLITE_LOCKED, remedy: "try again when it has finished", nothingChanged: true),
        Failure(code: SQLITE_ERROR, remedy: "run 'curate check --store /data/store.sqlite'", nothingChanged: true),
    ]

    @Test("each common SQLite failure is told with the store's path, SQLite's words and what to do", arguments: failures)
    func failureMessages(failure: Failure) throws {
        let error = StoreError.sqlite(path: "/data/store.sqlite", code: failure.code, message: "what SQLite said")
        let message = try #require(error.errorDescription)
        #expect(message.contains("/data/store.sqlite"), "\(message)")
        #expect(message.contains("SQLite error \(failure.code): what SQLite said"), "\(message)")
        #expect(message.contains(failure.remedy), "\(message)")
        #expect(message.contains("nothing was changed") == failure.nothingChanged, "\(message)")
    }
}
