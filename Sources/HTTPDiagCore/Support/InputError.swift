/// Bad input from the user (a flag, a URL, a file): one line that names the problem.
/// The CLI prints it and exits 3 (UNKNOWN).
public struct InputError: Error, Sendable, CustomStringConvertible, Equatable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
