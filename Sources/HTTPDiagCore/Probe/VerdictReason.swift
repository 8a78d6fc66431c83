/// The one-line reason after the verdict word: what happened, where.
enum VerdictReason {
    static func describe(_ probes: [ProbeResult], target: TargetURL) -> String {
        guard !probes.isEmpty else { return "no probe ran" }
        // One probe (the common case): one group, without hashing ProbeResults into a Dictionary.
        let groups = probes.count == 1 ? [outcome(probes[0]): probes] : Dictionary(grouping: probes, by: outcome)
        if groups.count == 1, let (text, members) = groups.first {
            let addresses = Set(members.compactMap(\.address)).sorted()
            let preposition = members[0].response == nil ? " on " : " from "
            let from =
                addresses.isEmpty ? "" : preposition + addresses.map { "\(IPAddress.bracketed($0)):\(members[0].port)" }.joined(separator: ", ")
            let counts = members.count > 1 ? " (\(members.count) probes)" : ""
            if members[0].error?.kind.rawValue.hasPrefix("dns_") == true {
                // The name that failed: after a redirect, that hop's, not the first host's.
                return "\(text) for \(members[0].dns?.name ?? URLParts(members[0].request.url).hostPort.hostOnly)"
            }
            return text + from + counts
        }
        let failing = probes.filter { $0.verdict != .ok }
        let parts = groups.sorted { $0.value.count > $1.value.count }.map { text, members -> String in
            let addrs = Set(members.compactMap(\.address)).sorted().map(IPAddress.bracketed).joined(separator: ", ")
            return "\(members.count)× \(text)" + (addrs.isEmpty ? "" : " from \(addrs)")
        }
        return "\(failing.count) of \(probes.count) probes failed: " + parts.joined(separator: "; ")
    }

    static func outcome(_ p: ProbeResult) -> String {
        if let e = p.error {
            if e.kind == .httpStatus, let r = p.response { return "\(r.status) \(r.reason)".trimmedSpaces() }
            return "\(e.kind.rawValue) (\(e.kind.summary))"
        }
        if let r = p.response {
            var text = "\(r.status) \(r.reason)".trimmedSpaces()
            if let days = p.tls?.earliestExpiryDays, p.verdict == .warning {
                text += ", certificate expires in \(Int(days.rounded(.down))) days"
            }
            return text
        }
        return "no response"
    }
}
