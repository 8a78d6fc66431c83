import CHTTPDiag

/// An errno by its name and in words, from glibc's own tables.
public enum OSErrno {
    /// `EADDRNOTAVAIL`, or nil for a number glibc does not name.
    public static func name(_ err: Int32) -> String? {
        guard err != 0, let name = hd_errno_name(err) else { return nil }
        return String(cString: name)
    }

    /// strerror's text: `Cannot assign requested address`.
    public static func text(_ err: Int32) -> String { String(cString: hd_errno_text(err)) }

    /// `EADDRNOTAVAIL (Cannot assign requested address)`, or `errno 4242` when unnamed.
    public static func describe(_ err: Int32) -> String {
        guard let name = name(err) else { return "errno \(err)" }
        return "\(name) (\(text(err)))"
    }
}
