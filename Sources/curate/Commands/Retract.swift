import ArgumentParser
import CurateKit

/// `curate retract KIND SELECTOR --reason TEXT`: take labels out of every export for good.
struct Retract: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Take the labels of a record, a run or an ingest out of every export for good, with a reason.",
        discussion: """
            A retracted label is as if it were not stored: no export has it (--include-flagged \
            neither), audit does not count it, and stale lists an input left with no other label \
            (why: retracted) so it can be labeled again. Nothing is deleted: the labels stay in \
            the store, 'curate show ID' says when and why each was retracted, 'curate check' still \
            checks them, and the retraction is kept in a journal ('curate retractions') with its \
            reason and time. Each manifest lists the retractions that took labels out of its \
            selection, and 'curate stats' counts the retracted labels of each provenance tuple.

            SELECTOR, by kind:
              record  a record id (the "id" of an exported row), or a prefix of at least 8 \
            characters that starts exactly one.
              run     a run id.
              ingest  the number 'curate ingest' printed (logged as ingest N): every label it stored.
            A retraction takes the labels its selector names when it is made; retracting the same \
            thing again takes only those stored since, and changes nothing when there are none. \
            There is no undo: to keep labels out for a while, flag them ('curate flag') instead.

            Exit codes: 0 retracted (or retracted already); 2 a selector that names no label (the \
            runs most like it are listed), or usage error; nothing is changed then; 3 store failure.

            Examples:
              curate retract run run-20260704-sentiment \\
                  --reason "outputs truncated by a rate limit"
              curate retract record req-00a1b2c3 --reason "input holds personal data"
              curate retract ingest 12 --reason "wrong file ingested"
            """
    )

    @Argument(help: ArgumentHelp("What to retract: record, run or ingest.", valueName: "kind"))
    var kind: RetractionKind

    @Argument(help: ArgumentHelp("Which one: a record id (or 8+ characters of it), a run id, an ingest number.", valueName: "selector"))
    var selector: String

    @Option(help: ArgumentHelp("Why the labels are retracted; kept in the journal for good.", valueName: "text"))
    var reason: String

    @Flag(help: "Print JSON: {retraction:{id, kind, target, reason, created_at}|null, retracted, already_retracted, earlier_retractions}.")
    var json = false

    @OptionGroup var storeOptions: StoreOptions

    func validate() throws {
        if reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw ValidationError("--reason must say why; it is kept with the retraction for good.")
        }
    }

    func run() throws {
        let store = try storeOptions.openStore().store
        let outcome = try Retractor(store: store).retract(kind: kind, selector: selector, reason: reason, at: CommandClock.now())
        if json {
            Terminal.writeJSON(JSONWriter.pretty(.object([
                ("retraction", outcome.retraction?.jsonValue ?? .null), ("retracted", .number(String(outcome.retracted))),
                ("already_retracted", .number(String(outcome.alreadyRetracted))),
                ("earlier_retractions", .array(outcome.earlierRetractions.map { .number(String($0)) })),
            ])))
            return
        }
        let earlier = outcome.earlierRetractions.map(String.init).joined(separator: ", ")
        let already = "\(outcome.alreadyRetracted == 1 ? "was" : "were") retracted already, "
            + "by retraction\(outcome.earlierRetractions.count == 1 ? "" : "s") \(earlier)"
        guard let retraction = outcome.retraction else {
            let labels = outcome.alreadyRetracted == 1 ? "the label" : "the \(outcome.alreadyRetracted) labels"
            Terminal.write("nothing new to retract: \(labels) of \(kind.rawValue) \(selector) \(already)\n")
            return
        }
        var text = "retracted \(Self.count(outcome.retracted, "")) of \(retraction.kind.rawValue) \(retraction.target) "
            + "as retraction \(retraction.id): \(retraction.reason)\n"
        if outcome.alreadyRetracted > 0 {
            text += "\(Self.count(outcome.alreadyRetracted, "more ")) \(already)\n"
        }
        Terminal.write(text)
    }

    /// `1 label`, `2 more labels`.
    private static func count(_ labels: Int, _ qualifier: String) -> String {
        "\(labels) \(qualifier)label\(labels == 1 ? "" : "s")"
    }
}
