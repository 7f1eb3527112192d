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

            Example:
              mkdir labels && cd labels && curate init
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
