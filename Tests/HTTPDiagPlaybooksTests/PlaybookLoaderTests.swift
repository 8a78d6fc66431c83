import Foundation
import HTTPDiagTestSupport
import Testing

@testable import HTTPDiagPlaybooks

/// Bad playbooks get errors that name the file, the line and what is wrong.
@Suite("Playbook validation errors")
struct PlaybookLoaderTests {
    static let valid = samplePlaybook()

    func error(_ yaml: String, name: String = "sample_cause") throws -> String {
        let dir = try makeTemporaryDirectory("pb")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try yaml.write(toFile: dir + "/\(name).yaml", atomically: true, encoding: .utf8)
        do {
            _ = try PlaybookLoader.load(directories: [dir])
            return "no error"
        } catch let e as PlaybookErrors {
            return e.errors.map(\.description).joined(separator: "\n").replacingOccurrences(of: dir + "/", with: "")
        }
    }

    @Test func validPlaybookLoads() throws {
        #expect(try error(Self.valid) == "no error")
    }

    @Test(
        arguments: [
            (valid.replacingOccurrences(of: "when:", with: "whn:"), "sample_cause.yaml:6: playbook: unknown key 'whn' (did you mean 'when'?)"),
            (
                valid.replacingOccurrences(of: "- status: 500", with: "- field: {path: response.statuss, equals: 1}"),
                "sample_cause.yaml:7: unknown evidence field 'response.statuss' (did you mean 'response.status'?)"
            ),
            (
                valid.replacingOccurrences(of: "- status: 500", with: "- failure: dns_nxdomian"),
                "sample_cause.yaml:7: unknown failure kind 'dns_nxdomian' (did you mean 'dns_nxdomain'?)"
            ),
            (valid.replacingOccurrences(of: "- status: 500", with: "- body: {matches: \"(unclosed\"}"), "sample_cause.yaml:7: invalid regex"),
            (
                valid.replacingOccurrences(of: "- status: 500", with: "- hop: cloudfrnt"),
                "sample_cause.yaml:7: unknown hop 'cloudfrnt' (did you mean 'cloudfront'?)"
            ),
            (valid.replacingOccurrences(of: "{{status}}", with: "{{statuz}}"), "sample_cause.yaml:8: unknown placeholder '{{statuz}}'"),
            (valid.replacingOccurrences(of: "{{status}}", with: "{{status"), "sample_cause.yaml:8: unclosed '{{' in"),
            (valid.replacingOccurrences(of: "confidence: 0.5", with: "confidence: 5"), "sample_cause.yaml:5: confidence must be between 0 and 1"),
            (valid.replacingOccurrences(of: "layer: http", with: "layer: htp"), "sample_cause.yaml:3: unknown layer 'htp'"),
            (valid.replacingOccurrences(of: "id: sample_cause", with: "id: other"), "sample_cause.yaml:1: id 'other' must match the file name"),
            (valid + "\n  - : [\n", "sample_cause.yaml:"),
            ("", "sample_cause.yaml: the file is empty"),
            (valid.replacingOccurrences(of: "- status: 500", with: "- status: 500\n    body: {contains: x}"), "a condition has exactly one key"),
        ] as [(String, String)]
    )
    func errorsNameFileLineAndProblem(yaml: String, expected: String) throws {
        let message = try error(yaml)
        #expect(message.hasPrefix(expected) || message.contains(expected), "got: \(message)")
    }

    /// A later --playbooks directory overrides a playbook of the same id.
    @Test func laterDirectoryOverridesById() throws {
        let dir = try makeTemporaryDirectory("pb-dup")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Self.valid.write(toFile: dir + "/sample_cause.yaml", atomically: true, encoding: .utf8)
        let other = try makeTemporaryDirectory("pb-dup2")
        defer { try? FileManager.default.removeItem(atPath: other) }
        try Self.valid.replacingOccurrences(of: "A sample", with: "Overridden").write(
            toFile: other + "/sample_cause.yaml",
            atomically: true,
            encoding: .utf8
        )
        let loaded = try PlaybookLoader.load(directories: [dir, other])
        #expect(loaded.count == 1)
        #expect(loaded[0].title == "Overridden")
    }
}

@Suite("Value tests")
struct ValueTestTests {
    @Test func numericTestsReadNumericHeaderText() {
        var t = ValueTest()
        t.gt = 0
        #expect(t.passes(.string("213")))
        #expect(!t.passes(.string("0")))
        #expect(!t.passes(.string("soon")))
        #expect(!t.passes(nil))
    }

    @Test func existsFalseHoldsForAbsentValues() {
        var t = ValueTest()
        t.exists = false
        #expect(t.passes(nil))
        #expect(!t.passes(.string("x")))
    }
}
