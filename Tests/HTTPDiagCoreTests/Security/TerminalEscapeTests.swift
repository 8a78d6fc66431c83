import Foundation
import HTTPDiagFleet
import HTTPDiagLab
import HTTPDiagTestSupport
import Testing

@testable import HTTPDiagCore

/// A hostile server's reason phrase, header values, Location and body carry terminal
/// control sequences (CSI `ESC[31m`, `ESC[2J`, OSC 0 window titles ended by BEL, a raw
/// CR that rewrites the line, an 8-bit CSI U+009B, DEL). Run through the real binary,
/// none of them may reach stdout, stderr or a report file raw: not in `check` (text,
/// Markdown, --report), not in `run` lines, `--quiet` incident lines (what cron mails),
/// `history` or `incidents`, not in the SQLite state. JSON stays valid and carries the
/// neutral form (docs/json-output.md, "Control characters").
@Suite("Network text never drives the terminal", .serialized)
struct TerminalEscapeTests {
    static let reason = "Busy \u{1B}[31mRED\u{1B}]0;pwned-title\u{07}\u{9B}2J"
    static let body = "hello \u{1B}[31mred\u{1B}[0m\r\nsecond line\rOVERWRITTEN\u{7F}\n\u{1B}]0;body-title\u{07}\n"

    static func hostile() throws -> LabServer {
        try LabServer { r in
            switch r.path {
            case "/redirect":
                return .respond(status: 302, headers: [("Location", "gopher://127.0.0.1/\u{1B}[31mloc\u{1B}]0;loc-title\u{07}\rFAKE")])
            default:
                return .respond(
                    status: 503,
                    reason: reason,
                    headers: [
                        ("Server", "nginx\u{1B}[2J"), ("X-Amz-Cf-Pop", "POP1\u{1B}]0;hdr-title\u{07}"),
                        ("Location", "http://127.0.0.1/a\rFAKE-LOCATION"), ("Retry-After", "1\u{9B}31m"),
                        ("Content-Type", "text/plain\u{1B}[8m"),
                    ],
                    body: Array(body.utf8)
                )
            }
        }
    }

    /// Control characters a terminal acts on: C0 but LF and TAB, DEL, C1.
    static func controls(_ s: String, allowCRLF: Bool = false) -> [String] {
        let scalars = Array(s.unicodeScalars)
        return scalars.indices.compactMap { i in
            let v = scalars[i].value
            if v == 0x0A || v == 0x09 { return nil }
            if allowCRLF, v == 0x0D, i + 1 < scalars.count, scalars[i + 1] == "\n" { return nil }
            return v < 0x20 || (0x7F...0x9F).contains(v) ? "U+" + String(v, radix: 16, uppercase: true) : nil
        }
    }

    static func expectSafe(_ text: String, _ place: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let found = controls(text)
        #expect(
            found.isEmpty,
            "\(place): raw control characters \(Set(found).sorted()) in \(text.prefix(1500))",
            sourceLocation: sourceLocation
        )
    }

    @Test func checkTextMarkdownAndReportFileAreTerminalSafe() throws {
        let server = try Self.hostile()
        let text = try runCLI(["check", server.baseURL + "/status", "--no-followup"])
        #expect(text.status == 2, "\(text.stderr)")
        Self.expectSafe(text.stdout, "check text")
        Self.expectSafe(text.stderr, "check stderr")
        // Not vacuous: the reason and the headers are shown, in their visible form.
        #expect(text.stdout.hasPrefix("CRITICAL: 503 Busy ␛[31mRED␛]0;pwned-title␇"), "\(text.stdout.prefix(200))")
        #expect(text.stdout.contains("Server: nginx␛[2J"), "\(text.stdout)")
        #expect(text.stdout.contains("Location: http://127.0.0.1/a␍FAKE-LOCATION"), "\(text.stdout)")

        let report = NSTemporaryDirectory() + "httpdiag-escape-\(UUID().uuidString).md"
        defer { try? FileManager.default.removeItem(atPath: report) }
        let md = try runCLI(["check", server.baseURL + "/status", "--no-followup", "--format", "markdown", "--report", report])
        Self.expectSafe(md.stdout, "check markdown")
        Self.expectSafe(try String(contentsOfFile: report, encoding: .utf8), "--report file")
        #expect(md.stdout.contains("503 Busy"), "\(md.stdout.prefix(300))")

        let redirect = try runCLI(["check", server.baseURL + "/redirect", "--no-followup"])
        #expect(redirect.stdout.contains("redirect_scheme_refused"), "\(redirect.stdout)")
        Self.expectSafe(redirect.stdout, "check text, refused redirect")
        #expect(redirect.stdout.contains("gopher://127.0.0.1/␛[31mloc"), "\(redirect.stdout)")
    }

    /// JSON escapes control characters by itself, so the document is always valid; the
    /// strings in it carry the neutral form too, so that a consumer printing a decoded
    /// value (`jq -r .reason`) is as safe as the text output. Bodies keep their line
    /// structure (LF, TAB, CRLF).
    @Test func jsonIsValidAndCarriesTheNeutralForm() throws {
        let server = try Self.hostile()
        let r = try runCLI(["check", server.baseURL + "/status", "--no-followup", "--format", "json"])
        let doc = try #require(try? JSONDecoder().decode(JSONValue.self, from: Data(r.stdout.utf8)), "\(r.stdout.prefix(300))")
        #expect(doc["reason"] == .string("503 Busy ␛[31mRED␛]0;pwned-title␇\u{FFFD}2J from 127.0.0.1:\(server.port)"))
        #expect(doc["probes"]?[0]?["response"]?["reason"] == .string("Busy ␛[31mRED␛]0;pwned-title␇\u{FFFD}2J"))
        #expect(doc["probes"]?[0]?["response"]?["body"] == .string("hello ␛[31mred␛[0m\r\nsecond line␍OVERWRITTEN␡\n␛]0;body-title␇\n"))
        guard case .array(let headers)? = doc["probes"]?[0]?["response"]?["headers"] else {
            Issue.record("no headers")
            return
        }
        #expect(headers.contains { $0["name"] == .string("Location") && $0["value"] == .string("http://127.0.0.1/a␍FAKE-LOCATION") })
        walk(doc, path: "$")

        func walk(_ v: JSONValue, path: String) {
            switch v {
            case .string(let s):
                let found = Self.controls(s, allowCRLF: path.hasSuffix(".body") || path.hasSuffix(".preview"))
                #expect(found.isEmpty, "\(path): \(found) in \(s.prefix(200))")
            case .array(let a): for (i, e) in a.enumerated() { walk(e, path: "\(path)[\(i)]") }
            case .object(let o): for (k, e) in o { walk(e, path: "\(path).\(k)") }
            default: break
            }
        }
    }

    @Test func fleetLinesIncidentLinesHistoryAndStateAreTerminalSafe() throws {
        let server = try Self.hostile()
        let dir = try makeTemporaryDirectory("fleet-escape")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try """
        {"endpoints": [{"name": "status", "url": "\(server.baseURL)/status"}, {"name": "redirect", "url": "\(server.baseURL)/redirect"}]}
        """.write(toFile: dir + "/config.json", atomically: true, encoding: .utf8)
        let config = ["--config", dir + "/config.json"]

        // --quiet on a fresh state: both incidents open, and only those lines are printed (cron's mail).
        let quiet = try runCLI(["run"] + config + ["--state", dir + "/quiet.sqlite", "--quiet"])
        #expect(quiet.status == 2, "\(quiet.stderr)")
        #expect(quiet.stdout.contains("incident 1 opened") && quiet.stdout.contains("503 Busy ␛[31mRED"), "\(quiet.stdout)")
        Self.expectSafe(quiet.stdout, "run --quiet incident lines")

        let state = dir + "/state.sqlite"
        let lines = try runCLI(["run"] + config + ["--state", state, "--report-dir", dir + "/reports"])
        #expect(lines.stdout.contains("CRITICAL status"), "\(lines.stdout)")
        Self.expectSafe(lines.stdout, "run lines")
        Self.expectSafe(lines.stderr, "run stderr")
        for file in try FileManager.default.contentsOfDirectory(atPath: dir + "/reports") {
            Self.expectSafe(try String(contentsOfFile: dir + "/reports/" + file, encoding: .utf8), "incident report \(file)")
        }

        let json = try runCLI(["run"] + config + ["--state", state, "--format", "json"])
        let doc = try #require(try? JSONDecoder().decode(JSONValue.self, from: Data(json.stdout.utf8)), "\(json.stdout.prefix(300))")
        guard case .array(let endpoints)? = doc["endpoints"] else {
            Issue.record("no endpoints")
            return
        }
        for e in endpoints {
            if case .string(let reason)? = e["reason"] { Self.expectSafe(reason, "run --format json reason") }
        }

        let history = try runCLI(["history", "status", "--state", state])
        #expect(history.stdout.contains("503 Busy"), "\(history.stdout)")
        Self.expectSafe(history.stdout, "history")
        let incidents = try runCLI(["incidents", "--state", state])
        Self.expectSafe(incidents.stdout, "incidents")

        let store = try StateStore(path: state)
        for name in ["status", "redirect"] {
            for row in try store.history(endpoint: name, limit: 10) { Self.expectSafe(row.reason, "SQLite result.reason of \(name)") }
        }
        for incident in try store.incidents(openOnly: false) { Self.expectSafe(incident.lastReason, "SQLite incident.last_reason") }
    }
}
