import ArgumentParser
import CurateKit

/// A word where a subcommand's name belongs that names none, as in `curate exprot` or
/// `curate help nosuch`: reported with the nearest name, like a misspelled option.
struct UnknownCommand {
    /// The command the word should have named a subcommand of, and those above it.
    let stack: [ParsableCommand.Type]
    /// The word as given.
    let word: String

    /// The first word of `path` that should name a subcommand and does not.
    ///
    /// `path` is the command line without the program name (or the words after `help`). Its
    /// words up to the first option each name a subcommand of the one before, while that one
    /// has subcommands; nil when they all do.
    static func find(in path: [String], root: ParsableCommand.Type) -> UnknownCommand? {
        var stack = [root]
        for word in path.prefix(while: { !$0.hasPrefix("-") }) {
            guard let command = stack.last, !command.configuration.subcommands.isEmpty else { return nil }
            guard let subcommand = command.configuration.subcommands.first(where: { names(of: $0).contains(word) }) else {
                return UnknownCommand(stack: stack, word: word)
            }
            stack.append(subcommand)
        }
        return nil
    }

    /// `unknown command 'WORD'; did you mean 'NAME'?`, or the names there are.
    var message: String {
        let path = stack.dropFirst().map { $0._commandName }
        let prefix = path.map { $0 + " " }.joined()
        let subcommands = stack.last?.configuration.subcommands ?? []
        let unknown = "unknown command '\(prefix)\(word)'"
        // argument-parser adds `help` to the root's subcommands.
        let names = subcommands.flatMap { Self.names(of: $0) } + (path.isEmpty ? ["help"] : [])
        if let near = NearMatch.suggestion(for: word, among: names) {
            return "\(unknown); did you mean '\(prefix)\(near)'?"
        }
        let commands = subcommands.map { $0._commandName }.joined(separator: ", ")
        return path.isEmpty ? "\(unknown); the commands are: \(commands)" : "\(unknown); the commands of 'curate \(prefix.dropLast())' are: \(commands)"
    }

    /// The usage of the command the word was given to, and where to read more.
    func usage(root: ParsableCommand.Type) -> String {
        let command = stack.last ?? root
        let names = stack.map { $0._commandName }.joined(separator: " ")
        return "Usage: \(root.usageString(for: command))\n  See '\(names) --help' for more information."
    }

    private static func names(of command: ParsableCommand.Type) -> [String] {
        [command._commandName] + command.configuration.aliases
    }
}
