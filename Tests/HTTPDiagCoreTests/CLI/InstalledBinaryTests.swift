import Foundation
import HTTPDiagLab
import HTTPDiagTestSupport
import Testing

@testable import HTTPDiagCore

/// A binary copied anywhere diagnoses as the repository's does (issue 11): the playbooks
/// are compiled in, and nothing is read from beside the binary or from the working
/// directory. Run from `/`, as a binary on PATH is.
@Suite("A copied httpdiag binary")
struct InstalledBinaryTests {
    /// `httpdiag ARGS` run from `/` with the binary copied alone into a temporary directory.
    static func runCopied(_ arguments: [String], environment: [String: String] = [:]) throws -> MeasuredRun {
        // Copied by cp, not by this process: a file it held open for writing would be
        // inherited by the children other tests spawn meanwhile (exec fails: ETXTBSY).
        let dir = try makeTemporaryDirectory("httpdiag-copied")
        #expect(try runTool("/bin/cp", [httpdiagBinary, dir + "/httpdiag"]) == 0)
        var env = ProcessInfo.processInfo.environment
        env["HTTPDIAG_PLAYBOOKS"] = nil
        for (k, v) in environment { env[k] = v }
        return try spawnMeasured("/usr/bin/env", ["-C", "/", dir + "/httpdiag"] + arguments, environment: env)
    }

    /// A lab endpoint of `httpdiag lab` (its behaviour, from the corpus).
    static func labEndpoint(_ name: String) throws -> LabServer {
        let endpoints = LabCatalog.endpoints { file in
            FileManager.default.contents(atPath: playbookDirectory + "/corpus/" + file).map { data in
                var lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
                while let first = lines.first, first.hasPrefix("#") { lines.removeFirst() }
                return Array(lines.joined(separator: "\n").utf8)
            }
        }
        let endpoint = try #require(endpoints.first { $0.name == name })
        return try labServer(endpoint.behavior)
    }

    static func diagnoses(_ json: String) throws -> [[String: JSONValue]] {
        let doc = try JSONDecoder().decode(JSONValue.self, from: Data(json.utf8))
        guard case .object(let o) = doc, case .array(let list)? = o["diagnoses"] else { return [] }
        return list.compactMap { if case .object(let d) = $0 { d } else { nil } }
    }

    @Test func diagnosesFromSlashAsTheRepositorysYAMLDoes() throws {
        let server = try Self.labEndpoint("cloudfront-s3-oai-403")
        let url = server.baseURL + "/cloudfront-s3-oai-403"
        let copied = try Self.runCopied(["check", url])
        #expect(copied.status == 2, "\(copied.stderr)")
        #expect(copied.stdout.contains("cause: cloudfront_s3_origin_access_denied"), "\(copied.stdout.prefix(400))")
        #expect(copied.stderr.isEmpty, "\(copied.stderr)")

        // The same diagnosis, evidence and steps as the YAML of the repository, read as files.
        let json = try Self.runCopied(["check", url, "--format", "json"])
        let fromYAML = try runCLI(["check", url, "--format", "json", "--no-default-playbooks", "--playbooks", playbookDirectory])
        let a = try Self.diagnoses(json.stdout)
        let b = try Self.diagnoses(fromYAML.stdout)
        #expect(!a.isEmpty)
        #expect(a.count == b.count)
        for (x, y) in zip(a, b) {
            for key in ["id", "confidence", "evidence", "remediation", "verify", "severity", "layer"] {
                #expect(x[key] == y[key], "\(key) of \(x["id"].debugDescription)")
            }
        }
    }

    @Test func playbooksAndHopsOfAnEnvironmentDirectoryOverrideTheBuiltInOnes() throws {
        let dir = try makeTemporaryDirectory("httpdiag-env-playbooks")
        try """
        id: cloudfront_s3_origin_access_denied
        title: Overridden from HTTPDIAG_PLAYBOOKS
        layer: cdn
        severity: critical
        confidence: 0.9
        when:
          - status: 403
        explanation: overridden
        remediation:
          - nothing
        verify:
          - nothing
        """.write(toFile: dir + "/cloudfront_s3_origin_access_denied.yaml", atomically: true, encoding: .utf8)
        let list = try Self.runCopied(["playbooks", "list"], environment: ["HTTPDIAG_PLAYBOOKS": dir])
        #expect(list.status == 0, "\(list.stderr)")
        #expect(list.stdout.contains("Overridden from HTTPDIAG_PLAYBOOKS"))
        let builtin = try Self.runCopied(["playbooks", "list"])
        #expect(list.stdout.split(separator: "\n").count == builtin.stdout.split(separator: "\n").count)
    }

    /// Never a quiet success on nothing: each names what is missing and exits non-zero.
    @Test(
        arguments: [
            (["playbooks", "lint"], "no playbook files to read"),
            (["playbooks", "test"], "no playbook files to read"),
            (["playbooks", "list", "--no-default-playbooks"], "--no-default-playbooks leaves out the built-in ones"),
            (["explain", "not_found", "--no-default-playbooks"], "--no-default-playbooks leaves out the built-in ones"),
        ]
    )
    func nothingToReadIsAnError(arguments: [String], message: String) throws {
        let r = try Self.runCopied(arguments)
        #expect(r.status != 0)
        #expect((r.stdout + r.stderr).contains(message), "\(r.stdout)\(r.stderr)")
    }

    @Test func anEmptyPlaybookDirectoryIsAnError() throws {
        let empty = try makeTemporaryDirectory("httpdiag-empty-playbooks")
        for args in [["playbooks", "list", "--playbooks", empty], ["check", "http://127.0.0.1:1/", "--playbooks", empty]] {
            let r = try Self.runCopied(args)
            #expect(r.status == 3, "\(args): \(r.stdout)")
            #expect(r.stderr.contains("\(empty): no playbooks (*.yaml) and no hop signatures"), "\(r.stderr)")
        }
        let env = try Self.runCopied(["playbooks", "list"], environment: ["HTTPDIAG_PLAYBOOKS": empty])
        #expect(env.status == 3 && env.stderr.contains("no playbooks (*.yaml)"), "\(env.stderr)")
    }
}
