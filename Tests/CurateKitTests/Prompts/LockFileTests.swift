import Foundation
import Testing
@testable import CurateKit

@Suite("prompts.lock")
struct LockFileTests {
    static let v1 = PromptVersion(name: "sentiment", version: "v1")
    static let v3 = PromptVersion(name: "sentiment", version: "v3")
    static let v10 = PromptVersion(name: "sentiment", version: "v10")
    static let intent = PromptVersion(name: "intent", version: "v2")
    static let a = String(repeating: "a", count: 64)
    static let b = String(repeating: "b", count: 64)
    static let c = String(repeating: "c", count: 64)

    /// The golden lock: header, then sorted versions, a version's texts in the order they were locked.
    static let golden = """
        # curate.prompts.lock/1
        # Written by `curate prompts lock`; commit it with the templates.
        # One line per released text: NAME@VERSION and the SHA-256 of the template's
        # UTF-8 text with CRLF turned to LF. Sorted by name and version; a version's
        # lines keep the order they were locked in, the last one is its current text.
        intent@v2 \(c)
        sentiment@v1 \(a)
        sentiment@v3 \(b)
        sentiment@v3 \(a)
        sentiment@v10 \(c)

        """

    @Test("renders sorted, deterministic, one line per text (golden)")
    func golden() {
        var lock = LockFile()
        lock.lock(Self.v10, sha256: Self.c)
        lock.lock(Self.v3, sha256: Self.b)
        lock.lock(Self.v1, sha256: Self.a)
        lock.lock(Self.intent, sha256: Self.c)
        lock.lock(Self.v3, sha256: Self.a)
        #expect(lock.rendered() == Self.golden)
    }

    @Test("reads back what it writes")
    func roundTrip() throws {
        let lock = try LockFile(parsing: Self.golden, path: "prompts.lock")
        #expect(lock.hashes(of: Self.v3) == [Self.b, Self.a])
        #expect(lock.current(Self.v3) == Self.a)
        #expect(lock.rendered() == Self.golden)
        let folder = try TemporaryDirectory()
        try lock.write(promptsFolder: folder.url)
        #expect(try LockFile.read(promptsFolder: folder.url) == lock)
    }

    @Test("never forgets a hash: re-locking appends, a revert moves the old text last")
    func neverForgets() {
        var lock = LockFile()
        let changes = [
            lock.lock(Self.v3, sha256: Self.a), lock.lock(Self.v3, sha256: Self.a), lock.lock(Self.v3, sha256: Self.b),
        ]
        #expect(changes == [true, false, true], "locking the current text again changes nothing")
        #expect(lock.hashes(of: Self.v3) == [Self.a, Self.b])
        let reverted = lock.lock(Self.v3, sha256: Self.a)
        #expect(reverted)
        #expect(lock.hashes(of: Self.v3) == [Self.b, Self.a])
    }

    @Test("a missing lock is empty; comments, blank lines and CRLF are fine")
    func lenientReading() throws {
        let folder = try TemporaryDirectory()
        #expect(try LockFile.read(promptsFolder: folder.url) == LockFile())
        let lock = try LockFile(parsing: "# hand note\r\n\r\nsentiment@v1   \(Self.a.uppercased())\r\n", path: "p")
        #expect(lock.hashes(of: Self.v1) == [Self.a])
    }

    @Test("a bad line is refused with its line number", arguments: [
        ("sentiment@v1\n", 1), ("\n\nsentiment \(String(repeating: "a", count: 64))\n", 3), ("sentiment@v1 abc\n", 1),
        ("# curate.prompts.lock/2\n", 1),
    ])
    func malformed(text: String, line: Int) {
        #expect {
            try LockFile(parsing: text, path: "prompts/prompts.lock")
        } throws: { error in
            guard case PromptError.malformedLock(let path, let found, _) = error else { return false }
            return path == "prompts/prompts.lock" && found == line
        }
    }
}
