import Foundation
import HTTPDiagLab
import HTTPDiagTestSupport
import Synchronization
import Testing

@testable import HTTPDiagCore

/// `-H @FILE` reads headers from a file, one per line, as curl does, so that a token need
/// not be on the command line (where `ps` shows it) (issue 9 §13).
@Suite("Headers from a file")
struct HeaderFileTests {
    static let token = "file-token-SECRET-7b1c"
    static let apiKey = "file-apikey-SECRET-9d2e"

    final class Seen: Sendable {
        let headers = Mutex<[(name: String, value: String)]>([])
    }

    func write(_ text: String) throws -> String {
        let path = NSTemporaryDirectory() + "httpdiag-headers-\(UUID().uuidString).txt"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func headersComeFromTheFileAndStayRedacted() throws {
        let seen = Seen()
        let server = try LabServer { _ in
            .custom { r in
                seen.headers.withLock { $0 += r.headers }
                return .echo
            }
        }
        // CRLF and LF line ends, a blank line, as curl reads them.
        let file = try write("Authorization: Bearer \(Self.token)\r\nX-Api-Key: \(Self.apiKey)\n\nX-Trace: from-file\n")
        defer { try? FileManager.default.removeItem(atPath: file) }
        let r = try runCLI(["check", server.baseURL + "/", "-H", "@" + file, "-H", "X-Extra: on-the-line", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let got = seen.headers.withLock { $0 }
        #expect(got.first { $0.name == "Authorization" }?.value == "Bearer \(Self.token)")
        #expect(got.first { $0.name == "X-Api-Key" }?.value == Self.apiKey)
        #expect(got.first { $0.name == "X-Trace" }?.value == "from-file")
        #expect(got.first { $0.name == "X-Extra" }?.value == "on-the-line")
        // The server echoed them back: the output has them redacted.
        #expect(!r.stdout.contains(Self.token) && !r.stdout.contains(Self.apiKey))
        #expect(r.stdout.contains("Bearer <redacted:\(Self.token.count) chars>"))
    }

    @Test func aMissingFileIsBadInput() throws {
        let r = try runCLI(["check", closedURL, "-H", "@/nonexistent/headers.txt"])
        #expect(r.status == 3)
        #expect(r.stderr == "httpdiag: -H @/nonexistent/headers.txt: file not found or not readable\n", "\(r.stderr)")
    }

    /// A bad line is named by its number, never quoted: it may hold a token.
    @Test func aBadLineIsNamedByNumberWithoutItsContent() throws {
        let file = try write("X-Api-Key: \(Self.apiKey)\nBearer \(Self.token)\n")
        defer { try? FileManager.default.removeItem(atPath: file) }
        let r = try runCLI(["check", closedURL, "-H", "@" + file])
        #expect(r.status == 3)
        #expect(r.stderr == "httpdiag: -H @\(file): line 2: expected 'Name: value'\n", "\(r.stderr)")
        #expect(!r.stderr.contains(Self.token))
    }
}
