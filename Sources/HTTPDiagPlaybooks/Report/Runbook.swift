import HTTPDiagCore

/// A playbook as a human runbook (`httpdiag explain ID`). Without a probe there are no
/// values: every placeholder shows as `<placeholder>` (`<host>`, `<port>`, `<bucket>`).
public enum Runbook {
    public static func render(_ p: Playbook) -> String {
        var p = p
        p.explanation = Template.describe(p.explanation)
        p.remediation = p.remediation.map(Template.describe)
        p.verify = p.verify.map(Template.describe)
        var out = ["\(p.id): \(p.title)", "layer \(p.layer), severity \(p.severity), confidence \(Int(p.confidence * 100))%", ""]
        out.append("Recognised when:")
        for c in p.when { out.append("  - " + ConditionText.describe(c)) }
        out.append("")
        out.append("What it means:")
        out.append("  " + p.explanation)
        out.append("")
        out.append("Fix:")
        for (i, step) in p.remediation.enumerated() {
            let lines = step.split(separator: "\n", omittingEmptySubsequences: false)
            out.append("  \(i + 1). \(lines.first ?? "")")
            for l in lines.dropFirst() { out.append("     \(l)") }
        }
        out.append("")
        out.append("Confirm:")
        for v in p.verify { out.append("  - " + v.replacingOccurrences(of: "\n", with: "\n    ")) }
        if !p.references.isEmpty {
            out.append("")
            out.append("References:")
            for r in p.references { out.append("  - " + r) }
        }
        out.append("")
        out.append("(\(p.file))")
        return out.joined(separator: "\n")
    }
}
