/// The `httpdiag check` command line that reproduces one lab endpoint as the lab probes
/// it: method, headers (`-H`), body (`--data-binary`, byte for byte) or form fields
/// (`-F`), samples, nameserver and CA. Quoted for bash/zsh (`$'…'` for a body with line breaks).
public enum LabCommandLine {
    /// The argument vector as one bash/zsh command line.
    public static func render(_ arguments: [String]) -> String { arguments.map(quote).joined(separator: " ") }

    /// The argument vector of the command line.
    public static func arguments(
        url: String,
        method: String? = nil,
        headers: [String] = [],
        body: String? = nil,
        form: [String] = [],
        samples: Int = 1,
        dnsServer: String? = nil,
        caFile: String? = nil,
        program: String = "httpdiag"
    ) -> [String] {
        var args = [program, "check", url]
        // A body or a form implies POST, as with curl: -X only for anything else.
        let implied = body != nil || !form.isEmpty ? "POST" : "GET"
        if let method, method.uppercased() != implied { args += ["-X", method] }
        for h in headers { args += ["-H", h] }
        // One word: a body that starts with `-` (a multipart `--boundary`) is not read as a flag.
        if let body { args += ["--data-binary=" + body] }
        for f in form { args += ["-F", f] }
        if samples > 1 { args += ["--samples", String(samples)] }
        if let dnsServer { args += ["--dns-server", dnsServer] }
        if let caFile { args += ["--cacert", caFile] }
        return args
    }

    /// One shell word: bare when safe, else single-quoted; with control characters
    /// (CR, LF) ANSI-C quoted (`$'a\r\nb'`).
    public static func quote(_ word: String) -> String {
        let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./:=@,+%")
        if !word.isEmpty, word.allSatisfy({ safe.contains($0) }) { return word }
        if word.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            var out = "$'"
            for u in word.unicodeScalars {
                switch u {
                case "\r": out += "\\r"
                case "\n": out += "\\n"
                case "\t": out += "\\t"
                case "\\": out += "\\\\"
                case "'": out += "\\'"
                default:
                    if u.value < 0x20 || u.value == 0x7F {
                        let hex = String(u.value, radix: 16)
                        out += "\\x" + (hex.count == 1 ? "0" + hex : hex)
                    } else {
                        out.unicodeScalars.append(u)
                    }
                }
            }
            return out + "'"
        }
        var out = "'"
        for c in word { out += c == "'" ? "'\\''" : String(c) }
        return out + "'"
    }
}
