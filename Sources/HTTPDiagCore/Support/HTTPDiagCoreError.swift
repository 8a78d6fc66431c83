/// What every module's error says besides its one-line message: the HTTP status a server
/// (`httpdiag serve`) answers with, and the signal that ended the work, if one did.
/// The exit code of the CLI is decided from it in one place: `ExitStatus.of(_:)`.
public protocol HTTPDiagError: LocalizedError, CustomStringConvertible, Sendable {
    /// 400 for bad input (a flag, a config field, a playbook), 500 for an internal or
    /// system failure, 503 for a state locked by another run or a run interrupted.
    var httpStatus: Int { get }
    /// The signal (SIGTERM, SIGINT, SIGHUP) that interrupted the work, if any.
    var signal: Int32? { get }
}

extension HTTPDiagError {
    public var signal: Int32? { nil }
}

/// The errors of HTTPDiagCore: bad input from the user (a flag, a URL, a file), said in
/// one line that names what was written. The CLI prints it and exits 3 (UNKNOWN).
public enum HTTPDiagCoreError: HTTPDiagError, Equatable {
    /// A flag, URL, header, body or file that cannot be used as given.
    case invalidInput(String)
    /// libcurl refused an option or could not allocate (an unsupported feature, a file
    /// it cannot read for `-F name=@path`): a local problem, not a probe result.
    case libcurlRejected(option: String, reason: String)

    /// Control characters (a CR or LF pasted into a flag, say) are escaped so the
    /// message stays one line.
    public init(_ message: String) { self = .invalidInput(Self.oneLine(message)) }

    public var message: String {
        switch self {
        case .invalidInput(let m): m
        case .libcurlRejected(let option, let reason): "libcurl rejected \(option): \(reason)"
        }
    }

    public var description: String { message }
    public var errorDescription: String? { message }

    public var httpStatus: Int {
        switch self {
        case .invalidInput: 400
        case .libcurlRejected: 500
        }
    }

    static func oneLine(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: \.isControl) else { return s }
        var out = ""
        for u in s.unicodeScalars {
            switch u {
            case "\r": out += "\\r"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case _ where u.isControl: out += "\\u{\(String(u.value, radix: 16))}"
            default: out.unicodeScalars.append(u)
            }
        }
        return out
    }
}

/// The former name of `HTTPDiagCoreError` (bad input): `throw InputError("...")` still reads well.
public typealias InputError = HTTPDiagCoreError

extension Unicode.Scalar {
    /// C0 controls and DEL.
    var isControl: Bool { value < 0x20 || value == 0x7F }
}

extension String {
    /// CR, LF or NUL anywhere: checked on scalars, since "\r\n" is one Character.
    var containsLineBreakOrNUL: Bool { unicodeScalars.contains { $0 == "\r" || $0 == "\n" || $0 == "\0" } }
}
