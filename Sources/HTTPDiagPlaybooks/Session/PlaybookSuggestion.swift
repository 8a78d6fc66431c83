import HTTPDiagCore

/// "Did you mean" for a playbook id: the closest id by edit distance, else the one id that
/// shares the most words with it (`cloudfront_s3_oai` → `cloudfront_s3_origin_access_denied`:
/// two words of the id, and "OAI" in its title).
public enum PlaybookSuggestion {
    /// The best candidate (none when nothing is close, or several are as close).
    public static func closest(_ word: String, in playbooks: [Playbook]) -> [String] {
        if let near = Suggest.closest(word, in: playbooks.map(\.id)) { return [near] }
        let words = Set(tokens(word))
        guard !words.isEmpty else { return [] }
        let scored = playbooks.map { p -> (String, Int) in
            let idWords = Set(tokens(p.id))
            let titleWords = Set(tokens(p.title))
            var score = 0
            for w in words {
                if idWords.contains(w) || (w.count >= 4 && idWords.contains { Suggest.distance(w, $0) <= 1 }) {
                    score += 2
                } else if titleWords.contains(w) || (w.count >= 4 && idWords.contains { $0.hasPrefix(w) }) {
                    score += 1
                }
            }
            return (p.id, score)
        }
        // One clear winner only: a tie is a guess.
        guard let best = scored.map(\.1).max(), best >= 2, scored.filter({ $0.1 == best }).count == 1 else { return [] }
        return scored.filter { $0.1 == best }.map(\.0)
    }

    /// ` (did you mean 'x'?)`, ` (did you mean 'x' or 'y'?)` or empty.
    public static func hint(_ word: String, in playbooks: [Playbook]) -> String {
        let ids = closest(word, in: playbooks)
        guard !ids.isEmpty else { return "" }
        return " (did you mean " + ids.map { "'\($0)'" }.joined(separator: " or ") + "?)"
    }

    /// Lowercased words: split on anything not a letter or digit.
    static func tokens(_ text: String) -> [String] {
        text.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init)
    }
}
