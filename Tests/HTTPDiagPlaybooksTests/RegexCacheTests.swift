import Dispatch
import Foundation
import HTTPDiagTestSupport
import Testing

@testable import HTTPDiagPlaybooks

@Suite("Regex cache")
struct RegexCacheTests {
    /// Past its limit a thread's cache starts again instead of growing without end.
    @Test func isBounded() {
        for i in 0..<(RegexCache.limit + 50) { _ = RegexCache.matches("pattern-\(i)-[0-9]+", "pattern-\(i)-42") }
        #expect(RegexCache.cachedOnThisThread <= RegexCache.limit)
        #expect(RegexCache.matches("^still (works)$", "STILL WORKS"))
    }

    /// Threads match at the same time, each with its own compiled copy, and agree.
    @Test func concurrentMatchesAgree() {
        let patterns = ["^nginx", "upstream (timed out|connect error)", "<Code>(NoSuchKey|AccessDenied)</Code>", "(", "\\d{3}"]
        let texts = ["nginx/1.22.1", "upstream timed out", "<Error><Code>NoSuchKey</Code></Error>", "nothing", "503"]
        let expected = patterns.map { p in texts.map { RegexCache.matches(p, $0) } }
        final class Box: @unchecked Sendable {
            var disagreements = 0
            let lock = NSLock()
        }
        let box = Box()
        DispatchQueue.concurrentPerform(iterations: 16) { _ in
            for _ in 0..<50 {
                let got = patterns.map { p in texts.map { RegexCache.matches(p, $0) } }
                if got != expected { box.lock.withLock { box.disagreements += 1 } }
            }
        }
        #expect(box.disagreements == 0)
        #expect(expected[3] == [false, false, false, false, false], "an invalid pattern never matches")
        #expect(expected[0][0] && expected[1][1] && expected[2][2] && expected[4][4])
    }

    /// The literal prefilter: per top-level branch the longest run every match contains;
    /// nothing when a construct is not understood or a branch has no literal.
    @Test func requiredLiterals() {
        func literals(_ p: String) -> [String]? { RequiredLiterals.of(p).map { $0.map { String(decoding: $0, as: UTF8.self) } } }
        #expect(literals("<Code>AccessDenied</Code>") == ["<code>accessdenied</code>"])
        #expect(literals("upstream (timed out|connect error) while") == ["upstream "])
        #expect(literals("CSRF token (missing|mismatch)|Page Expired") == ["csrf token ", "page expired"])
        #expect(literals("^https://cognito-idp\\.[a-z0-9-]+\\.amazonaws\\.com") == ["https://cognito-idp."])
        #expect(literals("colou?r scheme") == ["r scheme"])
        #expect(literals("abcx*yz") == ["abc"])
        #expect(literals("ab+") == ["ab"])
        #expect(literals("a\\.?bc") == ["bc"])
        #expect(literals("foo|") == nil, "a branch without a literal")
        #expect(literals("(?x)a b c") == nil, "extended mode changes what a literal is")
        #expect(literals("(?i)abc") == ["abc"], "matching ignores case anyway")
        #expect(literals("(?i:abc)|(?s:defg)") == ["abc", "defg"])
        // A group that must match: its alternatives, when each has a literal.
        #expect(
            literals("^(SSH-[12]\\.[0-9]+-|220[ -][^\\n]*(SMTP|ESMTP|FTP)|\\* OK [^\\n]*IMAP|\\+OK |RFB [0-9]{3})")
                == ["ssh-", "220", "* ok ", "+ok ", "rfb "]
        )
        #expect(literals("\"fault\":\\s*\\{\\s*\"faultstring\":\\s*\"(?:[^\"\\\\]|\\\\.)*\"") == ["\"faultstring\":"])
        #expect(literals("(?<code>NoSuchKey|AccessDenied)</Code>") == ["nosuchkey", "accessdenied"])
        #expect(literals("x(ab|c)") == ["x"], "the longer requirement wins")
        #expect(literals("(abc|de)?x") == ["x"], "an optional group is not required")
        #expect(literals("(abc|)x") == ["x"], "nor one with an empty alternative")
        #expect(literals("(?=abc)") == nil, "a lookaround's text is not taken")
        #expect(literals("(?!abc)def") == ["def"])
        #expect(literals("^no available server\\n?$") == ["no available server"])
        #expect(literals("a\\r\\nb") == ["a"], "a CRLF is one character to the regex")
        #expect(literals("(abc") == nil && literals("abc)") == nil && literals("(?<name") == nil)
        #expect(literals("\\p{L}abc") == nil)
        #expect(literals("\\Qa.b\\E") == nil)
        #expect(literals("[a[bc]]xyz") == nil)
        #expect(literals("\\d{3}") == nil)
        #expect(literals("^([^,]*,){30,}") == nil)
        #expect(literals("ab{2,3}cd[a-z]{0,3}") == ["cd"])
    }

    /// The prefilter never hides a match: every `matches:` pattern of the playbooks (and of
    /// the hop signatures) gives
    /// the regex's own answer on every recorded response of the corpora, and on texts
    /// whose case or non-ASCII letters differ from the pattern's.
    @Test func prefilterKeepsEveryMatch() throws {
        let library = try PlaybookLoader.loadLibrary(directories: [playbookDirectory])
        var patterns: Set<String> = []
        func collect(_ c: Condition) {
            switch c {
            case .header(_, let t), .requestHeader(_, let t), .body(let t), .field(_, let t), .summary(_, let t):
                if let m = t.matches { patterns.insert(m) }
            case .all(let cs), .any(let cs): cs.forEach(collect)
            case .not(let inner): collect(inner)
            default: break
            }
        }
        for p in library.playbooks { (p.when + p.support + p.against).forEach(collect) }
        // Hop signatures and upstream reasons match through the same cache.
        for hop in library.hops {
            for signal in hop.signals + hop.generatedSignals + hop.upstreamReasons.map(\.signal) {
                switch signal {
                case .header(_, let p) where !p.isEmpty: patterns.insert(p)
                case .bodyMatches(let p), .cname(let p): patterns.insert(p)
                default: break
                }
            }
        }
        for reason in UpstreamReasonText.table { patterns.insert(reason.pattern) }
        var texts = ["", "ACCESSDENIED", "<code>accessdenied</code>", "\u{212A}", "Page Expıred", "page expired"]
        for dir in ["corpus", "corpus-heldback"] {
            let path = playbookDirectory + "/" + dir
            for file in try FileManager.default.contentsOfDirectory(atPath: path) where file.hasSuffix(".http") {
                texts.append(try String(contentsOfFile: path + "/" + file, encoding: .utf8))
            }
        }
        #expect(patterns.count > 150 && texts.count > 200)
        var matched = 0
        for p in patterns {
            guard let regex = try? Regex(p).ignoresCase() else { continue }
            for text in texts {
                let expected = (try? regex.firstMatch(in: text)).flatMap { $0 }.map { String(text[$0.range]) }
                #expect(RegexCache.firstMatch(p, text) == expected, "\(p)")
                if expected != nil { matched += 1 }
            }
        }
        #expect(matched > 100)
    }
}
