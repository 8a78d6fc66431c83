/// Makes the follow-up requests FollowUpPlanner chose, one after another, each bounded by
/// a short budget and all by the check's deadline. They go to the primary probe's address
/// and port, never carry credentials (no Authorization, Cookie, secret headers, URL
/// password or secret query values, -u, client certificate), and never change anything:
/// GET or HEAD without a body, or a bare handshake/connect.
struct FollowUpRunner {
    let context: ProbeContext
    let primary: ProbeResult
    /// The URL the primary probe's last hop went to.
    let finalURL: String
    /// CLOCK_MONOTONIC ns by which every follow-up has ended.
    let deadline: UInt64

    func run(_ steps: [FollowUpPlanner.Step]) async -> [FollowUp] {
        guard primary.address != nil else { return [] }
        var done: [FollowUp] = []
        for step in steps.prefix(FollowUpPlanner.maxPerCheck) {
            if Task.isCancelled { break }
            // Each follow-up is the prober registered for its kind (ProberRegistry).
            guard let prober = context.probers.followUps[step.kind] else { continue }
            let question = FollowUpQuestion(step: step, primary: primary, finalURL: finalURL, deadline: deadline)
            if let result = await prober.probe(question, context: context).evidence { done.append(redacted(result)) }
        }
        return done
    }

    private func redacted(_ f: FollowUp) -> FollowUp {
        var f = f
        f.target = context.redactor.scrub(f.target)
        f.summary = context.redactor.scrub(f.summary)
        return f
    }
}
