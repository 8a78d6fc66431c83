import Foundation
import HTTPDiagLab
import HTTPDiagTestSupport
import Synchronization
import Testing

@testable import HTTPDiagCore

/// Credentials stay with the origin that was given them: every header the redactor
/// classes as secret, and `-u`, is dropped on a redirect to another host or from https
/// to http (issue 9 §1). Checked against a server that records what it received.
@Suite("Credentials on redirects")
struct RedirectCredentialTests {
    /// Headers the redactor classes as secret (exact names and name fragments), and two that are not.
    static let secretHeaders = [
        "Authorization: Bearer redirect-bearer-1111", "Cookie: sid=redirect-cookie-2222", "X-Api-Key: redirect-apikey-3333",
        "X-Auth-Token: redirect-authtoken-4444", "Private-Token: redirect-private-5555", "X-Amz-Security-Token: redirect-amz-6666",
        "Ocp-Apim-Subscription-Key: redirect-ocp-7777", "X-Session-Id: redirect-session-8888", "X-Client-Secret: redirect-secret-9999",
    ]
    static let plainHeaders = ["X-Trace: keep-me", "Accept: text/plain"]

    /// What one server received, per request.
    final class Recorder: Sendable {
        let requests = Mutex<[LabRequest]>([])
        func record(_ r: LabRequest) { requests.withLock { $0.append(r) } }
        var names: [String] { requests.withLock { $0.flatMap { $0.headers.map { $0.name.lowercased() } } } }
        var values: [String] { requests.withLock { $0.flatMap { $0.headers.map(\.value) } } }
    }

    @Test func everySecretHeaderIsDroppedOnACrossHostRedirect() throws {
        for header in Self.secretHeaders {
            let name = String(header.split(separator: ":")[0])
            #expect(SecretNames.isSecretHeader(name), "\(name) is not a secret for the redactor: the test is vacuous")
        }
        let landed = Recorder()
        let origin = Recorder()
        let other = try LabServer(host: "127.0.0.2") { _ in
            .custom { r in
                landed.record(r)
                return .text(200, "landed")
            }
        }
        let first = try LabServer { _ in
            .custom { r in
                origin.record(r)
                return .redirect("http://127.0.0.2:\(other.port)/landing")
            }
        }
        let probe = try check(first.baseURL + "/start") {
            $0.headers = Self.secretHeaders + Self.plainHeaders
            $0.userpwd = "alice:redirect-userpwd-0000"
        }.probes[0]
        #expect(probe.response?.status == 200)
        #expect(probe.redirects.count == 1)
        // The origin got everything (the test is not vacuous) ...
        #expect(origin.names.contains("x-api-key") && origin.names.contains("x-auth-token"))
        // ... the other host none of the secrets, and the rest unchanged.
        let leaked = landed.names.filter { SecretNames.isSecretHeader($0) }
        #expect(leaked.isEmpty, "forwarded to another host: \(leaked)")
        #expect(!landed.values.contains { $0.contains("redirect-") }, "\(landed.values)")
        #expect(landed.values.contains("keep-me"))
        #expect(landed.names.contains("accept"))
    }

    @Test func secretsStayOnARedirectToTheSameHost() throws {
        let seen = Recorder()
        let server = try LabServer { r in
            r.path == "/start"
                ? .redirect("/landing")
                : .custom { r in
                    seen.record(r)
                    return .text(200, "ok")
                }
        }
        let probe = try check(server.baseURL + "/start") { $0.headers = Self.secretHeaders }.probes[0]
        #expect(probe.response?.status == 200)
        #expect(seen.names.contains("x-api-key") && seen.names.contains("x-auth-token") && seen.names.contains("authorization"))
    }

    /// An https origin that redirects to plain http on the same host: the secrets must not
    /// travel in clear text.
    @Test func secretsAreDroppedWhenARedirectDowngradesToHTTP() throws {
        let seen = Recorder()
        let plain = try LabServer { _ in
            .custom { r in
                seen.record(r)
                return .text(200, "plain")
            }
        }
        let port = closedPort()
        let nginx = try RealServers.nginx(
            http: """
                server {
                    listen 127.0.0.1:{{port}} ssl;
                    ssl_certificate \(TestCerts.path("valid.pem"));
                    ssl_certificate_key \(TestCerts.path("valid.key"));
                    location / { return 302 http://localhost:\(plain.port)/landing; }
                }
                """,
            port: port,
            upstreamPort: nil
        )
        defer { nginx.stop() }
        let probe = try check("https://localhost:\(port)/") {
            $0.tls.caFile = TestCerts.path("ca.pem")
            $0.resolve = ["localhost:\(port):127.0.0.1", "localhost:\(plain.port):127.0.0.1"]
            $0.headers = Self.secretHeaders + Self.plainHeaders
            $0.userpwd = "alice:redirect-userpwd-0000"
        }.probes[0]
        #expect(probe.redirects.map(\.status) == [302])
        #expect(probe.response?.status == 200)
        let leaked = seen.names.filter { SecretNames.isSecretHeader($0) }
        #expect(leaked.isEmpty, "sent in clear text after a downgrade: \(leaked)")
        #expect(seen.values.contains("keep-me"))
    }

    /// The rule itself, on its own: one place decides.
    @Test(
        arguments: [
            ("http://a.test/x", "http://a.test/y", true),
            ("http://a.test/x", "http://A.TEST./y", true),
            ("http://a.test/x", "http://a.test:80/y", true),
            ("http://a.test/x", "https://a.test/y", true),  // an upgrade keeps them (same host, TLS now)
            ("https://a.test/x", "https://a.test:443/y", true),
            ("https://a.test/x", "http://a.test/y", false),  // a downgrade does not
            ("http://a.test/x", "http://b.test/y", false),
            ("http://a.test/x", "http://a.test:8080/y", false),  // another port is another service
            ("https://a.test:8443/x", "https://a.test:9443/y", false),
            ("http://127.0.0.1:80/", "http://127.0.0.2:80/", false),
            ("http://[::1]:80/", "http://[::1]/y", true),
            ("http://a.test/x", "http://a.test.evil.test/y", false),
        ] as [(String, String, Bool)]
    )
    func credentialRule(from: String, to: String, keeps: Bool) {
        #expect(RedirectPolicy.keepsCredentials(from: from, to: to) == keeps, "\(from) → \(to)")
    }

    @Test func theRuleDropsExactlyWhatTheRedactorCallsSecret() {
        let kept = RedirectPolicy.headersForRedirect(Self.secretHeaders + Self.plainHeaders, from: "http://a.test/", to: "http://b.test/")
        #expect(kept == Self.plainHeaders)
        let same = RedirectPolicy.headersForRedirect(Self.secretHeaders + Self.plainHeaders, from: "http://a.test/", to: "http://a.test/b")
        #expect(same == Self.secretHeaders + Self.plainHeaders)
    }
}
