import HTTPDiagCore

extension PlaybookLibrary {
    /// No playbooks, no hops.
    public static let empty = PlaybookLibrary(playbooks: [], hops: [])

    /// This library with `other` added: a playbook of the same id and a hop of the same
    /// name replace this one's in place; new playbooks come after, hops stay outermost first.
    public func overridden(by other: PlaybookLibrary) -> PlaybookLibrary {
        let replacing = Dictionary(other.playbooks.map { ($0.id, $0) }, uniquingKeysWith: { _, last in last })
        let ours = Set(playbooks.map(\.id))
        let merged = playbooks.map { replacing[$0.id] ?? $0 } + other.playbooks.filter { !ours.contains($0.id) }
        let replacedHops = Set(other.hops.map(\.name))
        let hops = (self.hops.filter { !replacedHops.contains($0.name) } + other.hops).sorted { ($0.order, $0.name) < ($1.order, $1.name) }
        return PlaybookLibrary(playbooks: merged, hops: hops)
    }
}
