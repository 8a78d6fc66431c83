import Foundation
import HTTPDiagLab
import HTTPDiagTestSupport
import Testing

@testable import HTTPDiagCore

/// `-w FORMAT` (issue 11, curl habits): curl's variables, escapes and unknown-variable
/// handling, checked against real curl on the same loopback URL.
@Suite("Write-out (-w) as curl writes it")
struct WriteOutFormatTests {
    /// The variables whose values do not depend on timing, as curl prints them.
    static let comparable =
        "%{http_code} %{response_code} %{num_redirects} %{http_version} %{size_download} %{content_type} "
        + "%{remote_ip} %{remote_port} %{url_effective} %{method} %{ssl_verify_result} %{scheme} %{exitcode}\\n"

    static func curl(_ arguments: [String]) throws -> MeasuredRun {
        try #require(FileManager.default.isExecutableFile(atPath: "/usr/bin/curl"), "the tests need curl (scripts/install-deps.sh)")
        return try spawnMeasured("/usr/bin/curl", arguments)
    }

    static func redirecting() throws -> LabServer {
        try LabServer { request in
            switch request.path {
            case "/a": .redirect("/b")
            case "/b": .redirect("/c", status: 301)
            default: .text(200, "final body\n", headers: [("Content-Type", "text/plain; charset=utf-8")])
            }
        }
    }

    @Test func sameValuesAsCurlAfterRedirects() throws {
        let server = try Self.redirecting()
        let url = server.baseURL + "/a"
        let report = try check(url)
        let ours = WriteOutFormat(Self.comparable).render(report)
        #expect(ours.warnings.isEmpty)
        let theirs = try Self.curl(["-s", "-L", "-o", "/dev/null", "-w", Self.comparable, url])
        #expect(theirs.status == 0, "\(theirs.stderr)")
        #expect(ours.text == theirs.stdout)
        #expect(ours.text.hasPrefix("200 200 2 1.1 11 text/plain; charset=utf-8 127.0.0.1 \(server.port) \(server.baseURL)/c GET 0 HTTP 0\n"))
    }

    @Test func sameCodesAsCurlWhenNothingAnswers() throws {
        let url = "http://127.0.0.1:\(closedPort())/"
        let format = "%{http_code} %{response_code} %{exitcode} %{num_redirects} %{size_download} %{http_version}"
        let report = try check(url) { $0.followups = false }
        let theirs = try Self.curl(["-s", "-o", "/dev/null", "-w", format, url])
        #expect(theirs.status == 7)
        #expect(WriteOutFormat(format).render(report).text == theirs.stdout)
        #expect(theirs.stdout == "000 000 7 0 0 0")
    }

    @Test func timesAreCumulativeSecondsAndMatchTheEvidence() throws {
        let server = try labServer(.text(200, "ok"))
        let report = try check(server.baseURL + "/")
        let values = WriteOutFormat.values(report)
        let t = report.probes[0].timings
        func s(_ name: String) throws -> Double { try #require(Double(values[name] ?? "")) }
        #expect(values["time_total"] == String(format: "%.6f", t.totalMs / 1000))
        #expect(try s("time_namelookup") <= s("time_connect"))
        #expect(try s("time_connect") > 0)
        #expect(try s("time_appconnect") == 0, "no TLS on http://")
        #expect(try s("time_connect") <= s("time_pretransfer"))
        #expect(try s("time_pretransfer") <= s("time_starttransfer"))
        #expect(try s("time_starttransfer") <= s("time_total"))
        #expect(values["time_total"]?.split(separator: ".").last?.count == 6)
    }

    @Test func escapesPercentHeadersAndUnknownVariablesAsCurl() throws {
        let server = try labServer(.text(200, "ok", headers: [("X-Served-By", "lab-7")]))
        let url = server.baseURL + "/p"
        let format = "a\\tb\\\\c 100%% %{http_code}%{nonexistent} %header{x-served-by}\\n"
        let ours = WriteOutFormat(format).render(try check(url))
        let theirs = try Self.curl(["-s", "-o", "/dev/null", "-w", format, url])
        #expect(ours.text == theirs.stdout)
        #expect(ours.text == "a\tb\\\\c 100% 200 lab-7\n", "curl leaves \\\\ as it is")
        #expect(ours.warnings == ["unknown --write-out variable: 'nonexistent'"])
        #expect(theirs.stderr.contains("unknown --write-out variable: 'nonexistent'"))
    }

    @Test func jsonHoldsEveryVariable() throws {
        let server = try labServer(.text(404, "missing"))
        let report = try check(server.baseURL + "/gone")
        let text = WriteOutFormat("%{json}").render(report).text
        let doc = try #require(try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)), "\(text)")
        #expect(doc["http_code"] == JSONValue.number(404))
        #expect(doc["url_effective"] == JSONValue.string(server.baseURL + "/gone"))
        #expect(doc["remote_ip"] == JSONValue.string("127.0.0.1"))
        for name in WriteOutFormat.variables { #expect(doc[name] != nil, "\(name) missing from %{json}") }
    }

    @Test func tlsVariablesOverHTTPS() throws {
        let server = try OpenSSLServer(cert: "valid.pem")
        let report = try check(server.url) { $0.tls.caFile = TestCerts.path("ca.pem") }
        let values = WriteOutFormat.values(report)
        #expect(values["ssl_verify_result"] == "0")
        #expect(values["scheme"] == "HTTPS")
        let appconnect = try #require(Double(values["time_appconnect"] ?? ""))
        let connect = try #require(Double(values["time_connect"] ?? ""))
        #expect(appconnect > connect)
    }
}
