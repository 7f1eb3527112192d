import Foundation
import Testing

/// The test target's own files: inputs in `Fixtures/`, golden outputs in `Snapshots/`,
/// found beside this source file (no resources to declare in Package.swift).
enum TestFiles {
    /// `Tests/CurateCLITests/`.
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    /// The repository's root folder: the demo workspace.
    static let repositoryRoot = folder.deletingLastPathComponent().deletingLastPathComponent()

    /// The bytes of `Fixtures/NAME`.
    static func fixture(_ name: String) throws -> Data {
        try Data(contentsOf: folder.appendingPathComponent("Fixtures").appendingPathComponent(name))
    }

    /// The lines of `Fixtures/NAME` (split on LF only, so every other byte is kept), without the newlines.
    static func fixtureLines(_ name: String) throws -> [Data] {
        lines(of: try fixture(name))
    }

    /// The lines of `data`, split on LF only, without the newlines or a final empty line.
    static func lines(of data: Data) -> [Data] {
        var lines = data.split(separator: 0x0A, omittingEmptySubsequences: false).map { Data($0) }
        if lines.last?.isEmpty == true { lines.removeLast() }
        return lines
    }
}

/// Golden-file comparison: `Snapshots/NAME` holds the expected output.
///
/// Run with `CURATE_RECORD_SNAPSHOTS=1` to write the current output as the new golden
/// file; such a run records an issue for every snapshot it writes, so it can never pass
/// by accident. Review the diff of `Snapshots/` before committing.
enum Snapshot {
    static var recording: Bool {
        ProcessInfo.processInfo.environment["CURATE_RECORD_SNAPSHOTS"] == "1"
    }

    /// Expects `actual` to equal the golden file `Snapshots/NAME`.
    static func expect(_ actual: String, matches name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let url = TestFiles.folder.appendingPathComponent("Snapshots").appendingPathComponent(name)
        if recording {
            do {
                try Data(actual.utf8).write(to: url)
                Issue.record("recorded snapshot \(name); run again without CURATE_RECORD_SNAPSHOTS", sourceLocation: sourceLocation)
            } catch {
                Issue.record("cannot write snapshot \(url.path): \(error)", sourceLocation: sourceLocation)
            }
            return
        }
        guard let data = try? Data(contentsOf: url) else {
            Issue.record("no snapshot \(url.path); record it with CURATE_RECORD_SNAPSHOTS=1", sourceLocation: sourceLocation)
            return
        }
        let expected = String(decoding: data, as: UTF8.self)
        #expect(actual == expected, "output differs from Snapshots/\(name) (re-record with CURATE_RECORD_SNAPSHOTS=1 if the change is intended)", sourceLocation: sourceLocation)
    }
}
