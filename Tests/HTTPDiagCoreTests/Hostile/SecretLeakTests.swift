import Foundation
import Testing
@testable import HTTPDiagCore
import HTTPDiagFleet
import HTTPDiagLab
import HTTPDiagTestSupport

/// Known secret values sent by the real binary to a server that echoes every request
/// header, the query and the body back (body and Set-Cookie): none may appear in text,
/// JSON or Markdown output, in the --report file on disk, or on stderr. The echo may
/// encode them as real servers do (JSON with `\/` or `\u002F`, Go's `\u0026`, percent
/// or form encoding, HTML entities, `\x2F`, JSON inside JSON): no encoding of a secret
/// may appear either. A secret header that cannot be sent (a line break in its value)
/// is never quoted in the error, on stderr, in `run --format json` or in the SQLite state.
@Suite("Secrets never leave the process")
struct SecretLeakTests {
    static let jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJsZWFrLXRlc3QiLCJleHAiOjQxMDI0NDQ4MDB9.c2lnbmF0dXJlLXNlY3JldC0zMzQ0NTU2Ng"
    static let jwtSignature = "c2lnbmF0dXJlLXNlY3JldC0zMzQ0NTU2Ng"
    static let basicPassword = "basic-pass-31337"
    static let basic = Data("basic-user:\(basicPassword)".utf8).base64EncodedString()
    static let userFlagPassword = "u-flag-pass-4242"
    static let cookie = "cookie-secret-8812"
    static let apiKey = "apikey-secret-7731"
    static let urlPassword = "url-pass-5521"
    static let queryToken = "query-token-6612"
    static let querySignature = "query-sig-7713"
    static let amzSignature = "amzsig0123456789abcdef0123456789"
    static let queryKey = "query-key-9914"
    static let bodyPassword = "body-pass-1155"
    static let clientSecret = "client-secret-2266"

    /// How the Authorization header is produced in each run.
    /// `urlUserinfo`: no Authorization header and no -u, so libcurl sends Basic
    /// base64(alice:url-pass-5521) built from the URL's userinfo.
    enum Auth: String, CaseIterable, Sendable { case bearer, basicHeader, userFlag, urlUserinfo }

    static func arguments(_ server: LabServer, _ auth: Auth) -> [String] {
        let url = "http://alice:\(urlPassword)@127.0.0.1:\(server.port)/echo?token=\(queryToken)&signature=\(querySignature)"
            + "&X-Amz-Signature=\(amzSignature)&key=\(queryKey)&page=1"
        var args = ["check", url, "-H", "Cookie: sid=\(cookie); theme=dark", "-H", "X-Api-Key: \(apiKey)",
                    "-H", "Content-Type: application/json",
                    "-d", #"{"user":"bob","password":"\#(bodyPassword)","client_secret":"\#(clientSecret)","n":1}"#]
        switch auth {
        case .bearer: args += ["-H", "Authorization: Bearer \(jwt)"]
        case .basicHeader: args += ["-H", "Authorization: Basic \(basic)"]
        case .userFlag: args += ["-u", "carol:\(userFlagPassword)"]
        case .urlUserinfo: break
        }
        return args
    }

    static func secrets(_ auth: Auth) -> [String] {
        var s = [cookie, apiKey, urlPassword, queryToken, querySignature, amzSignature, queryKey, bodyPassword, clientSecret]
        switch auth {
        case .bearer: s += [jwt, jwtSignature]
        case .basicHeader: s += [basic, basicPassword]
        case .userFlag: s += [userFlagPassword, Data("carol:\(userFlagPassword)".utf8).base64EncodedString()]
        case .urlUserinfo: s += [Data("alice:\(urlPassword)".utf8).base64EncodedString()]
        }
        return s
    }

    static func bodySize(_ json: String) -> Int? {
        guard let doc = try? JSONDecoder().decode(JSONValue.self, from: Data(json.utf8)),
              case .number(let n)? = doc["probes"]?[0]?["response"]?["body_size"] else { return nil }
        return Int(n)
    }

    @Test(arguments: Auth.allCases)
    func noSecretInAnyOutputReportOrLog(auth: Auth) throws {
        let server = try labServer(.echo)
        // Baseline: the same endpoint without any secret; the echo of the real run must be larger.
        let baseline = try runCLI(["check", "http://127.0.0.1:\(server.port)/echo", "--format", "json"])
        let baseSize = try #require(Self.bodySize(baseline.stdout), "\(baseline.stdout.prefix(300)) \(baseline.stderr)")
        let secrets = Self.secrets(auth)

        for format in ["text", "json", "markdown"] {
            let report = NSTemporaryDirectory() + "httpdiag-leak-\(UUID().uuidString).md"
            defer { try? FileManager.default.removeItem(atPath: report) }
            let r = try runCLI(Self.arguments(server, auth) + ["--format", format, "--report", report])
            #expect(r.status == 0, "\(auth) \(format): exit \(r.status) \(r.stderr) \(r.stdout.prefix(400))")
            #expect(!r.stdout.isEmpty)
            let onDisk = try String(contentsOfFile: report, encoding: .utf8)
            #expect(onDisk.hasPrefix("# "), "\(onDisk.prefix(200))")
            for secret in secrets {
                #expect(!r.stdout.contains(secret), "\(auth): leaked in \(format) output: \(secret)")
                #expect(!r.stderr.contains(secret), "\(auth): leaked on stderr (\(format)): \(secret)")
                #expect(!onDisk.contains(secret), "\(auth): leaked in the --report file (\(format)): \(secret)")
            }
            #expect(r.stdout.contains("<redacted"), "\(auth) \(format): nothing was redacted?")
            if format == "json" {
                // The echo really carried every secret back: the body grew by at least their size.
                let size = try #require(Self.bodySize(r.stdout))
                let minimum = secrets.prefix(9).reduce(0) { $0 + $1.count }
                #expect(size >= baseSize + minimum, "\(auth): body \(size) bytes, baseline \(baseSize)")
                #expect(r.stdout.contains("\"name\" : \"Set-Cookie\""), "the echo sets cookies from the secrets")
            }
        }
    }

    // MARK: encoded echoes (issue 9 §5)

    /// Secrets made of the characters encoders escape: `/`, `+`, `=`, `&`, `<`, `"`, a space.
    static let encBearer = "tok/8821+Ab=cd&ef<gh\"ij kl"
    static let encApiKey = "key/5512+Zz==&q<r"
    static let encCookie = "ck/7734+w=&v"
    /// Sent percent-encoded in the URL (`tq%2F6643%2Bp%3D`), so known decoded too.
    static let encQueryToken = "tq/6643+p="
    static let encUserPassword = "pw/5581+&<x\"y"
    static let encURLPassword = "pw/9931@x+y"

    enum EncodedAuth: String, CaseIterable, Sendable { case bearer, userFlag, urlUserinfo }

    static func encodedArguments(_ server: LabServer, _ auth: EncodedAuth) -> [String] {
        let userinfo = auth == .urlUserinfo ? "erin:pw%2F9931%40x%2By@" : ""
        var args = ["check", "http://\(userinfo)127.0.0.1:\(server.port)/echo?token=tq%2F6643%2Bp%3D&page=1", "--no-followup",
                    "-H", "X-Api-Key: \(encApiKey)", "-H", "Cookie: sid=\(encCookie); theme=dark"]
        switch auth {
        case .bearer: args += ["-H", "Authorization: Bearer \(encBearer)"]
        case .userFlag: args += ["-u", "dave:\(encUserPassword)"]
        case .urlUserinfo: break
        }
        return args
    }

    static func encodedSecrets(_ auth: EncodedAuth) -> [String] {
        var s = [encApiKey, encCookie, encQueryToken]
        switch auth {
        case .bearer: s += [encBearer]
        case .userFlag: s += [encUserPassword, Data("dave:\(encUserPassword)".utf8).base64EncodedString()]
        case .urlUserinfo: s += [Data("erin:\(encURLPassword)".utf8).base64EncodedString()]
        }
        return s
    }

    /// An origin that echoes what it was sent (the secret-bearing headers and the raw
    /// query) in the encodings real servers and frameworks use, one line each, plus
    /// one response header (`X-Echo`, not secret by name) carrying the JSON-escaped
    /// Authorization.
    static func encodingEcho() throws -> LabServer {
        try LabServer { request in
            var values: [(String, String)] = request.headers
                .filter { ["authorization", "x-api-key", "cookie"].contains($0.name.lowercased()) }
                .map { ($0.name, $0.value) }
            values.append(("query", String(request.target.split(separator: "?", maxSplits: 1).last ?? "")))
            if let q = values.last?.1.removingPercentEncoding { values.append(("query-decoded", q)) }
            var lines: [String] = []
            for (name, value) in values {
                for (encoding, encode) in EchoEncoding.all { lines.append("\(name) \(encoding): \(encode(value))") }
            }
            let body = Array((lines.joined(separator: "\n") + "\n").utf8)
            let auth = request.header("Authorization").map { EchoEncoding.json($0, slash: true) } ?? "none"
            return .respond(status: 200, headers: [("Content-Type", "text/plain"), ("X-Echo", auth)], body: body)
        }
    }

    @Test(arguments: EncodedAuth.allCases)
    func noEncodingOfASecretInAnyOutputReportOrLog(auth: EncodedAuth) throws {
        let server = try Self.encodingEcho()
        let secrets = Self.encodedSecrets(auth)
        for format in ["text", "json", "markdown"] {
            let report = NSTemporaryDirectory() + "httpdiag-leak-enc-\(UUID().uuidString).md"
            defer { try? FileManager.default.removeItem(atPath: report) }
            let r = try runCLI(Self.encodedArguments(server, auth) + ["--format", format, "--report", report])
            #expect(r.status == 0, "\(auth) \(format): exit \(r.status) \(r.stderr) \(r.stdout.prefix(400))")
            let onDisk = try String(contentsOfFile: report, encoding: .utf8)
            var blobs = [("\(format) output", r.stdout), ("stderr", r.stderr), ("--report file", onDisk)]
            if format == "json" {
                let doc = try #require(try? JSONDecoder().decode(JSONValue.self, from: Data(r.stdout.utf8)), "\(r.stdout.prefix(300))")
                blobs.append(("decoded JSON strings", Self.allStrings(doc).joined(separator: "\n")))
                // Not vacuous: every echoed line carried a secret, and each was replaced.
                guard case .string(let body)? = doc["probes"]?[0]?["response"]?["body"] else { Issue.record("no body"); continue }
                let echoed = body.split(separator: "\n").count
                #expect(echoed >= 4 * EchoEncoding.all.count, "\(auth): only \(echoed) echoed lines")
                #expect(body.components(separatedBy: "<redacted:").count - 1 >= echoed, "\(auth): \(body.prefix(2000))")
            }
            for (place, text) in blobs {
                for secret in secrets {
                    for (encoding, encode) in [("raw", { @Sendable in $0 })] + EchoEncoding.all {
                        let form = encode(secret)
                        #expect(!text.contains(form), "\(auth): \(secret) leaked \(encoding)-encoded (\(form)) in \(place)")
                    }
                }
            }
        }
    }

    /// Every string of a JSON document, recursively.
    static func allStrings(_ v: JSONValue) -> [String] {
        switch v {
        case .string(let s): [s]
        case .array(let a): a.flatMap(allStrings)
        case .object(let o): o.keys.map { $0 } + o.values.flatMap(allStrings)
        default: []
        }
    }

    // MARK: a secret header that cannot be sent (issue 9 §5)

    static let breakToken = "Zq9xW2vK7mPn4rT8yL3sB5"
    static let breakKey = "Hj6cVd2Nf8Gt4Wq1Xe7Rk0"

    /// Any 6 consecutive characters of the secret: an error that quotes a prefix of the
    /// header leaks part of it even when the whole value never appears.
    static func leakedPart(of secret: String, in text: String) -> String? {
        let chars = Array(secret)
        for i in 0...(chars.count - 6) where text.contains(String(chars[i..<(i + 6)])) { return String(chars[i..<(i + 6)]) }
        return nil
    }

    @Test(arguments: ["Authorization: Bearer \(breakToken)\n", "X-Api-Key: \(breakKey)\r\n", "X-Api-Key: \(breakKey)\nX-Injected: 1"])
    func checkNeverQuotesASecretHeaderWithALineBreak(header: String) throws {
        let r = try runCLI(["check", "http://127.0.0.1:\(closedPort())/", "-H", header])
        #expect(r.status == 3, "exit \(r.status) \(r.stderr)")
        #expect(r.stderr.contains("line break"), "\(r.stderr)")
        #expect(r.stderr.contains(header.hasPrefix("Authorization") ? "Authorization" : "X-Api-Key"), "the header is named: \(r.stderr)")
        for secret in [Self.breakToken, Self.breakKey] {
            #expect(Self.leakedPart(of: secret, in: r.stderr + r.stdout) == nil, "part of \(secret) quoted: \(r.stderr)")
        }
    }

    /// The same from a fleet config whose header values come from the environment with
    /// a trailing newline (a secret file read into a variable): the endpoint's reason goes
    /// to stdout, `run --format json` and the SQLite `reason` column.
    @Test func runNeverQuotesASecretHeaderWithALineBreak() throws {
        let server = try labServer(.text(200, "ok"))
        let dir = NSTemporaryDirectory() + "fleet-linebreak-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try """
        {"endpoints": [
          {"name": "bearer", "url": "\(server.baseURL)/", "headers": {"Authorization": "Bearer ${LB_TOKEN}"}},
          {"name": "apikey", "url": "\(server.baseURL)/", "headers": {"X-Api-Key": "${LB_KEY}"}}]}
        """.write(toFile: dir + "/config.json", atomically: true, encoding: .utf8)
        var env = ProcessInfo.processInfo.environment
        env["LB_TOKEN"] = Self.breakToken + "\n"
        env["LB_KEY"] = Self.breakKey + "\r\n"
        var blobs: [(String, String)] = []
        for format in ["text", "json"] {
            let r = try runCLI(["run", "--config", dir + "/config.json", "--state", dir + "/state.sqlite", "--format", format], environment: env)
            #expect(r.status == 3, "\(format): exit \(r.status) \(r.stdout) \(r.stderr)")
            #expect(r.stdout.contains("line break"), "\(format): the reason names the problem: \(r.stdout)")
            blobs += [("run \(format) stdout", r.stdout), ("run \(format) stderr", r.stderr)]
        }
        let store = try StateStore(path: dir + "/state.sqlite")
        for name in ["bearer", "apikey"] {
            let rows = try store.history(endpoint: name, limit: 10)
            #expect(rows.count == 2 && rows.allSatisfy { $0.reason.contains("line break") }, "\(name): \(rows.map(\.reason))")
            blobs += rows.map { ("SQLite reason of \(name)", $0.reason) }
        }
        for file in try FileManager.default.contentsOfDirectory(atPath: dir) where file.hasPrefix("state.sqlite") {
            blobs.append((file, String(decoding: FileManager.default.contents(atPath: dir + "/" + file) ?? Data(), as: UTF8.self)))
        }
        for (place, text) in blobs {
            for secret in [Self.breakToken, Self.breakKey] {
                #expect(Self.leakedPart(of: secret, in: text) == nil, "part of \(secret) in \(place): \(text.prefix(400))")
            }
        }
    }

    /// A config error about a secret header's value names the header and the problem,
    /// never the value (stderr of a cron job is mailed and logged).
    @Test(arguments: [
        (#"{"Authorization": "Bearer cfg-secret-Qw8eR5tY${CFG_TOKEN"}"#, "cfg-secret-Qw8eR5tY", "unclosed '${'"),
        (#"{"X-Api-Key": 987654321012345}"#, "987654321012345", "expected a string"),
    ] as [(String, String, String)])
    func configErrorsNeverQuoteASecretHeaderValue(headers: String, secret: String, problem: String) throws {
        let dir = NSTemporaryDirectory() + "fleet-config-secret-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try #"{"endpoints": [{"name": "a", "url": "http://127.0.0.1:9/", "headers": \#(headers)}]}"#
            .write(toFile: dir + "/config.json", atomically: true, encoding: .utf8)
        let r = try runCLI(["run", "--config", dir + "/config.json", "--state", dir + "/state.sqlite"])
        #expect(r.status == 3, "exit \(r.status) \(r.stderr)")
        #expect(r.stderr.contains(problem) && r.stderr.contains("endpoints[0].headers."), "\(r.stderr)")
        #expect(!r.stderr.contains(secret) && !r.stdout.contains(secret), "\(secret) quoted: \(r.stderr)")
    }
}

/// How echoing servers encode what they were sent. Each escapes at least `/` (every
/// test secret has one), so each gives a form the plain value does not contain.
enum EchoEncoding {
    static let all: [(String, @Sendable (String) -> String)] = [
        ("json-slash", { json($0, slash: true) }),           // PHP json_encode, Foundation's JSONSerialization
        ("json-u", { unicodeEscaped($0, upper: true) }),     // every non-alphanumeric as \u00XX
        ("json-u-lower", { unicodeEscaped($0, upper: false) }),
        ("json-go", { goJSON($0) }),                        // Go: < > & as \u003c \u003e \u0026, and \u002f here
        ("json-twice", { json(json($0, slash: true), slash: true) }),  // a JSON document quoted inside another
        ("percent", { percent($0, upper: true, plus: false) }),
        ("percent-lower", { percent($0, upper: false, plus: false) }),
        ("form", { percent($0, upper: true, plus: true) }),  // application/x-www-form-urlencoded
        ("html-decimal", { html($0) { "&#\($0);" } }),
        ("html-hex", { html($0) { "&#x\(String($0, radix: 16));" } }),
        ("html-named", { htmlNamed($0) }),
        ("js-hex", { html($0) { "\\x\(String($0, radix: 16, uppercase: true))" } }),
    ]

    static func isAlnum(_ u: Unicode.Scalar) -> Bool { u.isASCII && (u.properties.isAlphabetic || ("0"..."9").contains(u)) }

    static func json(_ s: String, slash: Bool) -> String {
        var out = ""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "/" where slash: out += "\\/"
            default: out.unicodeScalars.append(u)
            }
        }
        return out
    }

    static func unicodeEscaped(_ s: String, upper: Bool) -> String {
        s.unicodeScalars.map { u in
            isAlnum(u) ? String(u) : "\\u" + String(repeating: "0", count: 4 - String(u.value, radix: 16).count) + String(u.value, radix: 16, uppercase: upper)
        }.joined()
    }

    static func goJSON(_ s: String) -> String {
        s.unicodeScalars.map { u in
            switch u {
            case "<": "\\u003c"
            case ">": "\\u003e"
            case "&": "\\u0026"
            case "/": "\\u002f"
            case "\"": "\\\""
            case "\\": "\\\\"
            default: String(u)
            }
        }.joined()
    }

    static func percent(_ s: String, upper: Bool, plus: Bool) -> String {
        Array(s.utf8).map { b in
            let u = Unicode.Scalar(b)
            if isAlnum(u) || "-._~".unicodeScalars.contains(u) { return String(u) }
            if plus && b == 0x20 { return "+" }
            let hex = String(b, radix: 16, uppercase: upper)
            return "%" + (hex.count == 1 ? "0" : "") + hex
        }.joined()
    }

    static func html(_ s: String, _ entity: (UInt32) -> String) -> String {
        s.unicodeScalars.map { isAlnum($0) || $0 == " " ? String($0) : entity($0.value) }.joined()
    }

    static func htmlNamed(_ s: String) -> String {
        let names: [Unicode.Scalar: String] = ["&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "/": "&sol;",
                                               "+": "&plus;", "=": "&equals;", "@": "&commat;"]
        return s.unicodeScalars.map { names[$0] ?? String($0) }.joined()
    }
}
