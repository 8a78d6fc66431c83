import Foundation
import HTTPDiagTestSupport
import Ink
import Testing

@testable import HTTPDiagCore
@testable import HTTPDiagPlaybooks

/// The incident report must render: parsed with a Markdown library, every section is
/// there and well-formed.
@Suite("Markdown incident report")
struct MarkdownReportTests {
    static func report() throws -> CheckReport {
        let playbook = try PlaybookLoader.load(file: playbookDirectory + "/cloudfront_s3_origin_access_denied.yaml")
        let cases = try CaseLoader.load(
            file: playbookDirectory + "/cloudfront_s3_origin_access_denied.cases.yaml",
            playbookID: playbook.id,
            baseDirectory: playbookDirectory
        )
        var r = cases[0].report
        r.probes[0].timings = Timings(
            dnsMs: 1.2,
            connectMs: 3.4,
            tlsMs: 12.5,
            sendMs: 0.1,
            waitMs: 40.2,
            transferMs: 0.3,
            firstByteMs: 57.4,
            totalMs: 57.7
        )
        r.probes[0].request.headers = [HeaderField(name: "Authorization", value: "Bearer <redacted:812 chars>")]
        return DiagnosisEngine(playbooks: [playbook]).diagnose(r)
    }

    @Test func rendersEverySectionAsValidMarkdown() throws {
        let markdown = MarkdownReport.render(try Self.report())
        let html = MarkdownParser().html(from: markdown)
        #expect(html.contains("<h1>CRITICAL: <code>cloudfront_s3_origin_access_denied</code>"))
        for heading in ["Summary", "Hops", "Timings", "Evidence", "Hypotheses", "Remediation", "Verification", "Probes"] {
            #expect(html.contains("<h2>\(heading)</h2>"), "missing section \(heading)")
        }
        #expect(html.contains("<code class=\"language-mermaid\">gantt"))
        #expect(html.components(separatedBy: "<table>").count - 1 >= 4)  // hops, timings, hypotheses, probes
        #expect(html.contains("<details>") && html.contains("<summary>Raw exchange (redacted)</summary>"))
        #expect(markdown.contains("TLS handshake 12.500 ms :4600, 17100"))
        #expect(markdown.contains("Bearer <redacted:812 chars>"))
        #expect(html.contains("<code class=\"language-json\">"))  // the bucket policy in the remediation
        #expect(html.contains("&lt;Code&gt;AccessDenied&lt;/Code&gt;"))  // quoted XML stays text
        // Outside the <details> HTML block every fence was closed and parsed; inside it
        // (GitHub renders Markdown there after the blank line) the raw exchange is one block.
        let parts = markdown.components(separatedBy: "<details>")
        #expect(!MarkdownParser().html(from: parts[0]).contains("```"))
        let inner = parts[1].components(separatedBy: "</summary>")[1].components(separatedBy: "</details>")[0]
        #expect(MarkdownParser().html(from: inner).contains("<pre><code class=\"language-http\">GET https://app.example.com/"))
    }

    @Test func tableCellsCannotBreakRows() {
        #expect(MarkdownReport.cell("a|b\nc") == "a&#124;b c")
        #expect(MarkdownReport.cell("<b>") == "&lt;b&gt;")
        #expect(MarkdownReport.escapeOutsideCodeSpans("`<b>` <b>_x_") == "`<b>` &lt;b&gt;&#95;x&#95;")
        #expect(MarkdownReport.code("a`b") == "``a`b``")
        #expect(MarkdownReport.sanitize("x\u{1B}[31my") == "x␛[31my")
    }
}

/// Diagnoses and hops in the JSON output are documented in docs/json-output.md too.
@Suite("JSON output with diagnoses")
struct DiagnosedJSONTests {
    @Test func diagnosesAndHopsAreDocumented() throws {
        let report = try MarkdownReportTests.report()
        #expect(!report.diagnoses.isEmpty && !report.hops.isEmpty)
        let doc = try String(contentsOf: repositoryRoot.appendingPathComponent("docs/json-output.md"), encoding: .utf8)
        let json = try JSONDecoder().decode(JSONValue.self, from: Data(try JSONReport.render(report).utf8))
        var paths = Set<String>()
        func walk(_ v: JSONValue, _ p: String) {
            switch v {
            case .object(let o):
                for (k, x) in o {
                    let q = p.isEmpty ? k : p + "." + k
                    paths.insert(q)
                    walk(x, q)
                }
            case .array(let a): for x in a { walk(x, p + "[]") }
            default: break
            }
        }
        walk(json, "")
        for path in paths where path.hasPrefix("diagnoses") || path.hasPrefix("hops") {
            #expect(doc.contains("| `\(path)` |"), "undocumented JSON field \(path)")
        }
        #expect(paths.contains("diagnoses[].severity") && paths.contains("hops[].generated_response"))
    }
}
