import Foundation
import HTTPDiagLab
import HTTPDiagTestSupport
import Synchronization
import Testing

@testable import HTTPDiagCore

/// The fleet runs the same prober: a fleet endpoint's secret headers do not follow a
/// redirect to another host either (issue 9 §1), in `httpdiag run` and `httpdiag check`.
@Suite("Credentials on redirects, end to end")
struct RedirectCredentialCLITests {
    static let secrets = [
        "X-Api-Key": "fleet-redirect-apikey-1", "X-Auth-Token": "fleet-redirect-token-2",
        "Authorization": "Bearer fleet-redirect-bearer-3", "X-Session-Id": "fleet-redirect-session-4",
    ]

    final class Seen: Sendable {
        let names = Mutex<[String]>([])
        let values = Mutex<[String]>([])
        func record(_ r: LabRequest) {
            names.withLock { $0 += r.headers.map { $0.name.lowercased() } }
            values.withLock { $0 += r.headers.map(\.value) }
        }
    }

    @Test func runDropsSecretHeadersOnACrossHostRedirect() throws {
        let landed = Seen()
        let origin = Seen()
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
        let dir = try makeTemporaryDirectory("run-redirect")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let headers = (Self.secrets.map { "\"\($0.key)\": \"\($0.value)\"" } + ["\"X-Trace\": \"keep-me\""]).joined(separator: ", ")
        try """
        {"endpoints": [{"name": "redirected", "url": "\(first.baseURL)/start", "headers": {\(headers)}}]}
        """.write(toFile: dir + "/config.json", atomically: true, encoding: .utf8)
        let r = try runCLI(["run", "--config", dir + "/config.json", "--state", dir + "/state.sqlite"])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(origin.names.withLock { $0 }.contains("x-api-key"), "the origin did not get the headers: the test is vacuous")
        let leaked = landed.names.withLock { $0 }.filter { SecretNames.isSecretHeader($0) }
        #expect(leaked.isEmpty, "forwarded to another host by the fleet: \(leaked)")
        for value in Self.secrets.values { #expect(!landed.values.withLock { $0 }.contains { $0.contains(value) }) }
        #expect(landed.values.withLock { $0 }.contains("keep-me"))
    }

    @Test func checkDropsSecretHeadersOnACrossHostRedirect() throws {
        let landed = Seen()
        let other = try LabServer(host: "127.0.0.2") { _ in
            .custom { r in
                landed.record(r)
                return .text(200, "landed")
            }
        }
        let first = try labServer(.redirect("http://127.0.0.2:\(other.port)/landing"))
        let r = try runCLI(["check", first.baseURL + "/", "--no-followup"] + Self.secrets.flatMap { ["-H", "\($0.key): \($0.value)"] })
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(landed.names.withLock { $0 }.filter { SecretNames.isSecretHeader($0) }.isEmpty)
    }
}
