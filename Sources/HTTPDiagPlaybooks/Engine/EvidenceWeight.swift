#if canImport(Glibc)
import Glibc
#endif

/// How much one condition that held says about a cause: specific signals (a vendor's
/// error text, a header value, a failure kind derived from an error code) outweigh
/// generic ones (a status class, a hop's role). A playbook's score is the sum over its
/// `when` conditions, minus the `against` conditions that hold, plus its prior
/// (docs/playbooks.md, "Ranking").
enum EvidenceWeight {
    static func of(_ condition: Condition, evaluator: ConditionEvaluator) -> Double {
        switch condition {
        case .failure: 3
        case .status(let patterns):
            patterns.count == 1 ? (patterns[0].codes.isEmpty ? 0.5 : 1.5) : patterns.allSatisfy { !$0.codes.isEmpty } ? 1 : 0.5
        case .hop(let t):
            (t.name != nil ? 1.5 : 0.75) + (t.generated == true ? 1 : 0) + (t.upstream != nil ? 2 : 0)
        case .header(_, let t), .requestHeader(_, let t), .body(let t): valueWeight(t, strong: 3)
        case .field(_, let t): valueWeight(t, strong: 2)
        // A fact about all probes together (samples disagree, one address fails) is
        // evidence no single response carries: a number counts as much as a match.
        case .summary(_, let t): max(valueWeight(t, strong: 2), t.exists == false ? 0.5 : 1.5)
        case .all(let cs): cs.reduce(0) { $0 + of($1, evaluator: evaluator) }
        case .any(let cs):
            // The branch that held is the evidence.
            cs.first { evaluator.evaluate($0).holds }.map { of($0, evaluator: evaluator) } ?? 0
        case .not: 0  // a guard, not evidence
        }
    }

    /// A test on a value's content is specific; presence is less so; absence is weak.
    static func valueWeight(_ t: ValueTest, strong: Double) -> Double {
        if t.matches != nil || t.contains != nil || t.equals != nil || t.oneOf != nil { return strong }
        if t.gt != nil || t.gte != nil || t.lt != nil || t.lte != nil { return strong - 1 }
        if t.exists == true { return strong - 1 }
        return 0.5
    }

    /// The score as a 0..1 confidence for people: 1 - e^(-score/4).
    static func confidence(_ score: Double) -> Double {
        let c = 1 - exp(-max(0, score) / 4)
        return (c * 100).rounded() / 100
    }
}
