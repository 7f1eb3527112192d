import ArgumentParser
import CurateKit
import Foundation

/// `curate prompts list`: every prompt text known from prompts/, the lock and the store.
struct PromptsList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List every prompt text known from prompts/, prompts.lock and the store.",
        discussion: """
            One line per text: NAME@VERSION#HASH12, its labels, first and last use (created_at), \
            and a status: locked; edited in place (the file differs from the lock); not yet \
            locked; earlier text (a text the version had before its current file); only in the \
            store (the file is gone); and "several hashes under one label" when a version label \
            has had more than one text. Labels whose prompt text is not known yet are counted \
            on a NAME@VERSION#unknown line. Works without a store (files and lock only).

            Exit codes: 0 listed; 2 bad input (a malformed lock) or usage error; 3 store failure.

            Examples:
              curate prompts
              curate prompts --json | jq '.[] | select(.several_hashes)'
            """
    )

    @Flag(help: "Print JSON (an array, sorted keys) instead of a table.")
    var json = false

    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let (root, store) = try storeOptions.promptsWorkspace()
        let folder = root.appendingPathComponent("prompts")
        let listings = PromptCatalog.listings(
            discovery: try PromptDiscovery.scan(folder),
            lock: try LockFile.read(promptsFolder: folder),
            usage: try store?.promptUsage() ?? []
        )
        let flags = try store.map { try Quarantine(store: $0).flags() } ?? []
        let flagged = listings.map { Quarantine.isFlagged($0.prompt, among: flags) }
        if json {
            Terminal.writeJSON(JSONWriter.pretty(.array(zip(listings, flagged).map { listing, isFlagged in
                guard case .object(var members) = listing.jsonValue else { return listing.jsonValue }
                members.append(("flagged", .bool(isFlagged)))
                return .object(members)
            })))
            return
        }
        // Times to the second where they fit, else dates, before the status is cut.
        let columns = Terminal.columns
        var table = Self.table(listings, flagged: flagged, DisplayForm.time)
        if table.naturalWidth > columns { table = Self.table(listings, flagged: flagged, DisplayForm.date) }
        Terminal.write(table.render(width: columns))
        let texts = listings.filter { $0.prompt.sha256 != nil }.count
        let versions = Set(listings.map(\.prompt.promptVersion)).count
        var summary = "\(texts) prompt text\(texts == 1 ? "" : "s") under \(versions) version label\(versions == 1 ? "" : "s")"
        if store == nil { summary += " (no store: files and lock only)" }
        Terminal.write(summary + "\n")
        if flagged.contains(true) { Terminal.write("* flagged: its labels are left out of exports (see curate flags)\n") }
    }

    /// One row per prompt text, its first and last use shown by `time`; a flagged prompt marked `*`.
    private static func table(_ listings: [PromptListing], flagged: [Bool], _ time: (Timestamp) -> String) -> TextTable {
        var table = TextTable(header: ["prompt", "labels", "first used", "last used", "status"], rightAligned: [1], flexible: [4: .end])
        for (row, isFlagged) in zip(listings, flagged) {
            table.append([
                row.prompt.shortForm + (isFlagged ? "*" : ""), String(row.labelCount), row.firstUsed.map(time) ?? "-", row.lastUsed.map(time) ?? "-", row.statusDescription,
            ])
        }
        return table
    }
}

extension PromptListing {
    /// The JSON form `curate prompts --json` prints.
    var jsonValue: JSONValue {
        let byStatus = labels.sorted { $0.key < $1.key }.map { ($0.key.rawValue, JSONValue.number(String($0.value))) }
        return .object([
            ("name", .string(prompt.name)),
            ("version", .string(prompt.version)),
            ("sha256", prompt.sha256.map(JSONValue.string) ?? .null),
            ("prompt", .string(prompt.shortForm)),
            ("status", .string(status.rawValue)),
            ("several_hashes", .bool(severalHashes)),
            ("in_lock", .bool(inLock)),
            ("file", file.map(JSONValue.string) ?? .null),
            ("labels", .number(String(labelCount))),
            ("labels_by_hash_status", .object(byStatus)),
            ("first_used", firstUsed.map { .string($0.rfc3339) } ?? .null),
            ("last_used", lastUsed.map { .string($0.rfc3339) } ?? .null),
        ])
    }
}
