import Foundation
import HTTPDiagTestSupport

/// Saves a case's exchange into `$HTTPDIAG_LAB_RECORD` (when set), so the diagnosis can be
/// inspected and the response reused as a fixture:
/// - `<case>.http`: the corpus format (/work/shared/corpus/README.md): `#` lines (source,
///   intermediary, status, root_cause, also_acceptable, request_flags, notes with the
///   actual top diagnoses and every probe), then the response as `curl -i` shows it;
/// - `<case>.check.json`: httpdiag's whole JSON document.
enum RealServerLabRecording {
    static var directory: String? {
        guard let dir = ProcessInfo.processInfo.environment["HTTPDIAG_LAB_RECORD"], !dir.isEmpty else { return nil }
        return dir
    }

    /// `raw` replaces the message when no probe got a response (the non-HTTP bytes).
    static func save(
        _ labCase: RealServerLabCase,
        outcome: RealServerLabOutcome,
        url: String,
        flags: [String],
        versions: String,
        raw: [UInt8]? = nil
    ) throws {
        guard let dir = directory else { return }
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let statuses = outcome.probes.map { $0.status.map(String.init) ?? "none (\($0.errorKind ?? "?"))" }
        var lines = [
            "# case: \(labCase.name)",
            "# source: httpdiag real-server lab (Tests/HTTPDiagCoreTests/RealServerLab), recorded \(ISO8601DateFormatter().string(from: Date()))",
            "# source: \(versions)",
            "# intermediary: \(labCase.server.product) -> \(labCase.upstream.text)",
            "# status: \(Array(Set(statuses)).sorted().joined(separator: ", "))",
            "# root_cause: \(labCase.expected)",
            "# also_acceptable: \(labCase.alternatives.isEmpty ? "-" : labCase.alternatives.joined(separator: ", "))",
        ]
        if !flags.isEmpty { lines.append("# request_flags: \(flags.map(shellQuoted).joined(separator: " "))") }
        lines += [
            "# confidence_of_format: exact (captured from the real server by httpdiag; headers and body as libcurl delivered them)",
            "# note: url: \(url)",
            "# note: misconfiguration: \(labCase.misconfiguration)",
            "# note: httpdiag top 3 on this branch: \(outcome.ids.prefix(3).joined(separator: ", ").ifEmpty("(no diagnosis)")); verdict \(outcome.verdict)",
        ]
        for p in outcome.probes {
            let timing = p.totalMs.map { String(format: ", total %.0f ms", $0) } ?? ""
            lines.append(
                "# note: probe \(p.address ?? "?"): \(p.status.map { "status \($0)" } ?? "no response")"
                    + (p.errorKind.map { ", error \($0): \(p.errorMessage ?? "")" } ?? "") + timing
            )
        }
        if outcome.shown == nil, raw != nil {
            lines.append("# note: no HTTP response: the bytes below are what `curl -si --http0.9` received in a second request")
        }
        lines += labCase.server.configText.split(separator: "\n", omittingEmptySubsequences: false).map { "# config: \($0)" }
        if case .server(let spec) = labCase.upstream {
            lines += spec.configText.split(separator: "\n", omittingEmptySubsequences: false).map { "# upstream config: \($0)" }
        }
        var file = Data(
            (lines.map { $0.replacingOccurrences(of: "\r", with: "").replacingOccurrences(of: "\n", with: " ") }
                .joined(separator: "\n") + "\n").utf8
        )
        if let message = outcome.shown?.rawResponse { file.append(Data(message.utf8)) } else if let raw { file.append(Data(raw)) }
        try file.write(to: URL(fileURLWithPath: dir + "/\(labCase.name).http"))
        try outcome.json.write(toFile: dir + "/\(labCase.name).check.json", atomically: true, encoding: .utf8)
    }

    /// A flag as a shell would need it (long values shortened).
    static func shellQuoted(_ s: String) -> String {
        let short = s.count > 120 ? String(s.prefix(60)) + "...<\(s.count) chars>" : s
        return short.allSatisfy { $0.isLetter || $0.isNumber || "-_./:=@,[]".contains($0) }
            ? short : "'" + short.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

/// Debian package versions of the lab's servers (for the recordings), read once.
enum RealServerVersions {
    static let packages: [String: String] = {
        let names = ["nginx-light", "nginx", "apache2", "haproxy", "varnish", "python3-gunicorn", "python3-uvicorn"]
        let run = try? spawnMeasured("/usr/bin/dpkg-query", ["-W", "-f", "${Package} ${Version}\n"] + names)
        var versions: [String: String] = [:]
        for line in (run?.stdout ?? "").split(separator: "\n") {
            let parts = line.split(separator: " ")
            if parts.count == 2 { versions[String(parts[0])] = String(parts[1]) }
        }
        return versions
    }()

    static func text(for labCase: RealServerLabCase) -> String {
        var products = [labCase.server.product]
        if case .server(let spec) = labCase.upstream { products.append(spec.product) }
        let package = [
            "nginx": "nginx", "apache2": "apache2", "haproxy": "haproxy", "varnish": "varnish",
            "gunicorn": "python3-gunicorn", "uvicorn": "python3-uvicorn",
        ]
        return "Debian packages: "
            + products.map { p in
                let name = package[p] ?? p
                return "\(name) \(packages[name] ?? packages[name + "-light"] ?? "?")"
            }.joined(separator: ", ")
    }
}
