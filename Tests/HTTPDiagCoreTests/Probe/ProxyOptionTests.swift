import Foundation
import HTTPDiagLab
import HTTPDiagTestSupport
import Testing

@testable import HTTPDiagCore

/// `-x/--proxy` and `--noproxy` (issue 11, curl habits), through a real loopback proxy: a
/// lab server that answers proxy requests itself and says what it was asked (the
/// absolute-form request target a client sends only to a proxy).
@Suite("-x/--proxy and --noproxy")
struct ProxyOptionTests {
    static func proxyServer() throws -> LabServer {
        try LabServer { r in .text(200, "proxied \(r.method) \(r.target)", headers: [("Via", "1.1 test-proxy")]) }
    }

    @Test func everyHopGoesThroughTheGivenProxy() throws {
        let proxy = try Self.proxyServer()
        let origin = try labServer(.text(200, "origin"))
        let url = "http://127.0.0.1:\(origin.port)/path?q=1"
        let report = try check(url) { $0.proxy = proxy.baseURL }
        #expect(report.verdict == .ok, "\(report.reason)")
        let probe = try #require(report.probes.first)
        #expect(probe.response?.body == "proxied GET \(url)")
        #expect(probe.request.proxy == proxy.baseURL)
        #expect(probe.dns?.source == "proxy")
        // Without a scheme, as curl: http://.
        #expect(try check(url) { $0.proxy = "127.0.0.1:\(proxy.port)" }.probes.first?.response?.body == "proxied GET \(url)")
    }

    @Test func aRealForwardProxyForwardsHTTPAsCurlsDoes() throws {
        let proxy = try ForwardProxy()
        let origin = try labServer(.echo)
        let url = "http://127.0.0.1:\(origin.port)/through?x=1"
        let report = try check(url) {
            $0.proxy = proxy.url
            $0.userAgent = "agent/1"
        }
        #expect(report.verdict == .ok, "\(report.reason)")
        let body = try #require(report.probes.first?.response?.body)
        #expect(body.hasPrefix("GET /through?x=1\n"), "\(body)")
        #expect(body.contains("Via: 1.1 test-proxy"), "the origin was reached through the proxy")
        #expect(proxy.seen == ["GET \(url) HTTP/1.1"])
        let curl = try spawnMeasured(
            "/usr/bin/curl",
            ["-s", "-o", "/dev/null", "-A", "agent/1", "-x", proxy.url, "-w", "%{http_code} %{size_download}", url]
        )
        #expect(curl.stdout == WriteOutFormat("%{http_code} %{size_download}").render(report).text)
    }

    @Test func httpsGoesThroughACONNECTTunnelWithItsTLSEvidence() throws {
        let proxy = try ForwardProxy()
        let server = try OpenSSLServer(cert: "valid.pem")
        let report = try check(server.url) {
            $0.proxy = proxy.url
            $0.tls.caFile = TestCerts.path("ca.pem")
        }
        #expect(report.verdict == .ok, "\(report.reason)")
        #expect(proxy.seen.first == "CONNECT localhost:\(server.port) HTTP/1.1", "\(proxy.seen)")
        let tls = try #require(report.probes.first?.tls)
        #expect(tls.verified)
        #expect(tls.chain.first?.sans.contains("DNS:localhost") == true)
        #expect(report.probes.first?.request.proxy == proxy.url)
    }

    @Test func noproxyAndAnEmptyProxyGoDirect() throws {
        let proxy = try Self.proxyServer()
        let origin = try labServer(.text(200, "origin"))
        let url = "http://127.0.0.1:\(origin.port)/"
        for list in ["127.0.0.1", "*", "example.test, 127.0.0.1"] {
            let report = try check(url) {
                $0.proxy = proxy.baseURL
                $0.noProxy = list
            }
            #expect(report.probes.first?.response?.body == "origin", "--noproxy '\(list)'")
            #expect(report.probes.first?.request.proxy == nil)
        }
        #expect(try check(url) { $0.proxy = "" }.probes.first?.response?.body == "origin")
        // A list that does not name the host keeps the proxy.
        let kept = try check(url) {
            $0.proxy = proxy.baseURL
            $0.noProxy = "127.0.0.10,.example.test"
        }
        #expect(kept.probes.first?.response?.body.hasPrefix("proxied") == true)
    }

    @Test func theFlagsTakePrecedenceOverTheEnvironmentAsCurlGivesThem() {
        let target = try! TargetURL("http://api.example.test/")
        let env = ["http_proxy": "http://env-proxy:3128", "no_proxy": "other.test"]
        #expect(ProxyEnvironment.proxy(for: target, explicit: nil, noProxy: nil, environment: env) == "http://env-proxy:3128")
        #expect(ProxyEnvironment.proxy(for: target, explicit: "http://flag:8080", noProxy: nil, environment: env) == "http://flag:8080")
        #expect(ProxyEnvironment.proxy(for: target, explicit: "", noProxy: nil, environment: env) == nil)
        #expect(ProxyEnvironment.proxy(for: target, explicit: nil, noProxy: "example.test", environment: env) == nil)
        #expect(ProxyEnvironment.proxy(for: target, explicit: "http://flag:8080", noProxy: ".example.test", environment: env) == nil)
        #expect(ProxyEnvironment.proxy(for: target, explicit: nil, noProxy: "le.test", environment: env) == "http://env-proxy:3128")
    }

    @Test func proxyCredentialsAreLearntAsSecrets() throws {
        let proxy = try labServer(.echo)
        let password = "proxy-pass-8119"
        let report = try check("http://127.0.0.1:\(closedPort())/") { $0.proxy = "http://puser:\(password)@127.0.0.1:\(proxy.port)" }
        let body = try #require(report.probes.first?.response?.body)
        #expect(body.contains("Proxy-Authorization: Basic <redacted"), "\(body)")
        let text = OutputBoundary(report).pass(try JSONReport.render(report)).text
        #expect(!text.contains(password))
        #expect(!text.contains(Data("puser:\(password)".utf8).base64EncodedString()))
    }

    @Test func anUnsupportedProxySchemeIsBadInput() {
        var o = ProbeOptions(url: "http://127.0.0.1/")
        o.proxy = "ftp://127.0.0.1:21"
        #expect(throws: InputError.self) { try o.validate() }
    }
}
