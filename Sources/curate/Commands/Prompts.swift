import ArgumentParser

/// `curate prompts`: prompt versions, their hashes and the lock file.
struct Prompts: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List prompt versions with their hashes and labels; lock and check them.",
        discussion: """
            A prompt's identity is the SHA-256 of its template text (CRLF read as LF), shown as \
            NAME@VERSION#HASH12. Templates live in prompts/NAME/VERSION.EXT (any extension); \
            prompts/prompts.lock records the text each version label was released with.

            Without a subcommand, lists the prompts (same as 'curate prompts list').

            Examples:
              curate prompts
              curate prompts --json
              curate prompts lock
              curate prompts check
            """,
        subcommands: [PromptsList.self, PromptsLock.self, PromptsCheck.self, PromptsShow.self],
        defaultSubcommand: PromptsList.self
    )
}
