import HTTPDiagCore

/// Evaluates conditions against one probe's facts and the summary; every condition that
/// holds contributes a line of evidence quoting what it saw.
struct ConditionEvaluator {
    let facts: ProbeFacts
    let summary: SummaryFacts

    func evaluate(_ condition: Condition) -> (holds: Bool, evidence: [String]) {
        let probe = facts.probe
        switch condition {
        case .failure(let kinds):
            let kind = probe.error?.kind.rawValue
            guard let kind, kinds.contains(kind) else { return (false, []) }
            return (true, ["failure \(kind): \(probe.error?.message ?? "")"])
        case .status(let patterns):
            guard let status = probe.response?.status, patterns.contains(where: { $0.matches(status) }) else { return (false, []) }
            return (true, ["status \(status) \(probe.response?.reason ?? "")".trimmedSpaces()])
        case .hop(let test):
            guard let hop = facts.hops.first(where: test.holds) else { return (false, []) }
            let role = test.name == nil ? " (\(hop.role ?? "origin"))" : ""
            let upstream = hop.upstream.map { ", upstream: \($0)" } ?? ""
            return (
                true,
                [
                    "hop \(hop.name)\(role)\(hop.generatedResponse ? " (generated the response\(upstream))" : ""): \(hop.evidence.prefix(2).joined(separator: "; "))"
                ]
            )
        case .header(let name, let test):
            return headerTest(probe.response?.headers ?? [], name: name, test: test, label: "response header")
        case .requestHeader(let name, let test):
            return headerTest(probe.request.headers, name: name, test: test, label: "request header")
        case .body(let test):
            let body = probe.response?.body
            guard test.passes(body.map { .string($0) }) else { return (false, []) }
            let quote = test.matches.flatMap { RegexCache.firstMatch($0, body ?? "") } ?? test.contains ?? String((body ?? "").prefix(80))
            return (true, ["body: \(quote.prefix(160))"])
        case .field(let path, let test):
            let r = valueTest(facts.values(path), path: path, test: test)
            // A follow-up is quoted by what it saw, not by its path.
            if r.0, path.hasPrefix("followups[]."),
                let f = probe.followups.first(where: {
                    test.passes(.string($0.finding)) || test.passes(.string($0.kind.rawValue)) || test.passes(.string($0.outcome))
                })
            {
                return (true, ["follow-up \(f.kind.rawValue) \(f.target) → \(f.finding): \(f.summary)"])
            }
            return r
        case .summary(let path, let test):
            return valueTest(ProbeFacts.values(path, in: summary.tree), path: "summary.\(path)", test: test)
        case .all(let conditions):
            var evidence: [String] = []
            for c in conditions {
                let r = evaluate(c)
                if !r.holds { return (false, []) }
                evidence += r.evidence
            }
            return (true, evidence)
        case .any(let conditions):
            for c in conditions {
                let r = evaluate(c)
                if r.holds { return r }
            }
            return (false, [])
        case .not(let inner):
            return (!evaluate(inner).holds, [])
        }
    }

    /// Whether `condition` holds: `evaluate(condition).holds` without building the
    /// evidence lines (most playbooks fail, and their evidence is never read).
    func holds(_ condition: Condition) -> Bool {
        // `facts.probe.x` each time, not a local copy of the probe: copying the whole
        // ProbeResult (every field retained) for each of ~50 conditions was a fleet cost.
        switch condition {
        case .failure(let kinds):
            guard let kind = facts.probe.error?.kind.rawValue else { return false }
            return kinds.contains(kind)
        case .status(let patterns):
            guard let status = facts.probe.response?.status else { return false }
            return patterns.contains { $0.matches(status) }
        case .hop(let test):
            return facts.hops.contains(where: test.holds)
        case .header(let name, let test):
            return headerHolds(facts.probe.response?.headers ?? [], name: name, test: test)
        case .requestHeader(let name, let test):
            return headerHolds(facts.probe.request.headers, name: name, test: test)
        case .body(let test):
            return test.passes((facts.probe.response?.body).map { .string($0) })
        case .field(let path, let test):
            return valueHolds(facts.values(path), test: test)
        case .summary(let path, let test):
            return valueHolds(ProbeFacts.values(path, in: summary.tree), test: test)
        case .all(let conditions):
            return conditions.allSatisfy(holds)
        case .any(let conditions):
            return conditions.contains(where: holds)
        case .not(let inner):
            return !holds(inner)
        }
    }

    private func headerHolds(_ headers: [HeaderField], name: String, test: ValueTest) -> Bool {
        var present = false
        for field in headers where field.name.caseInsensitiveEquals(name) {
            if test.passes(.string(field.value)) { return true }
            present = true
        }
        return present ? false : test.passes(nil)
    }

    private func valueHolds(_ values: [JSONValue], test: ValueTest) -> Bool {
        if values.isEmpty { return test.passes(nil) }
        return values.contains { test.passes($0) }
    }

    private func headerTest(_ headers: [HeaderField], name: String, test: ValueTest, label: String) -> (Bool, [String]) {
        let values = headers.all(name)
        if values.isEmpty { return test.passes(nil) ? (true, ["\(label) \(name) absent"]) : (false, []) }
        for v in values where test.passes(.string(v)) { return (true, ["\(label) \(name): \(v.prefix(160))"]) }
        return (false, [])
    }

    private func valueTest(_ values: [JSONValue], path: String, test: ValueTest) -> (Bool, [String]) {
        if values.isEmpty { return test.passes(nil) ? (true, ["\(path) absent"]) : (false, []) }
        for v in values where test.passes(v) { return (true, ["\(path) = \(v.text.map { String($0.prefix(120)) } ?? "\(v)")"]) }
        return (false, [])
    }
}
