import Foundation
import Testing
@testable import HTTPDiagCore
import HTTPDiagLab

/// Known secret values sent by the real binary to a server that echoes every request
/// header, the query and the body back (body and Set-Cookie): none may appear in text,
/// JSON or Markdown output, in the --report file on disk, or on stderr.
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
    enum Auth: String, CaseIterable, Sendable { case bearer, basicHeader, userFlag }

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
        }
        return args
    }

    static func secrets(_ auth: Auth) -> [String] {
        var s = [cookie, apiKey, urlPassword, queryToken, querySignature, amzSignature, queryKey, bodyPassword, clientSecret]
        switch auth {
        case .bearer: s += [jwt, jwtSignature]
        case .basicHeader: s += [basic, basicPassword]
        case .userFlag: s += [userFlagPassword, Data("carol:\(userFlagPassword)".utf8).base64EncodedString()]
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
}
