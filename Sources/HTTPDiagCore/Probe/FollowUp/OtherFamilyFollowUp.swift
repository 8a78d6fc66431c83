/// The name has an address of the other family that no probe tried.
struct OtherFamilyFollowUp: FollowUpProber {
    static let kind = FollowUp.Kind.otherFamily
    static let layer = ProbeLayer.http

    func probe(_ question: FollowUpQuestion, context: ProbeContext) async -> LayerOutcome<FollowUp?> {
        let ask = FollowUpAsk(question: question, context: context)
        guard case .otherFamily(let other) = question.step else { return LayerOutcome(evidence: nil) }
        return LayerOutcome(evidence: await run(other, ask: ask, context: context))
    }

    private func run(_ other: String, ask: FollowUpAsk, context: ProbeContext) async -> FollowUp? {
        guard let budget = ask.budget(FollowUpAsk.requestCapMs), let url = ask.sanitizedURL() else { return nil }
        let request = ask.hopRequest(url: url, method: ask.safeMethod, address: other, budgetMs: budget)
        let mine = ask.primary.family ?? "?"
        let theirs = IPAddress.family(other) ?? "?"
        return await ask.measure(.otherFamily, other) {
            guard let o = try? await HopTransfer.perform(request), !o.cancelled else { return nil }
            let error = FailureClassifier.classify(o, scheme: URLParts(url).scheme.lowercased(), hasClientCert: false)
            let status = o.statusLine?.status
            let outcome = status.map(String.init) ?? error?.kind.rawValue ?? "no_answer"
            let works = error == nil && (status ?? 0) < 400
            return (
                outcome, status, works ? "\(theirs)_ok_\(mine)_fails" : "both_families_fail",
                works
                    ? "\(other) (\(theirs)) answered \(outcome) where \(ask.primary.address ?? "") (\(mine)) failed: the \(mine) path or listener is the problem"
                    : "\(other) (\(theirs)) failed too (\(outcome)): not a problem of one address family"
            )
        }
    }
}
