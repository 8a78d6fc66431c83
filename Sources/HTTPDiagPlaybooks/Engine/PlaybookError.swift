import HTTPDiagCore

/// The errors of HTTPDiagPlaybooks: a playbook, case or hop file that cannot be used
/// (located: `Playbooks/x.yaml:12: unknown key 'whn' (did you mean 'when'?)`), and the
/// inputs of a check session (a playbook directory, the report file).
public enum PlaybookError: HTTPDiagError, Equatable {
    /// A problem in a playbook, case or hop file, at a line if known.
    case located(file: String, line: Int?, message: String)
    /// Several problems at once (lint reports them all); never nested.
    case several([PlaybookError])
    /// A playbook directory given by the user (`--playbooks DIR`) that cannot be read.
    case unreadableDirectory(String)
    /// The Markdown report file (`--report FILE`) cannot be written.
    case reportNotWritable(String)

    public init(file: String, line: Int?, message: String) { self = .located(file: file, line: line, message: message) }

    /// Several errors (one is itself; nested lists are flattened).
    public init(errors: [PlaybookError]) {
        let flat = errors.flatMap(\.errors)
        self = flat.count == 1 ? flat[0] : .several(flat)
    }

    /// Each problem, in order.
    public var errors: [PlaybookError] {
        if case .several(let list) = self { return list }
        return [self]
    }

    public var file: String {
        switch self {
        case .located(let file, _, _): file
        case .several(let list): list.first?.file ?? ""
        case .unreadableDirectory(let dir): dir
        case .reportNotWritable(let path): path
        }
    }

    public var line: Int? {
        switch self {
        case .located(_, let line, _): line
        case .several(let list): list.first?.line
        case .unreadableDirectory, .reportNotWritable: nil
        }
    }

    public var message: String {
        switch self {
        case .located(_, _, let message): message
        case .several(let list): list.first?.message ?? ""
        case .unreadableDirectory: "not a readable directory"
        case .reportNotWritable: "cannot write the file"
        }
    }

    /// One problem per line.
    public var description: String {
        switch self {
        case .located(let file, let line, let message): line.map { "\(file):\($0): \(message)" } ?? "\(file): \(message)"
        case .several(let list): list.map(\.description).joined(separator: "\n")
        case .unreadableDirectory(let dir): "--playbooks \(dir): not a readable directory"
        case .reportNotWritable(let path): "--report \(path): cannot write the file"
        }
    }

    /// One line: the first problem, and how many more there are.
    public var errorDescription: String? {
        guard case .several(let list) = self, let first = list.first else { return description }
        return "\(first)" + (list.count > 1 ? " (and \(list.count - 1) more: run httpdiag playbooks lint)" : "")
    }

    public var httpStatus: Int {
        switch self {
        // A report path the user gave that cannot be written is bad input too.
        case .located, .several, .unreadableDirectory, .reportNotWritable: 400
        }
    }
}

/// The former name of `PlaybookError.several`: `PlaybookErrors(errors:)`, `.errors`.
public typealias PlaybookErrors = PlaybookError

public enum Suggest {
    /// The closest candidate within a small edit distance, for "did you mean".
    public static func closest(_ word: String, in candidates: [String]) -> String? {
        let scored = candidates.map { ($0, distance(word.lowercased(), $0.lowercased())) }.min { $0.1 < $1.1 }
        guard let best = scored, best.1 <= max(2, word.count / 3) else { return nil }
        return best.0
    }

    /// ` (did you mean 'x'?)` or empty.
    public static func hint(_ word: String, in candidates: [String]) -> String {
        closest(word, in: candidates).map { " (did you mean '\($0)'?)" } ?? ""
    }

    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var prev = Array(0...b.count)
        for i in 1...a.count {
            var cur = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            prev = cur
        }
        return prev[b.count]
    }
}
