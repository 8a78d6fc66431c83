import HTTPDiagCore

/// Runs every playbook over a check's evidence and ranks what matched.
public struct DiagnosisEngine: Sendable {
    public let playbooks: [Playbook]
    public let hops: [HopSignature]
    /// Per playbook, its `when` conditions in the order the gate tests them: those that
    /// run a regex last (Condition.cheapFirst), so that a playbook whose status, failure
    /// kind or hops do not fit never compiles or runs its patterns. Made once per engine.
    private let gates: [[Condition]]
    /// Which hop signatures a probe's headers, body and CNAMEs leave worth evaluating.
    let hopIndex: HopSignatureIndex

    public init(playbooks: [Playbook], hops: [HopSignature] = HopCatalog.standard) {
        self.playbooks = playbooks
        self.hops = hops
        gates = playbooks.map { Condition.cheapFirst($0.when) }
        hopIndex = HopSignatureIndex(hops)
    }

    public init(library: PlaybookLibrary) { self.init(playbooks: library.playbooks, hops: library.hops) }

    /// Adds hops and ranked diagnoses to a report; raises the verdict when a diagnosis
    /// says a 2xx/3xx is a failure (a WAF challenge, an S3 PermanentRedirect).
    public func diagnose(_ report: CheckReport) -> CheckReport {
        var report = report
        guard let primary = Self.primaryProbe(report.probes) else { return report }
        let facts = ProbeFacts(primary, index: hopIndex)
        report.hops = facts.hops
        report.diagnoses = diagnoses(facts: facts, summary: SummaryFacts(report.probes))
        if let top = report.diagnoses.first {
            let raised: Verdict = top.severity == "critical" ? .critical : top.severity == "warning" ? .warning : .ok
            if raised > report.verdict {
                report.verdict = raised
                if let i = report.probes.firstIndex(where: {
                    $0.startedAt == primary.startedAt && $0.address == primary.address && $0.sample == primary.sample
                }) {
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

    /// Every playbook whose conditions hold, ranked by the weight of its evidence
    /// (EvidenceWeight): specific signals first, generic fallbacks (a hop's role, a status,
    /// a failure kind) below them as alternatives. Look-alikes that also matched get the
    /// text that tells them apart.
    func diagnoses(facts: ProbeFacts, summary: SummaryFacts) -> [Diagnosis] {
        let evaluator = ConditionEvaluator(facts: facts, summary: summary)
        var matched: [(diagnosis: Diagnosis, score: Double, playbook: Playbook)] = []
        for i in playbooks.indices {
            // Most playbooks fail: test them in place, without copying the playbook or
            // building evidence, and evaluate the few that hold.
            guard gates[i].allSatisfy(evaluator.holds) else { continue }
            let playbook = playbooks[i]
            let result = evaluator.evaluate(.all(playbook.when))
            var score = playbook.when.reduce(0) { $0 + EvidenceWeight.of($1, evaluator: evaluator) } + Self.priorWeight * playbook.confidence
            var evidence = [Template.render(playbook.explanation, facts: facts)] + result.evidence
            for condition in playbook.support where evaluator.holds(condition) {
                let r = evaluator.evaluate(condition)
                score += EvidenceWeight.of(condition, evaluator: evaluator)
                evidence += r.evidence
            }
            for condition in playbook.against where evaluator.holds(condition) {
                score -= max(1, EvidenceWeight.of(condition, evaluator: evaluator))
                evidence.append("against: \(ConditionText.describe(condition))")
            }
            matched.append(
                (
                    Diagnosis(
                        id: playbook.id,
                        title: playbook.title,
                        confidence: EvidenceWeight.confidence(score),
                        evidence: evidence,
                        remediation: playbook.remediation.map { Template.render($0, facts: facts) },
                        verify: playbook.verify.map { Template.render($0, facts: facts) },
                        playbook: playbook.file,
                        layer: playbook.layer,
                        severity: playbook.severity
                    ), score, playbook
                )
            )
        }
        matched.sort { a, b in
            a.score != b.score
                ? a.score > b.score
                : a.playbook.confidence != b.playbook.confidence
                    ? a.playbook.confidence > b.playbook.confidence
                    : a.diagnosis.id < b.diagnosis.id
        }
        let ids = Set(matched.map(\.diagnosis.id))
        return matched.map { m in
            var d = m.diagnosis
            let tells = m.playbook.lookAlikes.filter { ids.contains($0.id) && $0.id != d.id }.map { "vs \($0.id): \($0.tell)" }
            d.tellApart = tells.isEmpty ? nil : tells
            return d
        }
    }

    /// How much a playbook's prior (`confidence`) counts next to its evidence.
    static let priorWeight = 4.0
}
