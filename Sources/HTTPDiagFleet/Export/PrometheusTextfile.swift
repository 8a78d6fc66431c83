import Foundation
import HTTPDiagCore
import HTTPDiagPlaybooks

/// node_exporter textfile-collector format, written atomically (temp file, then rename).
/// Names and meanings follow blackbox_exporter where they overlap.
public enum PrometheusTextfile {
    static let families: [(name: String, help: String)] = [
        ("probe_success", "Displays whether or not the probe was a success"),
        ("probe_duration_seconds", "Returns how long the probe took to complete in seconds"),
        ("probe_http_duration_seconds", "Duration of http request by phase, summed over all redirects"),
        ("probe_http_status_code", "Response HTTP status code"),
        ("probe_ssl_earliest_cert_expiry", "Returns last SSL chain expiry in unixtime"),
        ("httpdiag_diagnosis", "Root cause diagnosed by httpdiag (1 per ranked diagnosis, rank as a label)"),
    ]

    /// The samples of family `index` for one outcome.
    static func samples(_ index: Int, _ o: EndpointOutcome) -> [String] {
        let ep = "endpoint=\"\(escape(o.name))\""
        let m = o.metrics
        switch index {
        case 0: return ["probe_success{\(ep)} \(o.verdict == .ok || o.verdict == .warning ? 1 : 0)"]
        case 1: return ["probe_duration_seconds{\(ep)} \(Format.fixed(m.durationMs / 1000, 6))"]
        case 2:
            guard let t = m.phases else { return [] }
            return [("resolve", t.dnsMs), ("connect", t.connectMs), ("tls", t.tlsMs), ("processing", t.processingMs), ("transfer", t.transferMs)]
                .map { "probe_http_duration_seconds{\(ep),phase=\"\($0.0)\"} \(Format.fixed($0.1 / 1000, 6))" }
        case 3: return ["probe_http_status_code{\(ep)} \(o.status ?? 0)"]
        case 4: return m.certNotAfter.map { ["probe_ssl_earliest_cert_expiry{\(ep)} \(Int($0))"] } ?? []
        default:
            return o.diagnosisIDs.enumerated().map { "httpdiag_diagnosis{\(ep),id=\"\(escape($1))\",rank=\"\($0 + 1)\"} 1" }
        }
    }

    /// The whole file, family by family, through the boundary; `emit` gets it in pieces (a
    /// run of 100,000 endpoints is never one string).
    static func render(
        _ outcomes: [EndpointOutcome],
        runAt: Date?,
        boundary: OutputBoundary,
        emit: (RedactedText) throws -> Void
    ) rethrows {
        try render(outcomes, runAt: runAt) { try emit(boundary.pass($0)) }
    }

    static func render(_ outcomes: [EndpointOutcome], runAt: Date?, emit: (String) throws -> Void) rethrows {
        for (index, family) in families.enumerated() {
            var header = false
            for o in outcomes {
                let lines = samples(index, o)
                guard !lines.isEmpty else { continue }
                if !header {
                    try emit("# HELP \(family.name) \(family.help)\n# TYPE \(family.name) gauge\n")
                    header = true
                }
                try emit(lines.joined(separator: "\n") + "\n")
            }
        }
        if let runAt {
            try emit(
                "# HELP httpdiag_run_timestamp_seconds Unix time the httpdiag run that wrote this file started\n"
                    + "# TYPE httpdiag_run_timestamp_seconds gauge\nhttpdiag_run_timestamp_seconds \(Int(runAt.timeIntervalSince1970))\n"
            )
        }
    }

    public static func render(_ outcomes: [EndpointOutcome], runAt: Date? = nil) -> String {
        var out = ""
        render(outcomes, runAt: runAt) { out += $0 }
        return out
    }

    /// The whole file as it is written (through the boundary).
    public static func render(_ outcomes: [EndpointOutcome], runAt: Date? = nil, boundary: OutputBoundary) -> RedactedText {
        boundary.pass(render(outcomes, runAt: runAt))
    }

    /// Writes `path` through `path.tmp.PID` and a rename. On failure the temporary file is
    /// removed, and so is the previous file (it would look current to node_exporter while
    /// describing an older run); the error says what failed, in words.
    public static func write(
        _ outcomes: [EndpointOutcome],
        to path: String,
        runAt: Date? = nil,
        boundary: OutputBoundary = OutputBoundary()
    ) throws {
        let tmp = path + ".tmp.\(getpid())"
        func fail(_ step: String, _ message: String) -> OutputError {
            unlink(tmp)
            let removed = unlink(path) == 0
            return OutputError(
                "--prometheus \(path): \(step): \(message)" + (removed ? "; removed the previous file so that it does not look current" : "")
            )
        }
        var writer: FileWriter
        do { writer = try FileWriter(path: tmp) } catch { throw fail("cannot create the temporary file \(tmp)", error.message) }
        do {
            try render(outcomes, runAt: runAt, boundary: boundary) { s in try writer.write(s) }
            try writer.finish()
        } catch {
            writer.abandon()
            throw fail("cannot write the temporary file \(tmp)", SystemError.describe(error))
        }
        guard rename(tmp, path) == 0 else { throw fail("cannot rename \(tmp) onto it", SystemError.words(errno)) }
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: "\\n")
    }
}
