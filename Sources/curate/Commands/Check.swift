import ArgumentParser
import CurateKit

/// `curate check`: look for damage in the store.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the store for damage.",
        discussion: """
            Runs SQLite's integrity check on a SQLite store file; recomputes every label's content \
            hash (SHA-256 of its canonical content, the hash ingest gave it) from the values \
            stored and compares it with the hash stored with the label, so a label changed in \
            any byte is found; reads every provenance tuple; and compares the label count and \
            first/last created_at kept per task and tuple (what stats, prompts and export \
            read) with the labels themselves. It reads one snapshot, so an ingest running \
            meanwhile is not seen half done, and it changes nothing.

            Each problem is printed on standard output, naming the label (id and seq), the \
            table, row and column, or the tuple.

            Exit codes: 0 no problem found; 1 the store is damaged (each problem listed); \
            2 no store there, or a usage error; 3 the store cannot be opened (an empty or \
            unreadable file).

            Examples:
              curate check
              curate check --store /backups/store.sqlite && \\
                  cp /backups/store.sqlite .curate/
              curate check --json | jq '.problems[].message'

            On a PostgreSQL store every check but SQLite's integrity check runs (the server \
            keeps its own files whole); checked.pages is then null.
            """
    )

    @Flag(help: "Print JSON (sorted keys: ok, path, checked counts, problem_count, problems) instead of text.")
    var json = false

    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let report = try storeOptions.openStore().store.check()
        if json {
            Terminal.writeJSON(JSONWriter.pretty(report.jsonValue))
        } else if report.isOK {
            let integrity = report.pages.map { "  integrity check: ok (\($0) pages)\n" } ?? ""
            Terminal.write("ok: \(report.path)\n" + integrity + """
                  labels: \(report.labels), every content hash matches
                  tuples: \(report.tuples), all well formed
                  label counts per task and tuple: \(report.tupleCounts), all match the labels

                """)
        } else {
            for problem in report.problems { Terminal.write("\(problem)\n") }
            let unlisted = report.problemCount - report.problems.count
            if unlisted > 0 { Terminal.write("… and \(unlisted) more\n") }
        }
        guard report.isOK else {
            Terminal.writeError("""
                the store \(report.path) is damaged: \(report.problemCount) problem\(report.problemCount == 1 ? "" : "s") \
                (\(report.labels) labels checked); restore the store from a backup, or make a new one with \
                'curate init --store PATH' and ingest the original label files into it
                """)
            throw ExitCode(1)
        }
    }
}

extension StoreCheckReport {
    /// The JSON form `curate check --json` prints.
    var jsonValue: JSONValue {
        .object([
            ("ok", .bool(isOK)),
            ("path", .string(path)),
            ("checked", .object([
                ("pages", pages.map { .number(String($0)) } ?? .null), ("labels", .number(String(labels))),
                ("tuples", .number(String(tuples))), ("tuple_counts", .number(String(tupleCounts))),
            ])),
            ("problem_count", .number(String(problemCount))),
            ("problems", .array(problems.map(\.jsonValue))),
        ])
    }
}

extension StoreCheckReport.Problem {
    /// One problem as JSON: its kind, its fields, and the message the text form prints.
    var jsonValue: JSONValue {
        let members: [(key: String, value: JSONValue)]
        switch self {
        case .integrity(let line):
            members = [("kind", .string("integrity")), ("line", .string(line))]
        case .contentChanged(let labelID, let seq):
            members = [("kind", .string("content_changed")), ("label_id", .string(labelID)), ("seq", .number(String(seq)))]
        case .badValue(let table, let row, let column, let value):
            members = [("kind", .string("bad_value")), ("table", .string(table)), ("row", .string(row)), ("column", .string(column)), ("value", .string(value))]
        case .unverifiable(let tupleID, let labels):
            members = [("kind", .string("unverifiable")), ("tuple_id", .number(String(tupleID))), ("labels", .number(String(labels)))]
        case .tupleCounts(let task, let tupleID, let stored, let labels):
            members = [
                ("kind", .string("tuple_counts")), ("task", .string(task)), ("tuple_id", .number(String(tupleID))),
                ("stored", stored.map(\.jsonValue) ?? .null), ("found", labels.map(\.jsonValue) ?? .null),
            ]
        case .idKey(let key, let seq, let reason):
            members = [("kind", .string("id_key")), ("id_key", .number(String(key))), ("seq", .number(String(seq))), ("reason", .string(reason))]
        case .unreadable(let part, let message):
            members = [("kind", .string("unreadable")), ("part", .string(part)), ("sqlite_message", .string(message))]
        }
        return .object(members + [("message", .string(description))])
    }
}

extension StoreCheckReport.TupleSpan {
    /// `{"labels","first_created_at","last_created_at"}`.
    var jsonValue: JSONValue {
        .object([
            ("labels", .number(String(labels))),
            ("first_created_at", .string(first.rfc3339)), ("last_created_at", .string(last.rfc3339)),
        ])
    }
}
