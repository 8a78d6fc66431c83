import HTTPDiagCore
import Testing

@testable import HTTPDiagPlaybooks

@Suite("Condition order of the diagnosis gate")
struct ConditionOrderTests {
    /// Conditions that run a regex go after the others of their list, nested lists too;
    /// the others keep their order.
    @Test func regexConditionsComeLast() {
        var matching = ValueTest()
        matching.matches = "upstream (timed out|reset)"
        var containing = ValueTest()
        containing.contains = "upstream"
        let regex = Condition.body(matching)
        let plain = Condition.body(containing)
        let ordered = Condition.cheapFirst([regex, .status([.code(502)]), .any([regex, .failure(["timeout"])]), plain])
        #expect(ordered.map(\.runsRegex) == [false, false, true, true])
        guard case .status = ordered[0], case .body(let t) = ordered[1], t.contains == "upstream" else {
            Issue.record("cheap conditions out of order: \(ordered)")
            return
        }
        guard case .any(let inner) = ordered[3], case .failure = inner.first else {
            Issue.record("the nested list was not reordered: \(ordered)")
            return
        }
    }

    /// The gate (reordered) and the evaluation in written order agree on every built-in
    /// playbook, for responses of several kinds (the fixtures and corpora check the
    /// rankings through the gate).
    @Test(arguments: [
        (502, "nginx", "<html><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></html>"),
        (403, "AmazonS3", "<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>"),
        (429, "cloudflare", "error code: 1015"), (200, "gunicorn", "ok"),
    ])
    func theGateAgreesWithTheWrittenOrder(status: Int, server: String, body: String) throws {
        var probe = FieldCatalog.example
        var response = try #require(probe.response)
        response.status = status
        response.headers = [HeaderField(name: "Server", value: server)]
        response.body = body
        probe.response = response
        let facts = ProbeFacts(probe, hops: HopCatalog.standard)
        let evaluator = ConditionEvaluator(facts: facts, summary: SummaryFacts([probe]))
        for playbook in BuiltinPlaybooks.playbooks {
            #expect(
                Condition.cheapFirst(playbook.when).allSatisfy(evaluator.holds) == evaluator.evaluate(.all(playbook.when)).holds,
                "\(playbook.id)"
            )
        }
    }
}
