import HTTPDiagCore

/// The counts of `httpdiag playbooks test`, and what each one counts: a case either must
/// rank its playbook first (`expect: top`), must not rank it first (`not_top`, a near
/// miss), or must not diagnose it at all (`absent`); top-1 accuracy is over the first kind.
public struct CaseTally: Sendable, Equatable {
    public var playbooks = 0
    public var top = 0
    public var topPassed = 0
    public var notTop = 0
    public var notTopPassed = 0
    public var absent = 0
    public var absentPassed = 0
    public var hopCases = 0
    public var hopFailed = 0
    public var hopSignatures = 0

    public init(playbooks: Int = 0) { self.playbooks = playbooks }

    public mutating func add(_ expectation: PlaybookCase.Expectation, passed: Bool) {
        switch expectation {
        case .top:
            top += 1
            if passed { topPassed += 1 }
        case .notTop:
            notTop += 1
            if passed { notTopPassed += 1 }
        case .absent:
            absent += 1
            if passed { absentPassed += 1 }
        }
    }

    public var cases: Int { top + notTop + absent }
    public var failed: Int { (top - topPassed) + (notTop - notTopPassed) + (absent - absentPassed) + hopFailed }

    /// The closing lines: the totals (the line scripts read, unchanged), then what they count.
    public var lines: [String] {
        let accuracy = top == 0 ? 0 : Double(topPassed) / Double(top) * 100
        return [
            "hop signatures: \(hopSignatures), hop cases: \(hopCases), failed: \(hopFailed)",
            "playbooks: \(playbooks), cases: \(cases), failed: \(failed), top-1 accuracy: \(topPassed)/\(top) = \(Format.fixed(accuracy, 1))%",
            "  \(cases) playbook cases = \(top) that must rank their playbook first (\(topPassed) do: the top-1 accuracy)"
                + " + \(notTop) near misses that must not rank it first (\(notTopPassed) pass)"
                + " + \(absent) that must not diagnose it at all (\(absentPassed) pass)",
            "  \(hopCases) hop cases: each must identify its hop (\(hopCases - hopFailed) do); failed counts playbook and hop cases together",
        ]
    }
}
