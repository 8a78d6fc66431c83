import HTTPDiagCore

/// Runs every playbook over a check's evidence and ranks what matched.
public struct DiagnosisEngine: Sendable {
    public let playbooks: [Playbook]

    public init(playbooks: [Playbook]) { self.playbooks = playbooks }

    /// Adds hops and ranked diagnoses to a report; raises the verdict when a diagnosis
    /// says a 2xx/3xx is a failure (a WAF challenge, an S3 PermanentRedirect).
    public func diagnose(_ report: CheckReport) -> CheckReport {
        var report = report
        guard let primary = Self.primaryProbe(report.probes) else { return report }
        let facts = ProbeFacts(primary)
        report.hops = facts.hops
        report.diagnoses = diagnoses(facts: facts, summary: SummaryFacts(report.probes))
        if let top = report.diagnoses.first {
            let raised: Verdict = top.severity == "critical" ? .critical : top.severity == "warning" ? .warning : .ok
            if raised > report.verdict {
                report.verdict = raised
                if let i = report.probes.firstIndex(where: { $0.startedAt == primary.startedAt && $0.address == primary.address && $0.sample == primary.sample }) {
                    report.probes[i].verdict = max(report.probes[i].verdict, raised)
                }
                report.reason = "\(top.id): " + report.reason
            }
        }
        return report
    }

    /// The probe the diagnosis explains: the first of the worst verdict.
    public static func primaryProbe(_ probes: [ProbeResult]) -> ProbeResult? {
        guard let worst = probes.map(\.verdict).max() else { return nil }
        return probes.first { $0.verdict == worst }
    }

    func diagnoses(facts: ProbeFacts, summary: SummaryFacts) -> [Diagnosis] {
        let evaluator = ConditionEvaluator(facts: facts, summary: summary)
        var matched: [(Diagnosis, Int)] = []
        for playbook in playbooks {
            let result = evaluator.evaluate(.all(playbook.when))
            guard result.holds else { continue }
            let explanation = Template.render(playbook.explanation, facts: facts)
            matched.append((Diagnosis(
                id: playbook.id, title: playbook.title, confidence: playbook.confidence,
                evidence: [explanation] + result.evidence,
                remediation: playbook.remediation.map { Template.render($0, facts: facts) },
                verify: playbook.verify.map { Template.render($0, facts: facts) },
                playbook: playbook.file, layer: playbook.layer, severity: playbook.severity), playbook.when.count))
        }
        // Most confident first; among equals, the more specific (more conditions) first.
        return matched.sorted { a, b in
            a.0.confidence != b.0.confidence ? a.0.confidence > b.0.confidence : a.1 != b.1 ? a.1 > b.1 : a.0.id < b.0.id
        }.map(\.0)
    }
}
