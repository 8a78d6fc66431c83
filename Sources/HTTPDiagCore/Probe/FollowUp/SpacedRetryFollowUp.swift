/// 429/503 (or 502 after a success): the same request once more after a pause.
struct SpacedRetryFollowUp: FollowUpProber {
    static let kind = FollowUp.Kind.spacedRetry
    static let layer = ProbeLayer.http

    func probe(_ question: FollowUpQuestion, context: ProbeContext) async -> LayerOutcome<FollowUp?> {
        let ask = FollowUpAsk(question: question, context: context)
        let address = ask.address
        guard case .spacedRetry(let pauseMs) = question.step else { return LayerOutcome(evidence: nil) }
        return LayerOutcome(evidence: await run(address, pauseMs: pauseMs, ask: ask, context: context))
    }

    private func run(_ address: String, pauseMs: Int, ask: FollowUpAsk, context: ProbeContext) async -> FollowUp? {
        guard ask.remainingMs() >= pauseMs + 300, let url = ask.sanitizedURL() else { return nil }
        let started = context.now()
        let clock = MonotonicClock.now()
        try? await Task.sleep(nanoseconds: UInt64(pauseMs) * 1_000_000)
        if Task.isCancelled { return nil }
        guard let budget = ask.budget(FollowUpAsk.requestCapMs) else { return nil }
        let request = ask.hopRequest(url: url, method: ask.safeMethod, address: address, budgetMs: budget)
        guard let o = try? await HopTransfer.perform(request), !o.cancelled else { return nil }
        let first = ask.primary.response?.status ?? 0
        let pause = "after a \(Format.fixed(Double(pauseMs) / 1000, 1)) s pause"
        let (outcome, status, finding, summary): (String, Int?, String, String)
        if let line = o.statusLine {
            let failed = line.status >= 400
            if !failed {
                (outcome, status, finding, summary) = (
                    "\(line.status)", line.status, "retry_succeeded",
                    "\(pause) the same \(ask.safeMethod) got \(ask.statusText(line)): the \(first) was transient (rate limit window, flapping or restarting upstream)"
                )
            } else if line.status == first {
                (outcome, status, finding, summary) = (
                    "\(line.status)", line.status, "retry_same_status",
                    "\(pause) the same \(ask.safeMethod) got \(first) again: a lasting failure or a limit that is still in force"
                )
            } else {
                (outcome, status, finding, summary) = (
                    "\(line.status)", line.status, "retry_other_status",
                    "\(pause) the same \(ask.safeMethod) got \(ask.statusText(line)) instead of \(first)"
                )
            }
        } else {
            let kind = FailureClassifier.classify(o, scheme: URLParts(url).scheme.lowercased(), hasClientCert: false)?.kind.rawValue ?? "no_answer"
            (outcome, status, finding, summary) = (kind, nil, "retry_failed", "\(pause) the same \(ask.safeMethod) failed: \(kind)")
        }
        return FollowUp(
            kind: .spacedRetry,
            target: ask.targetText(address),
            startedAt: started,
            durationMs: MonotonicClock.millisecondsSince(clock),
            outcome: outcome,
            status: status,
            finding: finding,
            summary: summary + ask.credentialNote
        )
    }
}
