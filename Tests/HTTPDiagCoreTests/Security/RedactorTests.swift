import Foundation
import HTTPDiagLab
import HTTPDiagTestSupport
import Testing

@testable import HTTPDiagCore

@Suite("Redaction")
struct RedactorTests {
    @Test func bearerKeepsSchemeAndLength() {
        var r = Redactor()
        let token = String(repeating: "t", count: 812)
        r.learnHeader(name: "Authorization", value: "Bearer \(token)")
        #expect(r.headerValue(name: "Authorization", value: "Bearer \(token)") == "Bearer <redacted:812 chars>")
        #expect(r.scrub("echo \(token) back") == "echo <redacted:812 chars> back")
    }

    @Test func cookiesKeepNamesNotValues() {
        let r = Redactor()
        #expect(r.headerValue(name: "Cookie", value: "sid=abc123; theme=dark") == "sid=<redacted:6 chars>; theme=<redacted:4 chars>")
        #expect(r.headerValue(name: "Set-Cookie", value: "sid=abc123; Path=/; HttpOnly") == "sid=<redacted:6 chars>; Path=/; HttpOnly")
    }

    @Test func urlPasswordAndSecretQueryValues() {
        let r = Redactor()
        let url = "https://bob:hunter22@example.test/x?token=abc&page=2&X-Amz-Signature=deadbeef&key=k1"
        #expect(
            r.url(url)
                == "https://bob:<redacted:8 chars>@example.test/x?token=<redacted:3 chars>&page=2&X-Amz-Signature=<redacted:8 chars>&key=<redacted:2 chars>"
        )
    }

    @Test func jsonBodySecretsAreLearned() {
        var r = Redactor()
        r.learnBody(Array(#"{"user":"bob","password":"p4ssw0rd!","nested":{"client_secret":"cs-123456"}}"#.utf8))
        let scrubbed = r.scrub(#"{"user":"bob","password":"p4ssw0rd!","nested":{"client_secret":"cs-123456"}}"#)
        #expect(!scrubbed.contains("p4ssw0rd!"))
        #expect(!scrubbed.contains("cs-123456"))
        #expect(scrubbed.contains("bob"))
    }

    @Test func basicAuthFromUserFlag() {
        var r = Redactor()
        r.learnUserPassword("alice:wonderland")
        let b64 = Data("alice:wonderland".utf8).base64EncodedString()
        #expect(r.scrub("Basic \(b64)") == "Basic <redacted:\(b64.count) chars>")
        #expect(!r.scrub("pw=wonderland").contains("wonderland"))
    }

    @Test func secretHeaderNamesAreRecognised() {
        for name in ["Authorization", "Proxy-Authorization", "X-Api-Key", "X-Amz-Security-Token", "X-Auth-Token", "My-Session-Id"] {
            #expect(SecretNames.isSecretHeader(name), "\(name)")
        }
        for name in ["Content-Type", "X-Amz-Cf-Id", "WWW-Authenticate", "Server"] {
            #expect(!SecretNames.isSecretHeader(name), "\(name)")
        }
    }

    /// The whole chain end to end: secrets sent, echoed back, and absent from every output.
    @Test func secretsNeverReachTextOrJSON() throws {
        let server = try labServer(.echo)
        let secrets = [
            "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJlLXNlY3JldA", "cookie-secret-42",
            "apikey-secret-77", "url-pass-99", "query-token-55", "body-pass-11",
        ]
        let report = try check("http://user:\(secrets[3])@127.0.0.1:\(server.port)/echo?token=\(secrets[4])&page=1") {
            $0.headers = [
                "Authorization: Bearer \(secrets[0])", "Cookie: sid=\(secrets[1])", "X-Api-Key: \(secrets[2])",
                "Content-Type: application/json",
            ]
            $0.body = Array(#"{"password":"\#(secrets[5])"}"#.utf8)
        }
        let json = try JSONReport.render(report)
        let text = TextReport.render(report, style: Style(enabled: false))
        #expect(report.probes[0].response?.status == 200)
        #expect(report.probes[0].response?.bodySize ?? 0 > 100)  // the echo really carried them back
        for secret in secrets {
            #expect(!json.contains(secret), "leaked in JSON: \(secret)")
            #expect(!text.contains(secret), "leaked in text: \(secret)")
        }
        #expect(json.contains("Bearer <redacted:"))
    }

    // MARK: every predictable encoding of a known secret (issue 9 §5)

    static let secret = "abc/def+g=h&i<j\"k é€😀"

    static func redactor() -> Redactor {
        var r = Redactor()
        r.learnHeader(name: "X-Api-Key", value: secret)
        return r
    }

    @Test(
        arguments: [
            ("as is", "abc/def+g=h&i<j\"k é€😀"),
            ("JSON, slashes escaped", #"abc\/def+g=h&i<j\"k é€😀"#),
            ("JSON, ASCII only", #"abc\/def+g=h&i<j\"k \u00e9\u20ac\ud83d\ude00"#),
            ("JSON, \\u for everything", #"abc\u002Fdef\u002Bg\u003Dh\u0026i\u003Cj\u0022k\u0020\u00E9\u20AC\uD83D\uDE00"#),
            ("Go's HTML-safe JSON", #"abc/def+g=h\u0026i\u003cj\"k é€😀"#),
            ("JSON inside JSON", #"abc\\\/def+g=h&i<j\\\"k é€😀"#),
            ("JSON inside JSON, \\u", #"abc\\u002fdef+g=h&i<j\\\"k é€😀"#),
            ("percent, upper", "abc%2Fdef%2Bg%3Dh%26i%3Cj%22k%20%C3%A9%E2%82%AC%F0%9F%98%80"),
            ("percent, lower", "abc%2fdef%2bg%3dh%26i%3cj%22k%20%c3%a9%e2%82%ac%f0%9f%98%80"),
            ("form", "abc%2Fdef%2Bg%3Dh%26i%3Cj%22k+%C3%A9%E2%82%AC%F0%9F%98%80"),
            ("HTML decimal", "abc&#47;def&#43;g&#61;h&#38;i&#60;j&#34;k&#32;&#233;&#8364;&#128512;"),
            ("HTML hex, leading zeros", "abc&#x2f;def&#x2B;g&#x003D;h&#X26;i&#x3c;j&#x22;k é€😀"),
            ("HTML named", "abc&sol;def&plus;g&equals;h&amp;i&lt;j&quot;k é€😀"),
            ("HTML escaped twice", "abc&amp;#47;def+g=h&amp;amp;i&amp;lt;j&quot;k é€😀"),
            ("JavaScript \\x and \\u{}", #"abc\x2Fdef\x2bg=h&i\u{3C}j\"k \u{E9}\u{20AC}\u{1F600}"#),
            ("a mix of all", #"abc%2Fdef\u002bg&#61;h\u0026i&lt;j\"k+é%E2%82%AC\ud83d\ude00"#),
        ] as [(String, String)]
    )
    func everyEncodingOfASecretIsScrubbed(encoding: String, echoed: String) {
        let marker = Redactor.marker(Self.secret.count)
        #expect(Self.redactor().scrub("before \(echoed) after") == "before \(marker) after", "\(encoding)")
        #expect(Self.redactor().scrub(echoed + echoed) == marker + marker, "\(encoding), twice")
    }

    @Test func textThatDoesNotDecodeToASecretIsLeftAlone() {
        let r = Self.redactor()
        for text in [
            "abc/def+g=h&i<j\"k é€", "abc%2Fdef%2Bg%3Dh%26i%3Cj%22k%20%C3%A9%E2%82%AC%F0%9F%98",
            #"abc\/def+g=h&i<j\"k e€😀"#, "abc&#47def+g=h&i<j\"k é€😀", "ABC/def+g=h&i<j\"k é€😀",
            "%ZZ \\u12 &#; &nosuch; \\\\\\ %% &amp;&amp; +++",
        ] {
            #expect(r.scrub(text) == text, "\(text)")
        }
        // Whatever surrounds a match is kept byte for byte, escapes included.
        #expect(
            r.scrub(#"{"a":"\u00e9\/","b":"abc\/def+g=h&i<j\"k \u00e9\u20ac\ud83d\ude00"}"#)
                == #"{"a":"\u00e9\/","b":"\#(Redactor.marker(Self.secret.count))"}"#
        )
    }

    @Test func aLongerSecretWinsAndMarkersAreNotRescanned() {
        var r = Redactor()
        r.addSecret("short-secret")
        r.addSecret("short-secret-and-more")
        #expect(r.scrub("x short-secret-and-more y short%2Dsecret z") == "x <redacted:21 chars> y <redacted:12 chars> z")
        var m = Redactor()
        m.addSecret("redacted")  // a secret that the marker itself contains
        #expect(m.scrub("redacted") == "<redacted:8 chars>")
    }

    @Test func basicCredentialsFromTheURLAreLearned() {
        var r = Redactor()
        r.learnURL("http://erin:pw%2F9931%40x+y@example.test/")
        // libcurl sends Basic base64("erin:pw/9931@x+y"): percent-decoded, `+` kept.
        for userpwd in ["erin:pw/9931@x+y", "erin:pw%2F9931%40x+y"] {
            let b64 = Data(userpwd.utf8).base64EncodedString()
            #expect(r.scrub("Authorization: Basic \(b64)") == "Authorization: Basic \(Redactor.marker(b64.count))", "\(userpwd)")
            let unpadded = String(b64.prefix { $0 != "=" })
            #expect(!r.scrub("echo \(unpadded)!").contains(unpadded))
            let urlSafe = Base64.encodeURLSafe(Array(userpwd.utf8))
            #expect(!r.scrub("echo \(urlSafe)!").contains(urlSafe))
        }
        #expect(!r.scrub("pw/9931@x+y").contains("9931"))
    }

    /// An error message about a `-H` argument never quotes a secret header's value.
    @Test(
        arguments: [
            ("Authorization: Bearer tok-123456789\n", "Authorization: Bearer <redacted:13 chars>"),
            ("X-Api-Key: key-123456789\r\nX-Injected: 1", "X-Api-Key: <redacted:27 chars>"),  // CRLF is one Character
            ("X-Api-Key : key-123456789", "X-Api-Key : <redacted:13 chars>"),
            ("Authorization Bearer tok-123456789", "Authorization Bearer <redacted:13 chars>"),
            ("X-A\nAuthorization: Bearer tok-123456789", "X-A\nAuthorization: Bearer <redacted:13 chars>"),
            ("Cookie: sid=abc123; theme=dark\n", "Cookie: sid=<redacted:6 chars>; theme=<redacted:5 chars>"),
            ("X-Trace: abc\n", "X-Trace: abc\n"),
            ("X-Trace: 0123456789012345678901234567890123456789", "X-Trace: 0123456789012345678901234567890"),
        ] as [(String, String)]
    )
    func headerArgumentsInErrorsNeverQuoteASecretValue(argument: String, shown: String) {
        #expect(Redactor.quotableHeaderArgument(argument, limit: 40) == shown)
    }

    /// Scrubbing stays linear on text made of nothing but escape introducers.
    @Test func scrubbingHostileTextIsFast() {
        var r = Redactor()
        for i in 0..<200 { r.addSecret("secret-\(i)-/+&<\"\\") }
        let text = String(repeating: #"\\\\\%25%2&amp;&#47;+\u002"#, count: 2_700)  // ~64 KiB
        let start = MonotonicClock.now()
        _ = r.scrub(text)
        #expect(MonotonicClock.millisecondsSince(start) < 2_000)
    }
}
