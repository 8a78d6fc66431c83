import Foundation
import HTTPDiagCore
import HTTPDiagTestSupport
import Testing

@testable import HTTPDiagPlaybooks

/// The literal a pattern's every match contains (the fingerprinter skips compiling patterns
/// whose literal is not in the text): never wrong, so never a hop missed.
@Suite("Regex prefilter")
struct RegexPrefilterTests {
    @Test(
        arguments: [
            (#"<Error>\s*<Code>(NoSuchKey|AccessDenied)</Code>"#, "<error>"),
            (#"\.cloudfront\.net\.?$"#, ".cloudfront.net"),
            (#"^no available server\n?$"#, "no available server"),
            (#""kind":\s*"Status",\s*"apiVersion":\s*"v1""#, "\"apiversion\":"),
            ("abcd?", "abc"),
            ("abc{0,2}x", "ab"),
            ("ab(cd|ef)gh", nil),
            ("x(?i)abcdef", nil),
            ("abc|defgh", nil),
            ("[[:alpha:]]abcdef", nil),
            (#"[^"]*"(INVALID)"#, "\""),
            (#"\d\d\d"#, nil),
        ] as [(String, String?)]
    )
    func requiredLiteral(pattern: String, literal: String?) {
        let expected = literal.flatMap { $0.count >= 3 ? $0 : nil }
        #expect(RegexPrefilter.requiredLiteral(pattern) == expected, "\(pattern)")
    }

    /// Every pattern of the built-in hop signatures and playbooks, on every recorded
    /// response of the corpus: where the regex matches, the prefilter lets it through.
    @Test func neverRejectsARealMatch() throws {
        var patterns: [String] = []
        for hop in BuiltinPlaybooks.hops {
            for signal in hop.signals + hop.generatedSignals + hop.upstreamReasons.map(\.signal) {
                switch signal {
                case .header(_, let p), .bodyMatches(let p), .cname(let p): if !p.isEmpty { patterns.append(p) }
                case .bodyContains: break
                }
            }
        }
        var texts: [String] = []
        for dir in ["corpus", "corpus-heldback"] {
            let path = playbookDirectory + "/" + dir
            for name in try FileManager.default.contentsOfDirectory(atPath: path).sorted() {
                texts.append(try String(contentsOfFile: path + "/" + name, encoding: .utf8))
            }
        }
        #expect(texts.count > 50)
        var filtered = 0
        var matched = 0
        for p in patterns {
            for text in texts {
                let may = RegexPrefilter.mayMatch(p, lowercasedText: text.lowercased())
                if !may { filtered += 1 }
                // Lines too: header patterns anchor on a value.
                for line in text.split(separator: "\n").map(String.init) + [text] where RegexCache.matches(p, line) {
                    matched += 1
                    #expect(RegexPrefilter.mayMatch(p, lowercasedText: line.lowercased()), "\(p) matches but was filtered: \(line.prefix(120))")
                }
            }
        }
        #expect(matched > 0 && filtered > 0)
    }
}
