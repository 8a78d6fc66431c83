/// Bad input from the user (a flag, a URL, a file): one line that names the problem.
/// The CLI prints it and exits 3 (UNKNOWN).
public struct InputError: Error, Sendable, CustomStringConvertible, Equatable {
    public var message: String
    /// Control characters (a CR or LF pasted into a flag, say) are escaped so the
    /// message stays one line.
    public init(_ message: String) { self.message = Self.oneLine(message) }

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
    public var description: String { message }
}

extension Unicode.Scalar {
    /// C0 controls and DEL.
    var isControl: Bool { value < 0x20 || value == 0x7F }
}

extension String {
    /// CR, LF or NUL anywhere: checked on scalars, since "\r\n" is one Character.
    var containsLineBreakOrNUL: Bool { unicodeScalars.contains { $0 == "\r" || $0 == "\n" || $0 == "\0" } }
}
