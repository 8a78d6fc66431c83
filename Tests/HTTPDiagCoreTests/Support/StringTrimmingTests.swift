import Testing

@testable import HTTPDiagCore

/// The byte fast paths of the trimming helpers give what trimming Character by Character gives.
@Suite("String trimming")
struct StringTrimmingTests {
    /// The Character-by-Character definitions, as they were.
    static func byCharacter(_ text: String) -> String {
        var s = Substring(text)
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" || l.isNewline { s = s.dropLast() }
        return String(s)
    }

    static func newlineByCharacter(_ text: String) -> String {
        var s = Substring(text)
        while let last = s.last, last.isNewline { s = s.dropLast() }
        return String(s)
    }

    static let samples = [
        "", " ", "\t", "abc", "  abc  ", "\tabc\r\n", "abc\r\n\r\n", " \u{301}abc ", "abc \u{301}", "abc \u{301}\n",
        "é ", " é", "abc\u{2028}", "abc\u{85} ", "\r\n", "a\u{301}\n", "\n\u{301}", " \r\n ", "x\u{0B}\u{0C}", "\u{301}",
    ]

    @Test(arguments: samples)
    func trimmedSpacesMatchesTheCharacterRules(text: String) {
        #expect(text.trimmedSpaces() == Self.byCharacter(text))
    }

    @Test(arguments: samples)
    func trimmingTrailingNewlineMatchesTheCharacterRules(text: String) {
        #expect(text.trimmingTrailingNewline() == Self.newlineByCharacter(text))
    }
}
