import Foundation
import Testing

@testable import HTTPDiagCore

/// Issue 10: credentials that are not request headers — AWS keys, SigV4 signatures,
/// session tokens, presigned URL parts, the environment's credentials — and secret query
/// parameters of URLs a server quotes. AWS's documented example keys are used.
@Suite("The redactor knows AWS credentials and secret query parameters by shape")
struct AWSRedactionTests {
    static let keyID = "AKIAIOSFODNN7EXAMPLE"
    static let tempKeyID = "ASIAY34FZKBOKMUTVV7A"
    static let secretKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
    static let sessionToken = "IQoJb3JpZ2luX2VjEXAMPLEtokenFwoGZXIvYXdzEBYaDHhB+/ZmFrZXRva2Vu=="
    static let signature = "fe5f80f77d5fa3beca038a248ff027d0445342fe2855ddc963176630326f1024"
    static let sigV4 =
        "AWS4-HMAC-SHA256 Credential=\(keyID)/20130524/us-east-1/s3/aws4_request, "
        + "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, Signature=\(signature)"

    static let secrets = [keyID, tempKeyID, secretKey, sessionToken, signature]

    func noSecret(_ text: String, _ place: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for s in Self.secrets + ["wJalrXUtnFEMI", "bPxRfiCYEXAMPLEKEY"] {
            #expect(!text.contains(s), "\(s) in \(place): \(text)", sourceLocation: sourceLocation)
        }
    }

    @Test(arguments: [
        "id \(keyID) and \(tempKeyID).",
        "aws_secret_access_key = \(secretKey)\naws_session_token = \(sessionToken)",
        "AWS_ACCESS_KEY_ID=\(keyID) AWS_SECRET_ACCESS_KEY=\(secretKey) AWS_SESSION_TOKEN=\(sessionToken)",
        #"{"Credentials": {"AccessKeyId": "\#(tempKeyID)", "SecretAccessKey": "\#(secretKey)", "SessionToken": "\#(sessionToken)"}}"#,
        #"{\"SecretAccessKey\":\"wJalrXUtnFEMI\/K7MDENG\/bPxRfiCYEXAMPLEKEY\",\"SessionToken\":\"\#(sessionToken)\"}"#,
        "export AWS_SECRET_ACCESS_KEY=\"\(secretKey)\"",
        "Authorization: \(sigV4)",
        "https://b.s3.amazonaws.com/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=\(keyID)%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"
            + "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Security-Token=\(sessionToken)"
            + "&X-Amz-Signature=\(signature)",
        "<a href=\"/k?X-Amz-Credential=\(keyID)%2F20130524&amp;X-Amz-Signature=\(signature)\">",
        #"{"location":"https:\/\/b\/k?a=1\u0026X-Amz-Signature=\#(signature)"}"#,
    ])
    func awsShapesAreRedactedWithoutBeingLearned(text: String) {
        let out = Redactor().scrub(text)
        noSecret(out, "scrubbed text")
        #expect(out.contains("<redacted:"), "\(out)")
        #expect(Redactor().scrub(out) == out, "redaction is stable: \(out)")
    }

    @Test func theSigV4ScopeAndSignedHeadersStayVisible() {
        let shown = Redactor().headerValue(name: "Authorization", value: Self.sigV4)
        #expect(
            shown == "AWS4-HMAC-SHA256 Credential=<redacted:20 chars>/20130524/us-east-1/s3/aws4_request, "
                + "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, Signature=<redacted:64 chars>",
            "\(shown)"
        )
        // Sent: the key id and the signature are learned and scrubbed by value anywhere.
        var r = Redactor()
        r.learnHeader(name: "Authorization", value: Self.sigV4)
        #expect(
            r.scrub("echo: key \(Self.keyID.lowercased()) \(Self.keyID), sig \(Self.signature)")
                == "echo: key \(Self.keyID.lowercased()) <redacted:20 chars>, sig <redacted:64 chars>"
        )
    }

    @Test func thePresignedCredentialsKeyIDIsLearned() {
        var r = Redactor()
        r.learnURL(
            "https://b.s3.amazonaws.com/k?X-Amz-Credential=AKIDEXAMPLE0123%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Signature=\(Self.signature)"
        )
        #expect(r.scrub("key AKIDEXAMPLE0123 denied") == "key <redacted:15 chars> denied")
        #expect(!r.scrub("sig \(Self.signature)").contains(Self.signature))
    }

    @Test func theEnvironmentsCredentialsAreScrubbedByValueInEveryEncoding() {
        var r = Redactor()
        r.learnEnvironment([
            "AWS_ACCESS_KEY_ID": "AKIDPLAINENVKEY", "AWS_SECRET_ACCESS_KEY": Self.secretKey,
            "AWS_SESSION_TOKEN": Self.sessionToken, "HOME": "/root",
        ])
        for echoed in [
            Self.secretKey, Self.secretKey.replacingOccurrences(of: "/", with: "%2F"),
            Self.secretKey.replacingOccurrences(of: "/", with: "\\/"), Self.sessionToken, "AKIDPLAINENVKEY",
        ] {
            noSecret(r.scrub("body: \(echoed) end"), "echo \(echoed)")
            #expect(!r.scrub("body: \(echoed) end").contains("AKIDPLAINENVKEY"))
        }
        #expect(r.scrub("/root") == "/root")
    }

    @Test(
        arguments: [
            ("Location: /next?token=server-issued-77&page=2", "Location: /next?token=<redacted:16 chars>&page=2"),
            ("see https://x/cb?code=oauth-code-1#frag", "see https://x/cb?code=<redacted:12 chars>#frag"),
            ("/p?a=1&amp;session=s3ss1on", "/p?a=1&amp;session=<redacted:7 chars>"),
            ("/cb%3Fapi_key%3Dx", "/cb%3Fapi_key%3Dx"),  // no `=` there: left alone
        ] as [(String, String)]
    )
    func secretQueryParametersOfQuotedURLsAreRedacted(text: String, expected: String) {
        #expect(Redactor().scrub(text) == expected)
    }

    @Test(
        arguments: [
            (
                #"{"access_token":"eyJhbGciOi.eyJzdWIiOiJ4In0.c2ln","token_type":"Bearer","expires_in":3600,"refresh_token":"rt-81\"x\u002Fy"}"#,
                #"{"access_token":"<redacted:31 chars>","token_type":"Bearer","expires_in":3600,"refresh_token":"<redacted:15 chars>"}"#
            ),
            (
                #""body" : "{\"client_secret\": \"cs-4411\", \"code\": \"AccessDenied\"}""#,
                #""body" : "{\"client_secret\": \"<redacted:7 chars>\", \"code\": \"AccessDenied\"}""#
            ),
            (
                #"{"code":"AccessDenied","token":{"token_use":"access"},"password":"","id_token_hint":"x"}"#,
                #"{"code":"AccessDenied","token":{"token_use":"access"},"password":"","id_token_hint":"x"}"#
            ),
        ] as [(String, String)]
    )
    func jsonStringsUnderSecretKeysAreRedacted(text: String, expected: String) {
        #expect(Redactor().scrub(text) == expected)
    }

    @Test(arguments: [
        "aws elbv2 describe-load-balancer-attributes --query \"Attributes[?Key=='idle_timeout.timeout_seconds']\"",
        "key=value and token: abc in prose, page=2&limit=3, Signature: none, sha 0123456789abcdef0123456789abcdef01234567",
        "AKIA is a prefix; AKIAIOSFODNN7EXAMPLEX is too long; xAKIAIOSFODNN7EXAMPLE is inside a word",
        "<redacted:20 chars> token=<redacted:3 chars>",
    ])
    func textThatIsNoSecretIsLeftAlone(text: String) {
        #expect(Redactor().scrub(text) == text)
    }

    @Test func theBoundaryRedactsWithTheReportsOwnSecrets() {
        var r = Redactor()
        r.addSecret("report-secret-123")
        let report = CheckReport(
            verdict: .ok,
            reason: "ok report-secret-123",
            target: Target(
                url: "http://x/",
                scheme: "http",
                host: "x",
                port: 80,
                method: "GET",
                samples: 1,
                burst: false,
                fanout: false
            ),
            startedAt: Date(),
            durationMs: 1,
            probes: [],
            tool: ToolInfo(name: "httpdiag", version: "0", libcurl: ""),
            redaction: r
        )
        let out = OutputBoundary.render(report) { "reason: \($0.reason) \(Self.keyID)" }
        #expect(out.text == "reason: ok <redacted:17 chars> <redacted:20 chars>")
        // The secrets are not serialised.
        let json = (try? JSONReport.render(report)) ?? ""
        #expect(!json.contains("redaction") && json.contains("report-secret-123"), "the JSON renderer itself is not the boundary")
        #expect(!OutputBoundary(report).pass(json).text.contains("report-secret-123"))
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.dateDecodingStrategy = .iso8601
        let decoded = try? decoder.decode(CheckReport.self, from: Data(json.utf8))
        #expect(decoded?.reason == "ok report-secret-123")
    }
}
