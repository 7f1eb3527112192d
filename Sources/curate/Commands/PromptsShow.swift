import ArgumentParser
import CurateKit
import Foundation

/// `curate prompts show NAME@VERSION[#HASH]`: the exact text of one prompt.
struct PromptsShow: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print the text of a prompt version, exactly, to standard output.",
        discussion: """
            NAME@VERSION prints the version's current locked text (prompts/prompts.lock), or its \
            template file's when it is not locked; NAME@VERSION#HASH (7 or more hex digits) any \
            text the lock, the templates or the store know for it. The text comes from the \
            template file whose hash matches, else from the store (a record that carried it), \
            else from the template's git history. It is printed with CRLF read as LF and nothing \
            else, so its SHA-256 is the prompt's hash and the output can be saved as a file. \
            Works without a store (files, lock and git only).

            Exit codes: 0 printed; 2 unknown or ambiguous prompt (the candidates are listed), its \
            text found nowhere, or usage error; 3 store or git failure.

            Examples:
              curate prompts show sentiment@v3 > v3.txt
              curate prompts show sentiment@v3#791c662
              curate prompts show sentiment@v2 --json | jq -r .source
            """
    )

    @Argument(help: ArgumentHelp("The prompt: NAME@VERSION or NAME@VERSION#HASH.", valueName: "prompt"))
    var prompt: String

    @Flag(help: "Print JSON ({name, version, sha256, source, text}, sorted keys) instead of the bare text.")
    var json = false

    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let (root, store) = try storeOptions.promptsWorkspace()
        let found = try PromptTextFinder(workspaceFolder: root, store: store).text(of: prompt)
        guard json else {
            // The exact text, unescaped: escaping would change it and its hash.
            let output = StandardOutput()
            output.write(Array(found.prompt.text.utf8))
            output.flush()
            return
        }
        let target = found.prompt
        Terminal.writeJSON(JSONWriter.pretty(.object([
            ("name", .string(target.name)), ("version", .string(target.version)), ("sha256", .string(target.sha256)),
            ("source", .string(found.source.kind)), ("text", .string(target.text)),
        ])))
    }
}
