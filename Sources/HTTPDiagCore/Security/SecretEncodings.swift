/// Finds a known secret in text however an echo predictably encoded it, character by
/// character, in any mix:
/// - as is (UTF-8);
/// - JSON and JavaScript escapes: `\/`, `\"`, `\\`, `\u002F` / `\u002f` (surrogate pairs
///   too), `\u{2F}`, `\x2F`, with any run of backslashes before them (a JSON document
///   quoted inside another: `\\\/`, `\\u002F`);
/// - percent encoding (`%2F`, `%2f`, multi-byte UTF-8 as `%E2%82%AC`) and `+` for a space
///   (form encoding);
/// - HTML/XML character references: `&#47;`, `&#x2F;`, the named ones for ASCII
///   punctuation (`&sol;`, `&amp;`, `&lt;`, `&quot;`, ...), and an `&` itself escaped
///   again (`&amp;#47;`).
/// Base64 of `user:password` is learned as a secret of its own (Redactor).
///
/// Matching runs as a small NFA over the text's bytes (a set of positions per secret
/// character), so ambiguous prefixes (`%` as itself or as `%25`, a backslash as itself or
/// as `\\`) need no backtracking and the cost stays linear in the text.
struct SecretPattern: Sendable {
    let scalars: [Unicode.Scalar]
    let marker: [UInt8]
    /// Characters, as the marker counts them.
    let length: Int

    init(_ secret: String) {
        scalars = Array(secret.unicodeScalars)
        length = secret.count
        marker = Array(Redactor.marker(length).utf8)
    }

    /// The end of the longest match starting at `start`, or nil.
    func matchEnd(in text: [UInt8], from start: Int) -> Int? {
        var positions = [start]
        var next: [Int] = []
        for c in scalars {
            next.removeAll(keepingCapacity: true)
            for p in positions {
                SecretDecoding.forEach(in: text, at: p) { scalar, end in
                    if scalar == c && !next.contains(end) { next.append(end) }
                }
            }
            if next.isEmpty { return nil }
            // Bounded: a few alternatives at most in any real text.
            if next.count > 16 { next = Array(next.sorted().prefix(16)) }
            swap(&positions, &next)
        }
        return positions.max()
    }
}

enum SecretDecoding {
    static let backslash = UInt8(ascii: "\\"), percent = UInt8(ascii: "%"), ampersand = UInt8(ascii: "&"), plus = UInt8(ascii: "+")

    /// Bytes that can begin an encoded character (beside the character's own first byte).
    static let introducers: [UInt8] = [backslash, percent, ampersand, plus]

    /// Calls `body(scalar, end)` for every way of reading one character at `p`.
    static func forEach(in b: [UInt8], at p: Int, _ body: (Unicode.Scalar, Int) -> Void) {
        guard p < b.count else { return }
        if let (u, n) = utf8Scalar(b, p) { body(u, p + n) }
        switch b[p] {
        case plus: body(" ", p + 1)
        case percent: if let (u, end) = percentScalar(b, p) { body(u, end) }
        case backslash: escapes(b, p, body)
        case ampersand: references(b, p, body)
        default: break
        }
    }

    static func utf8Scalar(_ b: [UInt8], _ p: Int) -> (Unicode.Scalar, Int)? {
        let lead = b[p]
        let n: Int
        var v: UInt32
        switch lead {
        case 0x00..<0x80: return (Unicode.Scalar(lead), 1)
        case 0xC2...0xDF:
            n = 2
            v = UInt32(lead & 0x1F)
        case 0xE0...0xEF:
            n = 3
            v = UInt32(lead & 0x0F)
        case 0xF0...0xF4:
            n = 4
            v = UInt32(lead & 0x07)
        default: return nil
        }
        guard p + n <= b.count else { return nil }
        for i in 1..<n {
            let c = b[p + i]
            guard c & 0xC0 == 0x80 else { return nil }
            v = v << 6 | UInt32(c & 0x3F)
        }
        return Unicode.Scalar(v).map { ($0, n) }
    }

    static func hex(_ c: UInt8) -> UInt32? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(c - 48)
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(c - 87)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(c - 55)
        default: nil
        }
    }

    /// `count` hex digits at `p`.
    static func hexNumber(_ b: [UInt8], _ p: Int, _ count: Int) -> UInt32? {
        guard p + count <= b.count else { return nil }
        var v: UInt32 = 0
        for i in 0..<count {
            guard let d = hex(b[p + i]) else { return nil }
            v = v << 4 | d
        }
        return v
    }

    /// `%XX`, or the `%XX%XX...` of one multi-byte UTF-8 character.
    static func percentScalar(_ b: [UInt8], _ p: Int) -> (Unicode.Scalar, Int)? {
        func byte(at q: Int) -> UInt8? {
            guard q < b.count, b[q] == percent, let v = hexNumber(b, q + 1, 2) else { return nil }
            return UInt8(v)
        }
        guard let lead = byte(at: p) else { return nil }
        let n =
            switch lead {
            case 0x00..<0x80: 1
            case 0xC2...0xDF: 2
            case 0xE0...0xEF: 3
            case 0xF0...0xF4: 4
            default: 0
            }
        guard n > 0 else { return nil }
        var bytes = [lead]
        if n > 1 {
            for i in 1..<n {
                guard let c = byte(at: p + 3 * i) else { return nil }
                bytes.append(c)
            }
        }
        guard let (u, used) = utf8Scalar(bytes, 0), used == n else { return nil }
        return (u, p + 3 * n)
    }

    /// JSON/JavaScript escapes after a run of backslashes, and a backslash written as
    /// `\\` (or `\\\\` when escaped twice).
    static func escapes(_ b: [UInt8], _ p: Int, _ body: (Unicode.Scalar, Int) -> Void) {
        var run = 0
        while p + run < b.count, b[p + run] == backslash, run < 16 { run += 1 }
        for k in [2, 4, 8] where k <= run { body("\\", p + k) }
        let q = p + run
        guard q < b.count else { return }
        switch b[q] {
        case UInt8(ascii: "/"), UInt8(ascii: "\""), UInt8(ascii: "'"):
            body(Unicode.Scalar(b[q]), q + 1)
        case UInt8(ascii: "x"):
            if let v = hexNumber(b, q + 1, 2) { body(Unicode.Scalar(UInt8(v)), q + 3) }
        case UInt8(ascii: "u"):
            if q + 1 < b.count, b[q + 1] == UInt8(ascii: "{") {
                var v: UInt32 = 0
                var i = q + 2
                while i < b.count, i < q + 9, let d = hex(b[i]) {
                    v = v << 4 | d
                    i += 1
                }
                if i > q + 2, i < b.count, b[i] == UInt8(ascii: "}"), let u = Unicode.Scalar(v) { body(u, i + 1) }
                return
            }
            guard let unit = hexNumber(b, q + 1, 4) else { return }
            if (0xD800...0xDBFF).contains(unit) {
                // A surrogate pair: the low half is another \u escape (its own backslash run).
                var r = q + 5
                var run2 = 0
                while r + run2 < b.count, b[r + run2] == backslash, run2 < 16 { run2 += 1 }
                r += run2
                guard run2 > 0, r < b.count, b[r] == UInt8(ascii: "u"), let low = hexNumber(b, r + 1, 4),
                    (0xDC00...0xDFFF).contains(low),
                    let u = Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))
                else { return }
                body(u, r + 5)
            } else if let u = Unicode.Scalar(unit) {
                body(u, q + 5)
            }
        default:
            break
        }
    }

    /// HTML5 names of the ASCII punctuation an encoder may write as a reference.
    static let named: [String: Unicode.Scalar] = [
        "amp": "&", "AMP": "&", "lt": "<", "LT": "<", "gt": ">", "GT": ">", "quot": "\"", "QUOT": "\"", "apos": "'",
        "sol": "/", "bsol": "\\", "plus": "+", "equals": "=", "percnt": "%", "colon": ":", "semi": ";", "comma": ",",
        "period": ".", "excl": "!", "quest": "?", "num": "#", "dollar": "$", "lpar": "(", "rpar": ")", "ast": "*",
        "midast": "*", "commat": "@", "lsqb": "[", "lbrack": "[", "rsqb": "]", "rbrack": "]", "lowbar": "_",
        "grave": "`", "lcub": "{", "lbrace": "{", "rcub": "}", "rbrace": "}", "verbar": "|", "vert": "|",
        "Hat": "^", "Tab": "\t", "NewLine": "\n",
    ]

    /// `&#47;`, `&#x2F;`, `&sol;`; after `&amp;` (an `&` escaped again) as well.
    static func references(_ b: [UInt8], _ p: Int, _ body: (Unicode.Scalar, Int) -> Void) {
        var q = p + 1
        for _ in 0..<3 {
            if let (u, end) = reference(b, q) {
                body(u, end)
                // `&amp;` read as `&` that introduces another reference (`&amp;#47;`).
                guard u == "&", end - q == 4 else { return }
                q = end
            } else {
                return
            }
        }
    }

    /// One reference whose `&` is just before `q`; the `;` is required.
    static func reference(_ b: [UInt8], _ q: Int) -> (Unicode.Scalar, Int)? {
        guard q < b.count else { return nil }
        if b[q] == UInt8(ascii: "#") {
            var i = q + 1
            let isHex = i < b.count && (b[i] == UInt8(ascii: "x") || b[i] == UInt8(ascii: "X"))
            if isHex { i += 1 }
            var v: UInt32 = 0
            let digitsStart = i
            while i < b.count, i - digitsStart < 8 {
                if isHex, let d = hex(b[i]) {
                    v = v << 4 | d
                } else if !isHex, (48...57).contains(b[i]) {
                    v = v * 10 + UInt32(b[i] - 48)
                } else {
                    break
                }
                i += 1
            }
            guard i > digitsStart, i < b.count, b[i] == UInt8(ascii: ";"), let u = Unicode.Scalar(v) else { return nil }
            return (u, i + 1)
        }
        var i = q
        while i < b.count, i - q < 8, (b[i] >= 65 && b[i] <= 90) || (b[i] >= 97 && b[i] <= 122) { i += 1 }
        guard i > q, i < b.count, b[i] == UInt8(ascii: ";"),
            let u = named[String(decoding: b[q..<i], as: UTF8.self)]
        else { return nil }
        return (u, i + 1)
    }
}
