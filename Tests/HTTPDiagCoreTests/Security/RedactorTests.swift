import Foundation
import Testing
@testable import HTTPDiagCore
import HTTPDiagLab

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
        #expect(r.url(url) == "https://bob:<redacted:8 chars>@example.test/x?token=<redacted:3 chars>&page=2&X-Amz-Signature=<redacted:8 chars>&key=<redacted:2 chars>")
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
        let secrets = ["eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJlLXNlY3JldA", "cookie-secret-42",
                       "apikey-secret-77", "url-pass-99", "query-token-55", "body-pass-11"]
        let report = try check("http://user:\(secrets[3])@127.0.0.1:\(server.port)/echo?token=\(secrets[4])&page=1") {
            $0.headers = ["Authorization: Bearer \(secrets[0])", "Cookie: sid=\(secrets[1])", "X-Api-Key: \(secrets[2])",
                          "Content-Type: application/json"]
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
}
