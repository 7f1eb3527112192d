import ArgumentParser

/// `curate store`: work on a store as a whole.
struct StoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Work on a store as a whole: copy it to another backend.",
        discussion: """
            A store is a SQLite file (the workspace's .curate/store.sqlite by default) or a \
            PostgreSQL database named by a postgresql:// URL; every command works the same on both.

            Example:
              curate store copy .curate/store.sqlite postgresql://ann@db.internal/curate
            """,
        subcommands: [StoreCopy.self]
    )
}
