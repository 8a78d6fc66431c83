import ArgumentParser
import HTTPDiagPlaybooks

/// The common `httpdiag check` command line, read without ArgumentParser's reflection.
///
/// ArgumentParser builds its model of a command from Mirror and the runtime's type and
/// conformance lookups on every run: about 22M instructions, 44% of a `check` that takes
/// 52M in all (callgrind), more than the probe and the diagnosis together. This scanner
/// reads only what it is sure of (the options of `check` by name, `--name value`,
/// `--name=value`, `-X value`, grouped short flags like `-sS`, URLs) and declines everything
/// else (help, completion requests, `--`, an unknown name, a value it cannot convert or
/// one that starts with `-` or is empty), which then goes to ArgumentParser as before: its messages,
/// help and suggestions stay the only ones. CheckCommand stays the definition of the
/// flags (help, man page, completions); CheckArgumentScannerTests proves that this table
/// holds every one of them and that both parse every accepted command line alike.
enum CheckArgumentScanner {
    /// The arguments after `check`, or nil when ArgumentParser should read them.
    static func scan<C: Collection<String>>(_ words: C) -> CheckArguments? {
        var a = CheckArguments()
        var sawURL = false
        var it = words.makeIterator()
        while let word = it.next() {
            guard word.utf8.first == UInt8(ascii: "-") else {
                if word == "help" { return nil }
                if sawURL { a.moreURLs.append(word) } else { a.url = word }
                sawURL = true
                continue
            }
            if word.hasPrefix("--") {
                let body = word.dropFirst(2)
                var name = Substring(body)
                var attached: Substring?
                if let eq = body.firstIndex(of: "=") {
                    name = body[..<eq]
                    attached = body[body.index(after: eq)...]
                }
                guard !name.isEmpty, let spec = longSpecs[String(name)] else { return nil }
                switch spec {
                case .flag(let set):
                    guard attached == nil else { return nil }
                    set(&a)
                case .value(let apply):
                    guard let value = attached.map(String.init) ?? it.next(), accepts(value, attached: attached != nil),
                        apply(&a, value)
                    else { return nil }
                }
                continue
            }
            let letters = word.dropFirst()
            guard !letters.isEmpty else { return nil }  // "-" alone
            if letters.count == 1, case .value(let apply)? = shortSpecs[letters.first!] {
                guard let value = it.next(), accepts(value, attached: false), apply(&a, value) else { return nil }
                continue
            }
            // -k, or grouped flags -sS: every letter a flag.
            for letter in letters {
                guard case .flag(let set)? = shortSpecs[letter] else { return nil }
                set(&a)
            }
        }
        return sawURL ? a : nil
    }

    /// A separate value that looks like an option is left to ArgumentParser (it names the
    /// missing value); `--name=-x` is a value. An empty value is left to it too.
    private static func accepts(_ value: String, attached: Bool) -> Bool {
        guard let first = value.utf8.first else { return false }
        return attached || first != UInt8(ascii: "-")
    }

    enum Action: Sendable {
        case flag(@Sendable (inout CheckArguments) -> Void)
        /// False when the value does not convert (ArgumentParser then says why).
        case value(@Sendable (inout CheckArguments, String) -> Bool)
    }

    struct Spec: Sendable {
        let short: Character?
        let long: String
        let action: Action
    }

    /// Every option and flag of `check`, as CheckCommand (and PlaybookOptions) declare them.
    static let specs: [Spec] = [
        Spec(short: "X", long: "request", action: string(\.method)),
        Spec(short: "I", long: "head", action: flag(\.head)),
        Spec(short: "H", long: "header", action: strings(\.headers)),
        Spec(short: "d", long: "data", action: string(\.data)),
        Spec(short: nil, long: "data-binary", action: string(\.dataBinary)),
        Spec(short: "F", long: "form", action: strings(\.form)),
        Spec(short: nil, long: "json", action: strings(\.json)),
        Spec(short: "u", long: "user", action: string(\.user)),
        Spec(short: "A", long: "user-agent", action: string(\.userAgent)),
        Spec(short: nil, long: "resolve", action: strings(\.resolve)),
        Spec(short: nil, long: "connect-to", action: strings(\.connectTo)),
        Spec(short: "L", long: "location", action: flag(\.location)),
        Spec(short: nil, long: "no-location", action: flag(\.noLocation)),
        Spec(short: nil, long: "max-redirs", action: number(\.maxRedirs)),
        Spec(short: nil, long: "http1.1", action: flag(\.http11)),
        Spec(short: nil, long: "http2", action: flag(\.http2)),
        Spec(short: nil, long: "cert", action: string(\.cert)),
        Spec(short: nil, long: "key", action: string(\.key)),
        Spec(short: nil, long: "cacert", action: string(\.cacert)),
        Spec(short: "k", long: "insecure", action: flag(\.insecure)),
        Spec(short: nil, long: "connect-timeout", action: optionalNumber(\.connectTimeout)),
        Spec(short: "m", long: "max-time", action: number(\.maxTime)),
        Spec(short: "x", long: "proxy", action: string(\.proxy)),
        Spec(short: nil, long: "noproxy", action: string(\.noProxy)),
        Spec(short: "4", long: "ipv4", action: flag(\.ipv4)),
        Spec(short: "6", long: "ipv6", action: flag(\.ipv6)),
        Spec(short: nil, long: "dns-server", action: string(\.dnsServer)),
        Spec(short: nil, long: "no-fanout", action: flag(\.noFanout)),
        Spec(short: nil, long: "no-followup", action: flag(\.noFollowup)),
        Spec(short: nil, long: "samples", action: number(\.samples)),
        Spec(short: nil, long: "burst", action: flag(\.burst)),
        Spec(short: nil, long: "compressed", action: flag(\.compressed)),
        Spec(short: nil, long: "capture-body", action: number(\.captureBody)),
        Spec(short: nil, long: "max-download", action: number(\.maxDownload)),
        Spec(short: nil, long: "cert-warn-days", action: number(\.certWarnDays)),
        Spec(
            short: nil,
            long: "format",
            action: .value { a, v in
                guard let f = CheckCommand.OutputFormat(argument: v) else { return false }
                a.format = f.session
                return true
            }
        ),
        Spec(short: nil, long: "report", action: string(\.reportFile)),
        Spec(short: "v", long: "verbose", action: flag(\.verbose)),
        Spec(short: "o", long: "output", action: strings(\.output)),
        Spec(short: "s", long: "silent", action: flag(\.silent)),
        Spec(short: "S", long: "show-error", action: flag(\.showError)),
        Spec(short: "f", long: "fail", action: flag(\.fail)),
        Spec(short: "w", long: "write-out", action: string(\.writeOut)),
        Spec(short: nil, long: "perfdata", action: flag(\.perfdata)),
        Spec(short: nil, long: "playbooks", action: strings(\.playbookDirectories)),
        Spec(short: nil, long: "no-default-playbooks", action: flag(\.noDefaultPlaybooks)),
    ]

    private static let longSpecs: [String: Action] = Dictionary(uniqueKeysWithValues: specs.map { ($0.long, $0.action) })
    private static let shortSpecs: [Character: Action] = Dictionary(
        uniqueKeysWithValues: specs.compactMap { s in s.short.map { ($0, s.action) } }
    )

    private static func flag(_ path: WritableKeyPath<CheckArguments, Bool> & Sendable) -> Action {
        .flag { $0[keyPath: path] = true }
    }

    /// A single-valued option: the last one given wins, as in ArgumentParser.
    private static func string(_ path: WritableKeyPath<CheckArguments, String?> & Sendable) -> Action {
        .value { a, v in
            a[keyPath: path] = v
            return true
        }
    }

    private static func strings(_ path: WritableKeyPath<CheckArguments, [String]> & Sendable) -> Action {
        .value { a, v in
            a[keyPath: path].append(v)
            return true
        }
    }

    /// Converted by ArgumentParser's own ExpressibleByArgument initialiser (no reflection).
    private static func number<T: ExpressibleByArgument>(_ path: WritableKeyPath<CheckArguments, T> & Sendable) -> Action {
        .value { a, v in
            guard let n = T(argument: v) else { return false }
            a[keyPath: path] = n
            return true
        }
    }

    private static func optionalNumber<T: ExpressibleByArgument>(_ path: WritableKeyPath<CheckArguments, T?> & Sendable) -> Action {
        .value { a, v in
            guard let n = T(argument: v) else { return false }
            a[keyPath: path] = n
            return true
        }
    }
}
