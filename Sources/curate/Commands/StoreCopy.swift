import ArgumentParser
import CurateKit
import Foundation

/// `curate store copy FROM TO`: copy a whole store into a new, empty one, on any backend.
struct StoreCopy: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: "Copy a whole store into a new, empty store: SQLite or PostgreSQL, either way.",
        discussion: """
            Moves a store between backends losing nothing: SQLite to PostgreSQL when a team \
            grows, PostgreSQL to SQLite for a laptop, SQLite to SQLite as a backup. Every label \
            is copied with its id, content hash, columns and provenance (tuple, prompt name, \
            version, hash and text, hash status); ingests keep their numbers and times (so \
            'curate retract ingest N' and a manifest's store.last_ingest mean the same on both \
            sides), and flags, retractions with the labels each took, and the input batches \
            stored whole come along. Afterwards 'curate check' gives the same verdict on both, \
            and an export from either gives the same data files.

            FROM and TO are each a store file's path (relative to the current folder) or a \
            postgresql:// URL. FROM is read in one snapshot, so others may keep ingesting into \
            it. TO must exist and be empty: make it first with 'curate init --store TO'. It is \
            written in one transaction, so a failed copy leaves it empty. A password in a URL \
            is never printed.

            Exit codes: 0 copied; 2 usage error, no store at FROM or TO, TO not empty, or FROM \
            and TO the same store (nothing is copied); 3 a store cannot be read or written.

            Examples:
              curate init --store postgresql://ann@db.internal/curate
              curate store copy .curate/store.sqlite postgresql://ann@db.internal/curate
              curate init --store /backups/store-2026-12-02.sqlite
              curate store copy .curate/store.sqlite /backups/store-2026-12-02.sqlite
            """
    )

    @Argument(help: ArgumentHelp("The store to copy: a path or a postgresql:// URL.", valueName: "from"))
    var from: String

    @Argument(help: ArgumentHelp("The new, empty store to copy into (made by 'curate init --store'): a path or a postgresql:// URL.", valueName: "to"))
    var to: String

    @Flag(help: "Print JSON (sorted keys: from, to, copied counts by kind, state of the copy) instead of text.")
    var json = false

    func run() throws {
        let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let summary = try StoreCopier.copy(from: StoreLocation(from, relativeTo: here), to: StoreLocation(to, relativeTo: here))
        if json {
            Terminal.writeJSON(JSONWriter.pretty(summary.jsonValue))
            return
        }
        let copied = summary.copied
        Terminal.write("""
            copied \(summary.source)
                to \(summary.target)
              \(summary.state.summary)
              ingests: \(copied.ingests), prompts: \(copied.prompts), provenance tuples: \(copied.tuples), \
            label counts per task and tuple: \(copied.tupleCounts)
              flags: \(copied.flags), retractions: \(copied.retractions) (\(copied.retractedLabels) labels), \
            stored batches: \(copied.storedBatches)

            """)
    }
}

extension StoreCopySummary {
    /// The JSON form `curate store copy --json` prints.
    var jsonValue: JSONValue {
        let counts: [(String, Int)] = [
            ("ingests", copied.ingests), ("prompts", copied.prompts), ("tuples", copied.tuples), ("labels", copied.labels),
            ("tuple_counts", copied.tupleCounts), ("flags", copied.flags), ("retractions", copied.retractions),
            ("retracted_labels", copied.retractedLabels), ("stored_batches", copied.storedBatches),
        ]
        return .object([
            ("from", .string(source.description)), ("to", .string(target.description)),
            ("copied", .object(counts.map { ($0.0, .number(String($0.1))) })), ("state", state.jsonValue),
        ])
    }
}
