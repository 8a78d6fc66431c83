import Synchronization

/// A literal that every match of a pattern contains, so that a text without it is known not
/// to match before the pattern is compiled: compiling a Swift `Regex` from a string costs
/// more than the whole probe of a loopback URL, and a check tries every hop signature's
/// patterns on the response (issue 11, start-up). Conservative: nil whenever unsure (an
/// alternation at the top level, an inline option, a character class holding `[`, a
/// non-ASCII literal); the literal is lowercased, for the case-insensitive patterns.
enum RegexPrefilter {
    /// The longest run of literal characters outside groups that no quantifier makes
    /// optional, at least 3 characters long.
    static func requiredLiteral(_ pattern: String) -> String? {
        let c = Array(pattern.unicodeScalars)
        var best: [Unicode.Scalar] = []
        var run: [Unicode.Scalar] = []
        var runEndsAtLastAtom = false  // the last atom seen is the run's last character
        var depth = 0
        var i = 0
        func endRun() {
            if run.count > best.count { best = run }
            run = []
            runEndsAtLastAtom = false
        }
        func skipClass() -> Bool {  // c[i] == "[": past its "]"; false when unsure
            var j = i + 1
            if j < c.count && c[j] == "^" { j += 1 }
            if j < c.count && c[j] == "]" { j += 1 }
            while j < c.count && c[j] != "]" {
                if c[j] == "[" { return false }
                j += c[j] == "\\" ? 2 : 1
            }
            guard j < c.count else { return false }
            i = j + 1
            return true
        }
        while i < c.count {
            let ch = c[i]
            if ch == "(" && i + 1 < c.count && c[i + 1] == "?" && !(i + 2 < c.count && c[i + 2] == ":") { return nil }
            if depth > 0 {
                switch ch {
                case "\\": i += 2
                case "[": guard skipClass() else { return nil }
                case "(":
                    depth += 1
                    i += 1
                case ")":
                    depth -= 1
                    i += 1
                default: i += 1
                }
                if depth == 0 { endRun() }
                continue
            }
            switch ch {
            case "|": return nil
            case "(":
                endRun()
                depth += 1
                i += 1
            case ")": return nil
            case "[":
                endRun()
                guard skipClass() else { return nil }
            case ".", "^", "$":
                endRun()
                i += 1
            case "?", "*":
                if runEndsAtLastAtom { run.removeLast() }
                endRun()
                i += 1
            case "+":
                endRun()
                i += 1
            case "{":
                var j = i + 1
                var digits = ""
                while j < c.count, c[j].properties.numericType != nil || c[j] == "," {
                    digits.unicodeScalars.append(c[j])
                    j += 1
                }
                guard j < c.count, c[j] == "}", let first = digits.split(separator: ",", omittingEmptySubsequences: false).first,
                    let min = Int(first)
                else { return nil }
                if min == 0 && runEndsAtLastAtom { run.removeLast() }
                endRun()
                i = j + 1
            case "\\":
                guard i + 1 < c.count else { return nil }
                let next = c[i + 1]
                if next.properties.isAlphabetic || next.properties.numericType != nil {
                    endRun()  // a class, an anchor, a back-reference or a control escape
                    i += 2
                    if i < c.count && c[i] == "{" {  // \x{..}, \u{..}, \p{..}
                        while i < c.count && c[i] != "}" { i += 1 }
                        i += 1
                    }
                } else {
                    run.append(next)
                    runEndsAtLastAtom = true
                    i += 2
                }
            default:
                run.append(ch)
                runEndsAtLastAtom = true
                i += 1
            }
        }
        endRun()
        guard best.count >= 3, best.allSatisfy(\.isASCII) else { return nil }
        var s = ""
        s.unicodeScalars.append(contentsOf: best)
        return s.lowercased()
    }

    /// False only when `text` cannot match `pattern` (`lowercasedText`: the text, lowercased).
    static func mayMatch(_ pattern: String, lowercasedText: String) -> Bool {
        guard
            let literal = literals.withLock({ cache in
                if let known = cache[pattern] { return known }
                let l = requiredLiteral(pattern)
                cache[pattern] = .some(l)
                return l
            })
        else { return true }
        return lowercasedText.contains(literal)
    }

    private static let literals = Mutex<[String: String?]>([:])
}
