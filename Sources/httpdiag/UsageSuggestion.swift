import ArgumentParser
import HTTPDiagCore
import HTTPDiagPlaybooks

/// "Did you mean" for the command line: an unknown subcommand gets the closest one
/// (`chek` → `check`), an invalid value of a closed set the closest valid value after the
/// list of them (`--format jsno`).
enum UsageSuggestion {
    /// The error for an unknown subcommand in `arguments` (argv without the program) that
    /// has a suggestion, if any: after a failed parse, where the parser only says
    /// "unexpected argument".
    static func unknownSubcommand(_ arguments: [String], root: any ParsableCommand.Type) -> String? {
        var subcommands: [any ParsableCommand.Type] = root.configuration.subcommands
        var path = [root._commandName]
        for word in arguments {
            guard !subcommands.isEmpty, !word.hasPrefix("-"), word != "help" else { return nil }
            var next: (any ParsableCommand.Type)?
            var visible: [String] = []
            for sub in subcommands {
                let configuration = sub.configuration
                if sub._commandName == word || configuration.aliases.contains(word) { next = sub }
                if configuration.shouldDisplay { visible.append(sub._commandName) }
            }
            if let next {
                subcommands = next.configuration.subcommands
                path.append(word)
                continue
            }
            let hint =
                word.contains("://")
                ? " (did you mean '\(path.joined(separator: " ")) check \(word)'?)"
                : Suggest.closest(word, in: visible).map { " (did you mean '\($0)'?)" }
            // Without a suggestion the parser's own message stands.
            guard let hint else { return nil }
            return "unknown command '\(word)'\(hint); \(path.joined(separator: " ")) has \(visible.joined(separator: ", "))"
        }
        return nil
    }

    /// The parser's one-line message, with the closest valid value when it is about an
    /// invalid value of a closed set ("... Please provide one of 'text', 'json' or 'markdown'.").
    static func improve(_ message: String) -> String {
        guard let value = message.firstMatch(of: /^The value '([^']*)' is invalid/)?.1,
            let list = message.firstMatch(of: /Please provide one of (.*)\.$/)?.1
        else { return message }
        let valid = list.matches(of: /'([^']*)'/).map { String($0.1) }
        guard let near = Suggest.closest(String(value), in: valid) else { return message }
        return message + " Did you mean '\(near)'?"
    }
}

/// The closed sets of values the parser lists when a value is not one of them.
extension CheckCommand.OutputFormat {
    static var allValueStrings: [String] { CheckSession.Format.allCases.map(\.rawValue) }
}

extension RunCommand.Format {
    static var allValueStrings: [String] { ["text", "json"] }
}
