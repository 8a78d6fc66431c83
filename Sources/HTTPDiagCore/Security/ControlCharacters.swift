/// Text that came from the network (a reason phrase, header values, a Location, a
/// certificate subject, a DNS name, a body) must not drive the terminal, the mail reader
/// or the log viewer it ends up in: a server's `ESC[2J`, an OSC 0 window title, a raw CR
/// that rewrites the line, an 8-bit CSI.
///
/// One rule, applied once where the evidence leaves the prober (`Prober.check`), so every
/// output derived from it (text, JSON, Markdown, run lines, incident lines, the SQLite
/// state, webhooks) carries the same neutral text:
/// - C0 controls and DEL become their Unicode Control Pictures (ESC → ␛ U+241B, CR → ␍,
///   BEL → ␇, NUL → ␀, DEL → ␡): visible, one-to-one, and inert in every terminal;
/// - C1 controls (U+0080–U+009F, the 8-bit CSI U+009B among them) become U+FFFD, as
///   their bytes do when they arrive on their own (invalid UTF-8);
/// - TAB is kept (legal in header values, harmless); in multi-line text (bodies) LF and
///   a CR directly before an LF are kept too: they are line structure, not control.
public enum ControlCharacters {
    public enum LineBreaks: Sendable {
        /// One-line text: LF and CR shown as ␊ and ␍.
        case show
        /// Multi-line text: LF and CRLF kept, a CR on its own shown as ␍.
        case keep
    }

    public static func neutralize(_ s: String, lineBreaks: LineBreaks = .show) -> String {
        guard needsWork(s, lineBreaks: lineBreaks) else { return s }
        let scalars = Array(s.unicodeScalars)
        var out = String.UnicodeScalarView()
        out.reserveCapacity(scalars.count)
        for (i, u) in scalars.enumerated() {
            switch u.value {
            case 0x09:
                out.append(u)
            case 0x0A where lineBreaks == .keep:
                out.append(u)
            case 0x0D where lineBreaks == .keep && i + 1 < scalars.count && scalars[i + 1] == "\n":
                out.append(u)
            case 0x00..<0x20:
                out.append(Unicode.Scalar(0x2400 + u.value)!)
            case 0x7F:
                out.append("\u{2421}")
            case 0x80...0x9F:
                out.append("\u{FFFD}")
            default:
                out.append(u)
            }
        }
        return String(out)
    }

    /// True when `s` holds a character `neutralize` would replace.
    public static func contains(_ s: String, lineBreaks: LineBreaks = .show) -> Bool {
        needsWork(s, lineBreaks: lineBreaks)
    }

    /// A byte scan (this runs on every string of every probe of a fleet run): C0 other
    /// than TAB, DEL, or U+0080–U+009F (0xC2 0x80...0x9F in UTF-8); with `.keep`, LF
    /// and CRLF do not count, a CR on its own does.
    static func needsWork(_ s: String, lineBreaks: LineBreaks) -> Bool {
        var previous: UInt8 = 0
        for b in s.utf8 {
            if b < 0x20 {
                if b != 0x09 && !(lineBreaks == .keep && (b == 0x0A || b == 0x0D)) { return true }
            } else if b == 0x7F {
                return true
            } else if previous == 0xC2 && (0x80...0x9F).contains(b) {
                return true
            }
            previous = b
        }
        // A CR not followed by LF, in multi-line text.
        if lineBreaks == .keep, s.utf8.contains(0x0D) {
            let bytes = Array(s.utf8)
            for i in bytes.indices where bytes[i] == 0x0D && (i + 1 == bytes.count || bytes[i + 1] != 0x0A) { return true }
        }
        return false
    }
}
