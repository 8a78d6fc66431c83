import Foundation
import HTTPDiagFleet
import HTTPDiagLab
import HTTPDiagTestSupport
import Testing

@testable import HTTPDiagCore

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
        let url =
            "http://alice:\(urlPassword)@127.0.0.1:\(server.port)/echo?token=\(queryToken)&signature=\(querySignature)"
            + "&X-Amz-Signature=\(amzSignature)&key=\(queryKey)&page=1"
        var args = [
            "check", url, "-H", "Cookie: sid=\(cookie); theme=dark", "-H", "X-Api-Key: \(apiKey)",
            "-H", "Content-Type: application/json",
            "-d", #"{"user":"bob","password":"\#(bodyPassword)","client_secret":"\#(clientSecret)","n":1}"#,
        ]
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
            case .number(let n)? = doc["probes"]?[0]?["response"]?["body_size"]
        else { return nil }
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
        var args = [
            "check", "http://\(userinfo)127.0.0.1:\(server.port)/echo?token=tq%2F6643%2Bp%3D&page=1", "--no-followup",
            "-H", "X-Api-Key: \(encApiKey)", "-H", "Cookie: sid=\(encCookie); theme=dark",
        ]
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
                guard case .string(let body)? = doc["probes"]?[0]?["response"]?["body"] else {
                    Issue.record("no body")
                    continue
                }
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

    /// An error message quotes what the user wrote: a bad URL with a token in its query or
    /// the environment's AWS secret key in its path goes to stderr through the boundary.
    @Test(arguments: [
        ("http://exa mple.com/?access_token=\(queryToken)", queryToken),
        ("ftp://host/\(awsSecretForStderr)", awsSecretForStderr),
        ("http://127.0.0.1:1/?X-Amz-Signature=\(amzSignature) x", amzSignature),
    ])
    func stderrErrorsAreRedacted(url: String, secret: String) throws {
        let r = try runCLI(
            ["check", url],
            environment: ProcessInfo.processInfo.environment.merging(["AWS_SECRET_ACCESS_KEY": Self.awsSecretForStderr]) { $1 }
        )
        #expect(r.status == 3, "exit \(r.status) \(r.stderr)")
        #expect(r.stderr.hasPrefix("httpdiag: URL"), "the error names the URL: \(r.stderr)")
        #expect(r.stderr.contains("<redacted"), "\(r.stderr)")
        #expect(Self.leakedPart(of: secret, in: r.stderr + r.stdout) == nil, "part of \(secret) on stderr: \(r.stderr)")
    }
    static let awsSecretForStderr = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYSTDERRKEY"

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
    @Test(
        arguments: [
            (#"{"Authorization": "Bearer cfg-secret-Qw8eR5tY${CFG_TOKEN"}"#, "cfg-secret-Qw8eR5tY", "unclosed '${'"),
            (#"{"X-Api-Key": 987654321012345}"#, "987654321012345", "expected a string"),
        ] as [(String, String, String)]
    )
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
        ("json-slash", { json($0, slash: true) }),  // PHP json_encode, Foundation's JSONSerialization
        ("json-u", { unicodeEscaped($0, upper: true) }),  // every non-alphanumeric as \u00XX
        ("json-u-lower", { unicodeEscaped($0, upper: false) }),
        ("json-go", { goJSON($0) }),  // Go: < > & as \u003c \u003e \u0026, and \u002f here
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
            isAlnum(u)
                ? String(u)
                : "\\u" + String(repeating: "0", count: 4 - String(u.value, radix: 16).count) + String(u.value, radix: 16, uppercase: upper)
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
        let names: [Unicode.Scalar: String] = [
            "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "/": "&sol;",
            "+": "&plus;", "=": "&equals;", "@": "&commat;",
        ]
        return s.unicodeScalars.map { names[$0] ?? String($0) }.joined()
    }
}

// MARK: - One table of secrets × every output, through the one boundary (issue 10)

/// Every kind of secret the product promises to keep (request headers, cookies, query
/// tokens, Basic credentials, AWS keys, tokens and signatures, the environment's AWS
/// credentials, and secrets the server itself issues or echoes back in the body, the
/// headers, Set-Cookie, Content-Location and the status line) is sent to, or made up by,
/// one loopback origin; every output of `check` and `run` is read back and searched for
/// every one of them: text, JSON, Markdown, the --report file, stderr, the run report
/// (text and JSON), the Prometheus textfile, webhook bodies (a loopback receiver), the
/// SQLite rows read back (results, incidents) and the state files' raw bytes, and the
/// incident report files.
@Suite("Secret leak matrix: every secret × every output (issue 10)", .serialized)
struct SecretLeakMatrixTests {
    // Sent with the request.
    static let bearer = "mx-bearer-Zq81Lp0Wv3Xy6"
    static let cookie = "mx-cookie-Hk29Fd7Sa1"
    static let apiKey = "mx-apikey-Qw47Er5Ty8"
    static let queryToken = "mx-qtoken-Bn63Mv2Cx0"
    static let bodyPassword = "mx-bodypass-Jr58Tg3Ka"
    static let urlUser = "mallory"
    static let urlPassword = "mx-urlpass-Pe71Wd4"
    // AWS, sent (SigV4 header, session token header, presigned query).
    static let sigKeyID = "AKIAIOSFODNN7EXAMPLE"
    static let sigSignature = "fe5f80f77d5fa3beca038a248ff027d0445342fe2855ddc963176630326f1024"
    static let sentSessionToken = "FwoGZXIvYXdzEMX-sent-session-token-Lk82"
    static let presignKeyID = "AKIAI44QH8DHBEXAMPLE"
    static let presignSignature = "aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404"
    // The environment's AWS credentials (echoed by the server without any label).
    static let envKeyID = "AKIDENVEXAMPLE7Q2W3E"
    static let envSecretKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
    static let envSessionToken = "IQoJb3JpZ2luX2VjEXAMPLE/env+session=token"
    // Made up by the server: never sent, known only by their shape or their name.
    static let serverSession = "mx-srv-session-Ui94Oa2"
    static let serverCode = "mx-srv-oauthcode-Vb36"
    static let serverAccessToken = "mx-srv-accesstoken-Nm15"
    static let serverLocationSession = "mx-srv-locsession-Gh40"
    static let serverJSONAccessToken = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJteC1zcnYifQ.mx-srv-jwt-sig-Tk72"
    static let serverJSONRefreshToken = "mx-srv-refresh/Rf+58=="
    static let stsKeyID = "ASIAY34FZKBOKMUTVV7A"
    static let stsSecret = "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY"
    static let stsSessionToken = "AQoDYXdzEJr-sts-session-token-EXAMPLE-Mz7"

    enum Variant: String, CaseIterable, Sendable { case bearer, sigV4, basicURL }

    static func b64(_ s: String) -> String { Data(s.utf8).base64EncodedString() }

    static var sigV4Header: String {
        "AWS4-HMAC-SHA256 Credential=\(sigKeyID)/20260101/us-east-1/s3/aws4_request, "
            + "SignedHeaders=host;x-amz-date;x-amz-security-token, Signature=\(sigSignature)"
    }

    /// The one table: name and value of every secret of a variant.
    static func table(_ v: Variant) -> [(String, String)] {
        var t: [(String, String)] = [
            ("cookie", cookie), ("api key header", apiKey), ("query token", queryToken), ("body password", bodyPassword),
            ("env AWS_ACCESS_KEY_ID", envKeyID), ("env AWS_SECRET_ACCESS_KEY", envSecretKey),
            ("env AWS_SESSION_TOKEN", envSessionToken),
            ("server Set-Cookie session", serverSession), ("server OAuth code in a quoted URL", serverCode),
            ("server access_token in Content-Location", serverAccessToken),
            ("server session_id in Location", serverLocationSession),
            ("server OAuth access_token in a JSON body", serverJSONAccessToken),
            ("server OAuth refresh_token in a JSON body", serverJSONRefreshToken), ("STS AccessKeyId", stsKeyID),
            ("STS SecretAccessKey", stsSecret), ("STS SessionToken", stsSessionToken),
        ]
        switch v {
        case .bearer: t += [("bearer token", bearer)]
        case .sigV4:
            t += [
                ("SigV4 Credential key id", sigKeyID), ("SigV4 Signature", sigSignature),
                ("X-Amz-Security-Token header", sentSessionToken), ("presigned X-Amz-Credential key id", presignKeyID),
                ("presigned X-Amz-Signature", presignSignature),
            ]
        case .basicURL: t += [("URL password", urlPassword), ("Basic credentials of the URL", b64("\(urlUser):\(urlPassword)"))]
        }
        return t
    }

    static func url(_ server: LabServer, _ v: Variant) -> String {
        let userinfo = v == .basicURL ? "\(urlUser):\(urlPassword)@" : ""
        var query = "token=\(queryToken)&page=1"
        if v == .sigV4 {
            query +=
                "&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=\(presignKeyID)%2F20260101%2Fus-east-1%2Fs3%2Faws4_request"
                + "&X-Amz-Date=20260101T000000Z&X-Amz-SignedHeaders=host&X-Amz-Signature=\(presignSignature)"
        }
        return "http://\(userinfo)127.0.0.1:\(server.port)/api?\(query)"
    }

    static func headers(_ v: Variant) -> [(String, String)] {
        var h = [("Cookie", "sid=\(cookie); theme=dark"), ("X-Api-Key", apiKey), ("Content-Type", "application/json")]
        switch v {
        case .bearer: h.append(("Authorization", "Bearer \(bearer)"))
        case .sigV4: h += [("Authorization", sigV4Header), ("X-Amz-Security-Token", sentSessionToken), ("X-Amz-Date", "20260101T000000Z")]
        case .basicURL: break
        }
        return h
    }

    static let body = #"{"user":"bob","password":"\#(bodyPassword)","n":1}"#

    static var environment: [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["AWS_ACCESS_KEY_ID"] = envKeyID
        env["AWS_SECRET_ACCESS_KEY"] = envSecretKey
        env["AWS_SESSION_TOKEN"] = envSessionToken
        env["NO_COLOR"] = "1"
        return env
    }

    /// A 503 whose status line, headers and body carry back what was sent and what the
    /// server made up, plain and JSON-escaped. Records what it received.
    static func origin(_ received: Shared<[LabRequest]>) throws -> LabServer {
        try LabServer { _ in
            .custom { r in
                received.with { $0.append(r) }
                var lines = ["\(r.method) \(r.target)"] + r.headers.map { "\($0.name): \($0.value)" }
                lines.append("body: " + String(decoding: r.body, as: UTF8.self))
                lines.append("env echo: \(envKeyID) \(envSecretKey) \(envSessionToken)")
                lines.append("json env echo: " + EchoEncoding.json(envSecretKey, slash: true))
                lines.append("next: https://idp.example.test/cb?state=1&code=\(serverCode)")
                lines.append(#"{"access_token":"\#(serverJSONAccessToken)","token_type":"Bearer","refresh_token":"\#(serverJSONRefreshToken)"}"#)
                lines.append(
                    #"{"Credentials":{"AccessKeyId":"\#(stsKeyID)","SecretAccessKey":"\#(stsSecret)","SessionToken":"\#(stsSessionToken)"}}"#
                )
                let echoed = r.headers.filter { ["authorization", "cookie", "x-api-key", "x-amz-security-token"].contains($0.name.lowercased()) }
                let headers: [(String, String)] =
                    [
                        ("Content-Type", "text/plain"), ("Set-Cookie", "session=\(serverSession); Path=/; HttpOnly"),
                        ("Content-Location", "/api/next?access_token=\(serverAccessToken)&page=2"),
                        ("Location", "/login?return=%2Fapi&session_id=\(serverLocationSession)&echo=\(queryToken)"),
                        ("X-Echo", echoed.map { EchoEncoding.json($0.value, slash: true) }.joined(separator: " | ")),
                    ]
                    + echoed.map { ("Set-Cookie", "echo=\($0.value); Path=/") }
                return .respond(
                    status: 503,
                    reason: "Unavailable key \(r.header("X-Api-Key") ?? "-") env \(envSecretKey)",
                    headers: headers,
                    body: Array(lines.joined(separator: "\n").utf8)
                )
            }
        }
    }

    static func checkArguments(_ server: LabServer, _ v: Variant) -> [String] {
        ["check", url(server, v), "--no-followup", "-d", body] + headers(v).flatMap { ["-H", "\($0.0): \($0.1)"] }
    }

    static func fleetConfig(_ server: LabServer, _ v: Variant) -> String {
        let h = headers(v).map { "\"\($0.0)\": \"\($0.1)\"" }.joined(separator: ", ")
        let escapedBody = body.replacingOccurrences(of: "\"", with: "\\\"")
        return """
            {"endpoints": [{"name": "leaky", "url": "\(url(server, v))", "method": "POST", "headers": {\(h)}, "body": "\(escapedBody)"}]}
            """
    }

    @Test(arguments: Variant.allCases)
    func noSecretOfTheTableInAnyOutput(variant: Variant) throws {
        let received = Shared<[LabRequest]>([])
        let server = try Self.origin(received)
        let hook = try HookReceiver(.text(200, "ok"))
        let dir = NSTemporaryDirectory() + "leak-matrix-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let env = Self.environment
        var outputs: [(String, String)] = []

        // httpdiag check, each format, with the --report file.
        for format in ["text", "json", "markdown"] {
            let report = dir + "/check-\(format).md"
            let r = try runCLI(Self.checkArguments(server, variant) + ["--format", format, "--report", report], environment: env)
            #expect(r.status == 2, "\(variant) \(format): exit \(r.status) \(r.stderr) \(r.stdout.prefix(300))")
            outputs += [
                ("check \(format) stdout", r.stdout), ("check \(format) stderr", r.stderr),
                ("check --report file (\(format) run)", (try? String(contentsOfFile: report, encoding: .utf8)) ?? ""),
            ]
        }
        // httpdiag run: the run report in both formats, state, reports, textfile, webhook.
        try Self.fleetConfig(server, variant).write(toFile: dir + "/config.json", atomically: true, encoding: .utf8)
        let state = dir + "/state.sqlite"
        for format in ["text", "json"] {
            let r = try runCLI(
                [
                    "run", "--config", dir + "/config.json", "--state", state, "--format", format,
                    "--report-dir", dir + "/reports", "--prometheus", dir + "/metrics.prom", "--notify-webhook", hook.url,
                ],
                environment: env
            )
            #expect(r.status == 2, "\(variant) run \(format): exit \(r.status) \(r.stderr) \(r.stdout.prefix(300))")
            outputs += [("run report \(format)", r.stdout), ("run \(format) stderr", r.stderr)]
        }
        outputs.append(("Prometheus textfile", (try? String(contentsOfFile: dir + "/metrics.prom", encoding: .utf8)) ?? ""))
        let reports = (try? FileManager.default.contentsOfDirectory(atPath: dir + "/reports")) ?? []
        let reportText = reports.compactMap { try? String(contentsOfFile: dir + "/reports/" + $0, encoding: .utf8) }.joined(separator: "\n")
        outputs.append(("incident report files", reportText))
        outputs.append(("webhook bodies", hook.received.joined(separator: "\n")))
        let store = try StateStore(path: state)
        let rows = try store.history(endpoint: "leaky", limit: 10)
        let incidents = try store.incidents(openOnly: false)
        outputs.append(("SQLite result rows", rows.map { "\($0.reason) \($0.diagnosisIds)" }.joined(separator: "\n")))
        outputs.append(("SQLite incident rows", incidents.map { "\($0.lastReason) \($0.reportPath ?? "")" }.joined(separator: "\n")))
        try store.close()
        let stateBytes = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasPrefix("state.sqlite") }
            .map { String(decoding: FileManager.default.contents(atPath: dir + "/" + $0) ?? Data(), as: UTF8.self) }.joined()
        outputs.append(("SQLite files (raw bytes)", stateBytes))

        // Not vacuous: the origin got every secret that is sent, every output exists, and
        // the outputs that quote the exchange show redaction markers.
        let sent = received.with { $0 }
        #expect(sent.count == 5, "\(variant): \(sent.count) requests")
        if let first = sent.first {
            let raw =
                ([first.method, first.target] + first.headers.map { "\($0.name): \($0.value)" }).joined(separator: "\n")
                + String(decoding: first.body, as: UTF8.self)
            for (name, value) in Self.table(variant)
            where !name.hasPrefix("server") && !name.hasPrefix("STS") && !name.hasPrefix("env")
                && !name.hasPrefix("URL password")
            {
                #expect(raw.contains(value), "\(variant): \(name) was not sent")
            }
        }
        #expect(!reports.isEmpty, "\(variant): no incident report")
        #expect(!hook.received.isEmpty, "\(variant): no webhook")
        #expect(rows.count == 2 && incidents.count == 1, "\(variant): \(rows.count) results, \(incidents.count) incidents")
        for (place, text) in outputs
        where ["check json stdout", "check markdown stdout", "check text stdout", "incident report files"].contains(place)
            || place.hasPrefix("check --report")
        {
            #expect(text.components(separatedBy: "<redacted:").count > 10, "\(variant): \(place) shows few markers: \(text.prefix(600))")
        }
        #expect(rows.allSatisfy { $0.reason.contains("<redacted:") }, "\(variant): the reason quoted the status line: \(rows.map(\.reason))")

        let table = Self.table(variant)
        var leaks = 0
        for (place, text) in outputs {
            #expect(!text.isEmpty || place.hasSuffix("stderr"), "\(variant): \(place) is empty")
            for (name, value) in table {
                for form in [value, EchoEncoding.json(value, slash: true), EchoEncoding.percent(value, upper: true, plus: false)]
                where text.contains(form) {
                    leaks += 1
                    Issue.record("\(variant): \(name) (\(form)) leaked into \(place)")
                }
            }
        }
        print(
            "leak matrix \(variant): \(table.count) secrets × \(outputs.count) outputs × 3 encodings = \(table.count * outputs.count * 3) checks, \(leaks) leaks"
        )
    }
}
