import HTTPDiagCore

/// The curl-style flags of a corpus file's `# request_flags:` line (-X, -H, -d, -F, -b
/// (a cookie), -u (Basic credentials), -I, and the URL), split like a shell would
/// (single and double quotes).
struct CurlFlags {
    var method: String?
    var url: String?
    var headers: [String] = []
    var data: String?
    var form: [String] = []

    init(_ text: String) {
        var words: [String] = []
        var current = ""
        var quote: Character?
        var inWord = false
        for c in text {
            if let q = quote {
                if c == q { quote = nil } else { current.append(c) }
            } else if c == "\"" || c == "'" {
                quote = c
                inWord = true
            } else if c == " " {
                if inWord {
                    words.append(current)
                    current = ""
                    inWord = false
                }
            } else {
                current.append(c)
                inWord = true
            }
        }
        if inWord { words.append(current) }
        var i = 0
        while i < words.count {
            let w = words[i]
            let next = i + 1 < words.count ? words[i + 1] : nil
            switch w {
            case "-X", "--request":
                method = next
                i += 1
            case "-H", "--header":
                if let next { headers.append(next) }
                i += 1
            case "-d", "--data", "--data-binary", "--data-raw":
                data = next
                i += 1
            case "-F", "--form":
                if let next { form.append(next) }
                i += 1
            case "-b", "--cookie":
                if let next { headers.append("Cookie: " + next) }
                i += 1
            case "-u", "--user":
                if let next { headers.append("Authorization: Basic " + Base64.encode(Array(next.utf8))) }
                i += 1
            case "-I", "--head": method = "HEAD"
            default:
                if w.hasPrefix("http://") || w.hasPrefix("https://") { url = w }
            }
            i += 1
        }
    }
}
