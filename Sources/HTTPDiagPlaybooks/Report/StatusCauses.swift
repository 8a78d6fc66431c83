import HTTPDiagCore

/// `httpdiag explain 502`: the causes of one status and what tells them apart (the
/// conditions each needs besides the status), then the generic cause that answers when
/// none of them matches. A status no playbook names says so.
public enum StatusCauses {
    public static func render(_ status: Int, playbooks: [Playbook]) -> String {
        let name = "\(status) \(HTTPStatus.reason(status))".trimmedSpaces()
        let specific = playbooks.filter { $0.statuses.contains(status) }.sorted { ($0.confidence, $1.id) > ($1.confidence, $0.id) }
        let generic = playbooks.filter { p in !p.statuses.contains(status) && p.when.contains { $0.coversClass(of: status) } }
            .sorted { $0.id < $1.id }
        var out: [String] = []
        if specific.isEmpty {
            out.append("No playbook names \(name): httpdiag knows no specific cause for it.")
        } else {
            out.append("Causes of \(name), most specific first, and what tells them apart:")
            for p in specific {
                out.append("  \(p.id.padded(46)) \(p.title)")
                let tells = p.when.filter { !$0.isStatusOnly }.map(ConditionText.describe)
                out.append("      " + (tells.isEmpty ? "the status alone" : "when " + tells.joined(separator: "; and ")).prefix(300))
            }
        }
        if !generic.isEmpty {
            out.append("")
            out.append(
                (specific.isEmpty ? "A \(status) is diagnosed" : "When none of these matches, a \(status) is diagnosed")
                    + " by the generic " + (generic.count == 1 ? "cause" : "causes") + " of its class:"
            )
            for p in generic { out.append("  \(p.id.padded(46)) \(p.title)") }
        }
        out.append("")
        out.append("httpdiag explain ID prints one as a runbook.")
        return out.joined(separator: "\n")
    }
}

extension Condition {
    /// A status condition and nothing else (`status: [502]`).
    var isStatusOnly: Bool {
        if case .status = self { return true }
        return false
    }

    /// `status: 4xx` (possibly inside all/any) covers this code's class.
    func coversClass(of code: Int) -> Bool {
        switch self {
        case .status(let patterns): patterns.contains { if case .klass(let k) = $0 { k == code / 100 } else { false } }
        case .all(let c), .any(let c): c.contains { $0.coversClass(of: code) }
        default: false
        }
    }
}

extension String {
    fileprivate func padded(_ n: Int) -> String { count >= n ? self : self + String(repeating: " ", count: n - count) }
}
