import Foundation
import HTTPDiagTestSupport
import Ink
import Testing

@testable import HTTPDiagCore
@testable import HTTPDiagPlaybooks

/// The report reads as a ticket: what to do first, the DNS and TLS facts when they
/// matter, commands as code, a real request line, entities only where markup could open.
@Suite("Markdown report: order and sections")
struct MarkdownSectionsTests {
    @Test func fixAndVerificationComeRightAfterTheSummary() throws {
        let md = MarkdownReport.render(try MarkdownReportTests.report())
        let headings = md.split(separator: "\n").filter { $0.hasPrefix("## ") }.map(String.init)
        #expect(Array(headings.prefix(3)) == ["## Summary", "## Remediation", "## Verification"], "\(headings)")
    }

    @Test func theRawExchangeStartsWithARequestLine() throws {
        let md = MarkdownReport.render(try MarkdownReportTests.report())
        let raw = md.components(separatedBy: "```http\n")[1]
        let first = raw.split(separator: "\n")[0]
        #expect(first.wholeMatch(of: /[A-Z]+ https?:\/\/\S+ HTTP\/[0-9.]+/) != nil, "\(first)")
        #expect(raw.split(separator: "\n")[1].hasPrefix("Host: "))
    }

    @Test func aDNSFailureHasItsSection() throws {
        let report = try FirstScreenTests.caseReport("dns_nxdomain")
        let md = MarkdownReport.render(report)
        #expect(md.contains("## DNS"), "\(md)")
        #expect(md.contains("| query | response | answers (TTL) | time |"))
        #expect(md.contains("NXDOMAIN"))
        let html = MarkdownParser().html(from: md)
        #expect(html.contains("<h2>DNS</h2>"))
    }

    @Test func aTLSFailureHasTheChain() throws {
        let report = try FirstScreenTests.caseReport("tls_certificate_expired")
        let md = MarkdownReport.render(report)
        #expect(md.contains("## TLS chain"), "\(md)")
        #expect(md.contains("| # | subject | issuer | valid from | valid until | days left |"))
        #expect(md.contains("expired "))
        // A healthy 200 has neither.
        var ok = report
        ok.probes = ok.probes.map { p in
            var p = p
            p.tls = nil
            p.dns = nil
            return p
        }
        let plain = MarkdownReport.render(ok)
        #expect(!plain.contains("## TLS chain") && !plain.contains("## DNS"))
    }

    @Test func commandsAreCode() {
        #expect(
            MarkdownReport.commandsAsCode("Test the origin: curl -sv --resolve a:443:1.2.3.4 https://a/ (use the origin IP)")
                == "Test the origin: `curl -sv --resolve a:443:1.2.3.4 https://a/` (use the origin IP)"
        )
        #expect(
            MarkdownReport.commandsAsCode("Apply it: aws s3api put-bucket-policy --bucket b --policy file://p.json")
                == "Apply it: `aws s3api put-bucket-policy --bucket b --policy file://p.json`"
        )
        #expect(MarkdownReport.commandsAsCode("Already `curl x` quoted: curl y") == "Already `curl x` quoted: curl y")
        #expect(MarkdownReport.commandsAsCode("No command here, just text.") == "No command here, just text.")
        let html = MarkdownParser().html(from: MarkdownReport.textOutsideFences("Check: aws s3api get-bucket-policy --bucket my_bucket"))
        #expect(html.contains("<code>aws s3api get-bucket-policy --bucket my_bucket</code>"), "\(html)")
    }

    @Test func entitiesOnlyWhereMarkupCouldOpen() {
        #expect(MarkdownReport.escape("failure tls_cert_expired: x") == "failure `tls_cert_expired`: x")
        #expect(MarkdownReport.escape("a | b # c ! d") == "a | b # c ! d")
        #expect(MarkdownReport.escape("_x_ *y* [z](u) <b>") == "&#95;x&#95; &#42;y&#42; &#91;z](u) &lt;b&gt;")
        #expect(MarkdownReport.escape("# heading") == "&#35; heading")
        // Rendered, the text is the text: no emphasis inside words, no link, no tag.
        let text = "tls_cert_expired and a_b_c, x*y*z"
        let html = MarkdownParser().html(from: MarkdownReport.escape(text))
        #expect(!html.contains("<em>") && !html.contains("<strong>"), "\(html)")
        #expect(html.contains("<code>tls_cert_expired</code> and <code>a_b_c</code>"), "\(html)")
    }
}

@Suite("Markdown report: each fact once")
struct MarkdownFactsOnceTests {
    @Test func theExplanationIsInTheSummaryNotRepeatedAsEvidence() throws {
        var report = try MarkdownReportTests.report()
        let explanation = report.diagnoses[0].evidence[0]
        report.diagnoses[0].evidence.append(report.diagnoses[0].evidence[1])
        let md = MarkdownReport.render(report)
        let evidence = md.components(separatedBy: "## Evidence\n")[1].components(separatedBy: "\n## ")[0]
        #expect(!evidence.contains(MarkdownReport.escape(explanation)))
        let fact = "- " + MarkdownReport.escape(report.diagnoses[0].evidence[1])
        #expect(evidence.components(separatedBy: fact).count - 1 == 1, "\(evidence)")
    }
}
