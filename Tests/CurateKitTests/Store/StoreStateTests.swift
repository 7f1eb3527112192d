import Crypto
import Foundation
import Testing
@testable import CurateKit

@Suite("The store's state recorded in manifests")
struct StoreStateTests {
    /// SHA-256 over the ids' keys in ascending order, computed here from the ids alone.
    static func expectedDigest(_ ids: [String]) -> String {
        var hasher = SHA256()
        for key in ids.map(RecordIDKey.of).sorted() {
            withUnsafeBytes(of: UInt64(bitPattern: key).bigEndian) { hasher.update(bufferPointer: $0) }
        }
        return SHA256Hex.hex(hasher.finalize())
    }

    @Test("counts labels, digests their ids whatever order they came in, and names the last ingest")
    func digestOfIDs() throws {
        let folder = try TemporaryDirectory()
        // Two ids sharing a key (the first 16 hex digits), so the collided rows are merged in too.
        let colliding = [String(repeating: "a", count: 16) + String(repeating: "0", count: 48),
                         String(repeating: "a", count: 16) + String(repeating: "1", count: 48)]
        let ids = ["r-9", "r-1", "zeta"] + colliding
        let lines = ids.enumerated().map { index, id in
            IngesterTests.record("in-\(index)", extra: #","id":"\#(id)""#)
        }
        let first = try folder.write("a.jsonl", lines.prefix(3).joined(separator: "\n"))
        let second = try folder.write("b.jsonl", lines.suffix(2).joined(separator: "\n"))
        let store = try Store(path: folder.storePath, create: true)
        #expect(try store.backend.state() == StoreState(labels: 0, idsSHA256: Self.expectedDigest([]), lastIngest: 0))
        _ = try IngesterTests.ingest([first], into: store)
        let afterFirst = try store.backend.state()
        #expect(afterFirst == StoreState(labels: 3, idsSHA256: Self.expectedDigest(Array(ids.prefix(3))), lastIngest: 1))
        _ = try IngesterTests.ingest([second], into: store)
        #expect(try store.backend.state() == StoreState(labels: 5, idsSHA256: Self.expectedDigest(ids), lastIngest: 2))
        #expect(try store.backend.state(throughIngest: 1) == afterFirst)

        // The same labels ingested the other way round, in another store: the same digest.
        let other = try Store(path: folder.url.appendingPathComponent("other.sqlite").path, create: true)
        _ = try IngesterTests.ingest([second, first], into: other)
        #expect(try other.backend.state().idsSHA256 == Self.expectedDigest(ids))
    }

    @Test("digests the keys of more labels than one block of keys hashed at a time")
    func digestAcrossBlocks() throws {
        let folder = try TemporaryDirectory()
        let ids = (0..<2_500).map { "rec-\($0 * 7_919 % 2_500)" }
        let lines = ids.enumerated().map { index, id in IngesterTests.record("in-\(index)", extra: #","id":"\#(id)""#) }
        let corpus = try folder.write("many.jsonl", lines.joined(separator: "\n"))
        let store = try Store(path: folder.storePath, create: true)
        _ = try IngesterTests.ingest([corpus], into: store)
        #expect(try store.backend.state() == StoreState(labels: 2_500, idsSHA256: Self.expectedDigest(ids), lastIngest: 1))
    }
}
