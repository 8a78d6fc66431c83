import HTTPDiagCore

/// The errors of HTTPDiagFleet, each one line that names what the user wrote: a config
/// field by its path (`config.json:12: endpoints[2].timeout_s: expected a number, got "ten"`),
/// the state file by its path, an output by its option.
public enum FleetError: HTTPDiagError, Equatable {
    /// A config problem, located by file, line and JSON path.
    case config(file: String, path: String?, line: Int?, message: String)
    /// A refusal to use the state file: `state file STATE what is wrong; what to do`.
    case state(path: String, message: String)
    /// Another run holds the state's lock (waited for as long as allowed).
    case locked(String)
    /// The lock file cannot be created, opened or locked.
    case lockFailed(String)
    /// An output (report, textfile, webhook, pruning) that failed, said in words.
    case output(String)
    /// A run option out of its range (`--concurrency must be from 1 to 1000`).
    case invalidOption(String)
    /// The endpoint selection (`--only`) matched no endpoint of the config.
    case noEndpointSelected(only: [String], config: String)
    /// A signal arrived before the run began (while waiting for the lock, say): `message` says
    /// what was interrupted; the CLI exits 128 + the signal.
    case interrupted(signal: Int32, message: String)

    public init(file: String, path: String?, line: Int?, message: String) {
        self = .config(file: file, path: path, line: line, message: message)
    }

    public init(path: String, message: String) { self = .state(path: path, message: message) }

    /// An output failure.
    public init(_ message: String) { self = .output(message) }

    /// A lock failure.
    public init(message: String) { self = .lockFailed(message) }

    /// The problem without its location (the config file and path, the state file).
    public var message: String {
        switch self {
        case .config(_, _, _, let m), .state(_, let m), .interrupted(_, let m): m
        case .locked(let m), .lockFailed(let m), .output(let m), .invalidOption(let m): m
        case .noEndpointSelected: description
        }
    }

    /// The file the error is about, when there is one.
    public var path: String? {
        switch self {
        case .config(let file, _, _, _): file
        case .state(let path, _): path
        case .noEndpointSelected(_, let config): config
        case .locked, .lockFailed, .output, .interrupted, .invalidOption: nil
        }
    }

    public var description: String {
        switch self {
        case .config(let file, let path, let line, let message):
            "\(file)\(line.map { ":\($0)" } ?? ""): \(path.map { "\($0): " } ?? "")\(message)"
        case .state(let path, let message): "state file \(path) \(message)"
        case .locked(let m), .lockFailed(let m), .output(let m), .interrupted(_, let m), .invalidOption(let m): m
        case .noEndpointSelected(let only, let config): "--only \(only.joined(separator: ",")): no endpoint of \(config) matches"
        }
    }

    public var errorDescription: String? { description }

    public var httpStatus: Int {
        switch self {
        case .config, .noEndpointSelected, .invalidOption: 400
        case .state, .lockFailed, .output: 500
        case .locked, .interrupted: 503
        }
    }

    public var signal: Int32? {
        if case .interrupted(let sig, _) = self { return sig }
        return nil
    }
}

/// Former names of `FleetError`, kept so that `throw ConfigError(file:path:line:message:)`,
/// `StateError(path:message:)` and `OutputError("...")` still read as what they are.
public typealias ConfigError = FleetError
public typealias StateError = FleetError
public typealias OutputError = FleetError
public typealias RunLockError = FleetError
