import Foundation
import HTTPDiagLab
import HTTPDiagTestSupport
import Testing

@testable import HTTPDiagCore
@testable import HTTPDiagPlaybooks

/// The first screen of a diagnosed check: the whole first fix, evidence in full colour
/// and said once, remediation from what the probe knows.
@Suite("First screen of a diagnosis")
struct FirstScreenTests {
    static let engine: DiagnosisEngine = {
        DiagnosisEngine(library: try! PlaybookLoader.loadLibrary(directories: [playbookDirectory]))
    }()

    static func caseReport(_ id: String, _ index: Int = 0) throws -> CheckReport {
        let cases = try CaseLoader.load(file: playbookDirectory + "/\(id).cases.yaml", playbookID: id, baseDirectory: playbookDirectory)
        return engine.diagnose(cases[index].report)
    }

    @Test func theFixLineShowsTheWholeFirstStep() throws {
        let report = try Self.caseReport("cloudfront_s3_origin_access_denied")
        #expect(report.diagnoses.first?.id == "cloudfront_s3_origin_access_denied")
        let text = TextReport.render(report, style: Style(enabled: false))
        let step = report.diagnoses[0].remediation[0]
        #expect(step.contains("\n"), "the first step of this playbook is several lines (a policy)")
        // Every line of the step is on the screen (the Markdown fences aside), in order.
        var rest = Substring(text)
        for line in step.split(separator: "\n").map(String.init) where !line.trimmedSpaces().hasPrefix("```") && !line.trimmedSpaces().isEmpty {
            guard let r = rest.range(of: line.trimmedSpaces()) else {
                Issue.record("missing from the fix: \(line)\n\(text)")
                break
            }
            rest = rest[r.upperBound...]
        }
        #expect(text.contains("(all steps: httpdiag explain cloudfront_s3_origin_access_denied)"))
        #expect(!text.contains("```"))
    }

    @Test func evidenceIsNotFaintAndEachFactIsSaidOnce() throws {
        let report = try Self.caseReport("cloudfront_s3_origin_access_denied")
        let text = TextReport.render(report, style: Style(enabled: true))
        let dim = "\u{1B}[2m"
        for line in text.split(separator: "\n") where line.hasPrefix("    · ") || line.contains("    · ") {
            #expect(!line.contains(dim), "evidence drawn faint: \(line)")
        }
        var evidence = report
        evidence.diagnoses[0].evidence += [evidence.diagnoses[0].evidence[1]]  // a fact twice
        let lines = TextReport.render(evidence, style: Style(enabled: false)).split(separator: "\n")
        let fact = "    · " + evidence.diagnoses[0].evidence[1]
        #expect(lines.filter { $0 == fact }.count == 1)
    }

    @Test func aFollowUpQuotedByTheCauseIsNotRepeatedBelow() throws {
        // Recorded cases with a spaced retry (no timing on a loaded machine decides whether it ran).
        var checked = 0
        for id in ["service_unavailable", "rate_limited", "intermittent_failure"] {
            let cases = try CaseLoader.load(file: playbookDirectory + "/\(id).cases.yaml", playbookID: id, baseDirectory: playbookDirectory)
            for c in cases where c.report.probes.contains(where: { !$0.followups.isEmpty }) {
                let report = Self.engine.diagnose(c.report)
                guard let quoted = report.diagnoses.first?.evidence.first(where: { $0.hasPrefix("follow-up ") }) else { continue }
                let text = TextReport.render(report, style: Style(enabled: false))
                let head = String(quoted.prefix { $0 != ":" })
                #expect(text.components(separatedBy: head).count - 1 == 1, "\(id): \(c.name)\n\(text)")
                checked += 1
            }
        }
        #expect(checked > 0, "no case whose cause quotes a follow-up")
    }

    @Test func theTerminalLosesThePerfdataUnlessAsked() {
        #expect(!CheckSession.Options.perfdata(terminal: true, asked: false))
        #expect(CheckSession.Options.perfdata(terminal: true, asked: true))
        #expect(CheckSession.Options.perfdata(terminal: false, asked: false))
    }

    @Test func aSessionWithoutPerfdataKeepsTheVerdictLine() throws {
        let server = try labServer(.text(200, "ok"))
        var options = CheckSession.Options(probe: ProbeOptions(url: server.baseURL + "/"))
        options.playbooks = PlaybookSource(directories: [playbookDirectory], noDefaults: true)
        options.perfdata = false
        let first = try CheckSession.run(options).output.text.split(separator: "\n")[0]
        #expect(first == "OK: 200 OK from 127.0.0.1:\(server.port)")
        options.perfdata = true
        #expect(try CheckSession.run(options).output.text.split(separator: "\n")[0].contains(" | time_total="))
    }

    @Test func remediationUsesTheRealPortAndTheBucketWhenVisible() throws {
        var report = try Self.caseReport("tls_certificate_expired")
        report.probes = report.probes.map { p in
            var p = p
            p.request.url = "https://localhost:48081/"
            return p
        }
        let fix = Self.engine.diagnose(report).diagnoses.first { $0.id == "tls_certificate_expired" }?.remediation[0] ?? ""
        #expect(fix.contains("-connect localhost:48081 "), "\(fix)")
        #expect(!fix.contains(":443"))
        var s3 = try Self.caseReport("cloudfront_s3_origin_access_denied")
        let unnamed = Self.engine.diagnose(s3).diagnoses[0].remediation[0]
        #expect(unnamed.contains("arn:aws:s3:::<bucket>/*"), "no bucket known: the placeholder, not a guess")
        s3.probes[0].request.url = "https://media-assets.s3.us-east-1.amazonaws.com/app.js"
        #expect(Self.engine.diagnose(s3).diagnoses[0].remediation[0].contains("arn:aws:s3:::media-assets/*"))
    }
}

@Suite("Templates")
struct TemplateTests {
    static func facts(url: String = "https://shop.example.com:8443/a", body: String = "") -> ProbeFacts {
        let response = ResponseEvidence(httpVersion: "1.1", status: 403, reason: "Forbidden", headers: [], bodySize: body.utf8.count, body: body)
        let probe = ProbeResult(
            address: "192.0.2.1",
            family: "ipv4",
            port: 8443,
            sample: 1,
            startedAt: Date(),
            verdict: .critical,
            timings: Timings(dnsMs: 0, connectMs: 0, tlsMs: 0, sendMs: 0, waitMs: 0, transferMs: 0, firstByteMs: 0, totalMs: 0),
            dns: nil,
            tls: nil,
            request: RequestEvidence(method: "GET", url: url),
            response: response,
            redirects: [],
            error: nil
        )
        return ProbeFacts(probe, hops: [])
    }

    @Test func aRunOfBracesClosesAtItsLastTwo() {
        let f = Self.facts(body: "abcdef")
        #expect(Template.render("[{{body_match:[a-z]{0,3}}}]", facts: f) == "[abc]")
        #expect(Template.render("{{status}} {{port}}", facts: f) == "403 8443")
    }

    @Test func whatTheProbeDoesNotKnowIsAPlaceholder() {
        let f = Self.facts()
        #expect(Template.render("{{bucket}} {{header:X-Amz-Cf-Pop}}", facts: f) == "<bucket> <X-Amz-Cf-Pop header>")
        #expect(Template.render("x{{body_match:nothing}}y", facts: f) == "xy")
        #expect(Template.describe("{{host}}:{{port}} {{field:dns.name}} {{body_match:a|b}}") == "<host>:<port> <dns.name> <quote from the body>")
    }

    @Test func theBucketComesFromTheURLOrTheBody() {
        #expect(Template.render("{{bucket}}", facts: Self.facts(url: "https://logs.prod.s3.eu-west-1.amazonaws.com/k")) == "logs.prod")
        #expect(Template.render("{{bucket}}", facts: Self.facts(url: "https://s3.us-east-2.amazonaws.com/media/k")) == "media")
        #expect(
            Template.render("{{bucket}}", facts: Self.facts(body: "<Error><BucketName>static-site</BucketName></Error>")) == "static-site"
        )
    }

    @Test func aPlaceholderThatWouldRenderAStrayFragmentIsALintError() throws {
        #expect(PlaybookLoader.strayTemplateText("{{status}} ok") == nil)
        #expect(PlaybookLoader.strayTemplateText(#"{{body_match:[^"}]*}} ok"#) == nil)  // a brace in a class
        #expect(PlaybookLoader.strayTemplateText(#"JSON {"a": {}}} {{status}}"#) == nil)  // JSON is text
        #expect(PlaybookLoader.strayTemplateText("{{body_match:x{0,3}} more") != nil)
        let dir = try makeTemporaryDirectory("stray")
        try samplePlaybook(id: "stray_cause", explanation: "'{{status}} {{body_match:5[0-9]{2}}'").write(
            toFile: dir + "/stray_cause.yaml",
            atomically: true,
            encoding: .utf8
        )
        #expect {
            _ = try PlaybookLoader.load(file: dir + "/stray_cause.yaml")
        } throws: { e in
            "\(e)".contains("stray fragment")
        }
    }

    @Test func lintReportsEveryErrorOfAFile() throws {
        let dir = try makeTemporaryDirectory("lint-all")
        let text = """
            id: many_errors
            title: Many
            layer: htp
            severity: dire
            confidence: 2
            when:
              - status: 500
              - failure: dns_nxdomian
            explanation: "{{nonsense}}"
            remediation: [fix it]
            verify: [check it]
            refrences: [x]
            """
        try text.write(toFile: dir + "/many_errors.yaml", atomically: true, encoding: .utf8)
        do {
            _ = try PlaybookLoader.load(directories: [dir])
            Issue.record("loaded a playbook with six errors")
        } catch let e as PlaybookError {
            let messages = e.errors.map(\.description).joined(separator: "\n")
            for needle in [
                "unknown key 'refrences'", "unknown layer 'htp'", "severity must be", "confidence must be", "dns_nxdomian", "{{nonsense}}",
            ] {
                #expect(messages.contains(needle), "missing \(needle) in\n\(messages)")
            }
            #expect(e.errors.count >= 6)
        }
    }
}

@Suite("explain and playbooks test say what they mean")
struct ExplainTests {
    static let playbooks = try! PlaybookLoader.load(directories: [playbookDirectory])

    @Test func aRunbookShowsPlaceholdersAsPlaceholders() throws {
        let p = try #require(Self.playbooks.first { $0.id == "tls_certificate_expired" })
        let text = Runbook.render(p)
        #expect(!text.contains("{{") && !text.contains("}}"), "\(text)")
        #expect(text.contains("-connect <host>:<port>"))
    }

    @Test func theCausesOfAStatusSayHowTheyDiffer() {
        let text = StatusCauses.render(502, playbooks: Self.playbooks)
        #expect(text.hasPrefix("Causes of 502 Bad Gateway, most specific first, and what tells them apart:"))
        #expect(text.contains("cloudfront_origin_dns_failure"))
        #expect(text.contains("      when hop cloudfront"))
        #expect(text.contains("server_error"), "the generic cause of the class is named")
    }

    @Test func aStatusWithoutCausesSaysSo() {
        let text = StatusCauses.render(418, playbooks: Self.playbooks)
        #expect(text.hasPrefix("No playbook names 418"), "\(text)")
        #expect(text.contains("client_error"))
    }

    @Test func playbooksTestExplainsItsCounts() {
        var tally = CaseTally(playbooks: 2)
        tally.add(.top, passed: true)
        tally.add(.top, passed: false)
        tally.add(.notTop, passed: true)
        tally.add(.absent, passed: true)
        tally.hopCases = 3
        tally.hopFailed = 1
        tally.hopSignatures = 2
        #expect(tally.cases == 4 && tally.failed == 2)
        #expect(tally.lines[1] == "playbooks: 2, cases: 4, failed: 2, top-1 accuracy: 1/2 = 50.0%")
        #expect(tally.lines[2].contains("4 playbook cases = 2 that must rank their playbook first (1 do: the top-1 accuracy)"))
        #expect(tally.lines[2].contains("+ 1 near misses that must not rank it first (1 pass) + 1 that must not diagnose it at all (1 pass)"))
        #expect(tally.lines[3].contains("3 hop cases"))
    }
}
