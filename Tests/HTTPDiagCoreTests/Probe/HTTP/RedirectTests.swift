import Foundation
import HTTPDiagLab
import HTTPDiagTestSupport
import Testing

@testable import HTTPDiagCore

@Suite("Redirects are followed hop by hop")
struct RedirectTests {
    @Test func everyHopIsRecorded() throws {
        let server = try LabServer { r in
            switch r.path {
            case "/a": .redirect("/b", status: 301)
            case "/b": .redirect("/c", status: 302)
            default: .text(200, "done")
            }
        }
        let probe = try check(server.baseURL + "/a").probes[0]
        #expect(probe.error == nil)
        #expect(probe.redirects.map(\.status) == [301, 302])
        #expect(probe.redirects.map(\.location) == ["/b", "/c"])
        #expect(probe.response?.status == 200)
        #expect(probe.request.url.hasSuffix("/c"))
        #expect(probe.timings.redirectMs > 0)
    }

    @Test func redirectLoopStopsAtMaxRedirs() throws {
        let server = try LabServer { r in .redirect(r.path == "/x" ? "/y" : "/x") }
        let probe = try check(server.baseURL + "/x") { $0.maxRedirects = 5 }.probes[0]
        #expect(probe.error?.kind == .tooManyRedirects)
        #expect(probe.redirects.count == 5)
    }

    @Test(arguments: ["file:///etc/passwd", "gopher://127.0.0.1:70/", "ftp://127.0.0.1/x"])
    func redirectToNonHTTPSchemeIsRefused(location: String) throws {
        let server = try labServer(.redirect(location))
        let probe = try check(server.baseURL + "/").probes[0]
        #expect(probe.error?.kind == .redirectSchemeRefused)
    }

    @Test func credentialsAreNotForwardedToAnotherHost() throws {
        let other = try LabServer(host: "127.0.0.2") { _ in .echo }
        let origin = try labServer(.redirect("http://127.0.0.2:\(other.port)/landing"))
        let probe = try check(origin.baseURL + "/") {
            $0.headers = ["Authorization: Bearer sekret-token-value", "Cookie: sid=cookie-value-123", "X-Trace: keep"]
        }.probes[0]
        let echoed = try #require(probe.response?.body)
        #expect(!echoed.lowercased().contains("authorization"))
        #expect(!echoed.lowercased().contains("cookie:"))
        #expect(echoed.contains("X-Trace: keep"))
    }

    @Test func noLocationStopsAtTheFirstResponse() throws {
        let server = try labServer(.redirect("/elsewhere", status: 301))
        let report = try check(server.baseURL + "/") { $0.followRedirects = false }
        #expect(report.probes[0].response?.status == 301)
        #expect(report.verdict == .ok)
    }
}
