import HTTPDiagCore

/// Runs playbook fixtures through the engine: `httpdiag playbooks test` and `make test`.
public struct CaseRunner: Sendable {
    public let engine: DiagnosisEngine

    public init(engine: DiagnosisEngine) { self.engine = engine }

    /// Every `<id>.cases.yaml` beside the playbooks (the engine's, or only `playbooks`: those
    /// read from files); a playbook without one is an error.
    public func loadCases(directory: String, playbooks: [Playbook]? = nil, now: Date = Date()) throws -> [PlaybookCase] {
        var cases: [PlaybookCase] = []
        var errors: [PlaybookError] = []
        for playbook in playbooks ?? engine.playbooks {
            let dir = String(playbook.file.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/"))
            let path = (dir.isEmpty ? "." : dir) + "/\(playbook.id).cases.yaml"
            guard FileManager.default.fileExists(atPath: path) else {
                errors.append(PlaybookError(file: playbook.file, line: nil, message: "no fixture cases: expected \(path)"))
                continue
            }
            do {
                let loaded = try CaseLoader.load(file: path, playbookID: playbook.id, baseDirectory: dir.isEmpty ? "." : dir, now: now)
                if !loaded.contains(where: { $0.expect == .top }) || !loaded.contains(where: { $0.expect != .top }) {
                    errors.append(
                        PlaybookError(file: path, line: nil, message: "needs at least one 'top' case and one near miss ('not_top' or 'absent')")
                    )
                }
                cases += loaded
            } catch let e as PlaybookError { errors.append(e) } catch { errors.append(PlaybookError(file: path, line: nil, message: "\(error)")) }
        }
        if !errors.isEmpty { throw PlaybookErrors(errors: errors) }
        return cases
    }

    public func run(_ c: PlaybookCase) -> CaseResult {
        let report = engine.diagnose(c.report)
        let ids = report.diagnoses.map(\.id)
        let passed: Bool
        switch c.expect {
        case .top: passed = ids.first == c.playbookID
        case .notTop: passed = ids.first != c.playbookID
        case .absent: passed = !ids.contains(c.playbookID)
        }
        var unmet: [String] = []
        if !passed, c.expect == .top, let playbook = engine.playbooks.first(where: { $0.id == c.playbookID }),
            let primary = DiagnosisEngine.primaryProbe(report.probes)
        {
            let evaluator = ConditionEvaluator(facts: ProbeFacts(primary, index: engine.hopIndex), summary: SummaryFacts(report.probes))
            unmet = playbook.when.enumerated().filter { !evaluator.evaluate($0.element).holds }.map {
                "condition \($0.offset + 1): \(ConditionText.describe($0.element))"
            }
        }
        return CaseResult(testCase: c, passed: passed, topID: ids.first, diagnosisIDs: ids, unmetConditions: unmet)
    }
}

/// Conditions as one line of text, for failure messages and `explain`.
enum ConditionText {
    static func describe(_ c: Condition) -> String {
        switch c {
        case .failure(let k): "failure is \(k.joined(separator: " or "))"
        case .status(let p):
            "status is "
                + p.map { if case .code(let c) = $0 { String(c) } else if case .klass(let k) = $0 { "\(k)xx" } else { "" } }.joined(separator: " or ")
        case .hop(let t): t.description
        case .header(let n, let t): "response header \(n) \(t.description)"
        case .requestHeader(let n, let t): "request header \(n) \(t.description)"
        case .body(let t): "body \(t.description)"
        case .field(let p, let t): "\(p) \(t.description)"
        case .summary(let p, let t): "summary.\(p) \(t.description)"
        case .all(let cs): "all of (" + cs.map(describe).joined(separator: "; ") + ")"
        case .any(let cs): "any of (" + cs.map(describe).joined(separator: "; ") + ")"
        case .not(let c): "not (" + describe(c) + ")"
        }
    }
}
