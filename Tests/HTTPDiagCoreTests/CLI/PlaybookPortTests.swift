import Foundation
import HTTPDiagLab
import HTTPDiagTestSupport
import Testing

@testable import HTTPDiagCore

/// The commands a diagnosis suggests use the URL's host and port, never a hard-coded 443
/// (issue 9 §12): an endpoint on another port must get commands that reach it.
@Suite("Playbook commands use the URL's port")
struct PlaybookPortTests {
    @Test func noRemediationOrVerifyStepHardCodes443() throws {
        let dir = repositoryRoot.appendingPathComponent("Playbooks").path
        var offenders: [String] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
        where name.hasSuffix(".yaml") && !name.hasSuffix(".cases.yaml") {
            let text = try String(contentsOfFile: dir + "/" + name, encoding: .utf8)
            var section = ""
            for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                if let first = line.first, first != " " && first != "-" { section = String(line.prefix { $0 != ":" }) }
                guard section == "remediation" || section == "verify" else { continue }
                if line.contains(":443") || line.contains("-p 443") || line.contains("port 443") {
                    offenders.append("\(name):\(i + 1): \(line.trimmingCharacters(in: .whitespaces).prefix(120))")
                }
            }
        }
        #expect(offenders.isEmpty, "\(offenders.joined(separator: "\n"))")
    }

    @Test func anExpiredCertificateOnAnotherPortGetsCommandsForThatPort() throws {
        let server = try OpenSSLServer(cert: "expired.pem")
        let r = try runCLI([
            "check", server.url, "--cacert", TestCerts.path("ca.pem"), "--no-followup", "--format", "json",
            "--resolve", "localhost:\(server.port):127.0.0.1",
        ])
        #expect(r.status == 2, "\(r.stderr)")
        let doc = try JSONDecoder().decode(JSONValue.self, from: Data(r.stdout.utf8))
        guard case .object(let o) = doc, case .array(let diagnoses)? = o["diagnoses"], case .object(let top)? = diagnoses.first else {
            Issue.record("no diagnosis: \(r.stdout.prefix(300))")
            return
        }
        #expect(top["id"] == .string("tls_certificate_expired"))
        func texts(_ key: String) -> [String] {
            guard case .array(let items)? = top[key] else { return [] }
            return items.compactMap { if case .string(let s) = $0 { s } else { nil } }
        }
        let steps = texts("remediation") + texts("verify")
        #expect(steps.contains { $0.contains("-connect localhost:\(server.port) ") }, "\(steps)")
        // ":443" as a port of its own (a free port such as 44317 starts with it too).
        #expect(!steps.contains { $0.contains(/:443(?![0-9])/) }, "\(steps)")
    }
}
