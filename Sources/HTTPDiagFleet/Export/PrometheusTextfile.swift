import Foundation
import HTTPDiagCore
import HTTPDiagPlaybooks

/// node_exporter textfile-collector format, written atomically (temp file, then rename).
/// Names and meanings follow blackbox_exporter where they overlap.
public enum PrometheusTextfile {
    public static func render(_ outcomes: [EndpointOutcome]) -> String {
        var families: [(String, String, String, [String])] = [
            ("probe_success", "gauge", "Displays whether or not the probe was a success", []),
            ("probe_duration_seconds", "gauge", "Returns how long the probe took to complete in seconds", []),
            ("probe_http_duration_seconds", "gauge", "Duration of http request by phase, summed over all redirects", []),
            ("probe_http_status_code", "gauge", "Response HTTP status code", []),
            ("probe_ssl_earliest_cert_expiry", "gauge", "Returns last SSL chain expiry in unixtime", []),
            ("httpdiag_diagnosis", "gauge", "Root cause diagnosed by httpdiag (1 per ranked diagnosis, rank as a label)", []),
        ]
        for o in outcomes {
            let ep = "endpoint=\"\(escape(o.name))\""
            let probe = DiagnosisEngine.primaryProbe(o.report.probes)
            families[0].3.append("probe_success{\(ep)} \(o.verdict == .ok || o.verdict == .warning ? 1 : 0)")
            families[1].3.append("probe_duration_seconds{\(ep)} \(Format.fixed(o.report.durationMs / 1000, 6))")
            if let t = probe?.timings {
                let phases = [("resolve", t.dnsMs), ("connect", t.connectMs), ("tls", t.tlsMs),
                              ("processing", t.sendMs + t.waitMs), ("transfer", t.transferMs)]
                for (phase, ms) in phases {
                    families[2].3.append("probe_http_duration_seconds{\(ep),phase=\"\(phase)\"} \(Format.fixed(ms / 1000, 6))")
                }
            }
            families[3].3.append("probe_http_status_code{\(ep)} \(o.status ?? 0)")
            if let notAfter = probe?.tls?.chain.compactMap(\.notAfter).min() {
                families[4].3.append("probe_ssl_earliest_cert_expiry{\(ep)} \(Int(notAfter.timeIntervalSince1970))")
            }
            for (rank, id) in o.diagnosisIDs.enumerated() {
                families[5].3.append("httpdiag_diagnosis{\(ep),id=\"\(escape(id))\",rank=\"\(rank + 1)\"} 1")
            }
        }
        var out = ""
        for (name, type, help, samples) in families where !samples.isEmpty {
            out += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n" + samples.joined(separator: "\n") + "\n"
        }
        return out
    }

    public static func write(_ outcomes: [EndpointOutcome], to path: String) throws {
        let tmp = path + ".tmp.\(getpid())"
        try render(outcomes).write(toFile: tmp, atomically: false, encoding: .utf8)
        guard rename(tmp, path) == 0 else {
            unlink(tmp)
            throw RunLockError(message: "--prometheus \(path): cannot rename the temporary file (errno \(errno))")
        }
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: "\\n")
    }
}
