import HTTPDiagCore

/// Which hop signatures could match a probe, found without evaluating their signals: a
/// signature is a candidate when one of its header signals names a header the response
/// has, one of its body texts fits in the body, one of its body regexes may match (the
/// body holds one of its required literals, RegexCache's own prefilter, or the regex has
/// none), or it has a CNAME signal and the probe has CNAMEs. Anything else
/// cannot match, so HopFingerprinter skips it; the answer is the same as evaluating every
/// signature (HopSignatureIndexTests checks it on every hop case and playbook fixture).
/// Built once per signature list (DiagnosisEngine keeps one): a fleet probe of a healthy
/// origin evaluated all ~70 signatures, ~120k instructions of its ~900k.
public final class HopSignatureIndex: Sendable {
    /// The signatures indexed, in their order.
    public let signatures: [HopSignature]
    /// Lower-cased header name → the signatures with a signal on it, ascending.
    private let byHeader: [String: [Int]]
    /// Signatures with a non-empty body text, with the length of their shortest one.
    private let byBodyText: [(index: Int, shortest: Int)]
    /// Signatures with a body regex, with each regex's required literals (nil: none known).
    private let withBodyRegex: [(index: Int, literals: [[[UInt8]]?])]
    private let withCNAME: [Int]
    /// Every signature is a candidate (the reference the index is tested against).
    private let all: Bool

    /// The index that skips nothing: every signature evaluated, as before the index.
    static func evaluatingAll(_ signatures: [HopSignature]) -> HopSignatureIndex { HopSignatureIndex(signatures, all: true) }

    public convenience init(_ signatures: [HopSignature]) { self.init(signatures, all: false) }

    private init(_ signatures: [HopSignature], all: Bool) {
        self.all = all
        self.signatures = signatures
        var byHeader: [String: [Int]] = [:]
        var byBodyText: [(Int, Int)] = []
        var withBodyRegex: [(Int, [[[UInt8]]?])] = []
        var withCNAME: [Int] = []
        for (i, signature) in signatures.enumerated() {
            var names = Set<String>()
            var shortest: Int?
            var regexes: [[[UInt8]]?] = []
            var cname = false
            for signal in signature.signals {
                switch signal {
                case .header(let name, _): names.insert(name.lowercased())
                // An empty text never matches (containsText): it must not hide a longer one.
                case .bodyContains(let text) where !text.isEmpty: shortest = min(shortest ?? .max, text.utf8.count)
                case .bodyContains: break
                case .bodyMatches(let pattern): regexes.append(RequiredLiterals.of(pattern))
                case .cname: cname = true
                }
            }
            for name in names { byHeader[name, default: []].append(i) }
            if let shortest { byBodyText.append((i, shortest)) }
            if !regexes.isEmpty { withBodyRegex.append((i, regexes)) }
            if cname { withCNAME.append(i) }
        }
        self.byHeader = byHeader
        self.byBodyText = byBodyText
        self.withBodyRegex = withBodyRegex
        self.withCNAME = withCNAME
    }

    /// The signatures worth evaluating for a response with these headers and body, and
    /// `hasCNAMEs`, in signature order.
    func candidates(headers: [HeaderField], body: String, hasCNAMEs: Bool) -> [Bool] {
        let bodyBytes = body.utf8.count
        var marked = [Bool](repeating: all, count: signatures.count)
        if all { return marked }
        for field in headers {
            if let list = byHeader[field.name.lowercased()] { for i in list { marked[i] = true } }
        }
        // A text longer than the body cannot be in it.
        for (i, shortest) in byBodyText where shortest <= bodyBytes { marked[i] = true }
        for (i, regexes) in withBodyRegex where !marked[i] {
            marked[i] = regexes.contains { literals in literals.map { RegexCache.containsAny($0, body) } ?? true }
        }
        if hasCNAMEs { for i in withCNAME { marked[i] = true } }
        return marked
    }
}
