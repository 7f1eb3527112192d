import ArgumentParser
import CurateKit
import Foundation

/// `curate init`: make a workspace in the current folder.
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Make a curate workspace in the current folder.",
        discussion: """
            Creates prompts/ (templates, prompts/NAME/VERSION.EXT), datasets/ (exports) and \
            .curate/store.sqlite, the label store, with a .gitignore that keeps it out of git. \
            Running it again completes a partial workspace and changes nothing else.

            With --store postgresql://USER@HOST:PORT/DB (or CURATE_STORE set to it), the store \
            is that PostgreSQL database, which must exist and hold no tables: init sets up the \
            store's schema in it, and every command given the same URL uses it.

            Exit codes: 0 made or complete already; 2 a store that is not curate's, or a \
            database holding other tables; 3 the store or the server failed.

            Examples:
              mkdir labels && cd labels && curate init
              CURATE_STORE=postgresql://ann@db.internal/curate curate init
            """
    )

    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let (workspace, created) = try Workspace.create(in: here, explicitStore: storeOptions.explicitStore)
        if created.isEmpty {
            Terminal.write("already a curate workspace: \(workspace.root?.path ?? here.path)\n")
        } else {
            Terminal.write("initialized a curate workspace in \(workspace.root?.path ?? here.path)\n")
            for path in created { Terminal.write("  created \(path)\n") }
        }
    }
}
