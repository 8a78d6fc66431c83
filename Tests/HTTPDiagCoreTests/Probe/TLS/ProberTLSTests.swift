import Foundation
import HTTPDiagLab
import HTTPDiagTestSupport
import Testing

@testable import HTTPDiagCore

/// TLS failure kinds against `openssl s_server` with generated certificates.
@Suite("TLS probes against openssl s_server")
struct ProberTLSTests {
    func tlsCheck(_ server: OpenSSLServer, _ configure: (inout ProbeOptions) -> Void = { _ in }) throws -> ProbeResult {
        try check(server.url) {
            $0.tls.caFile = TestCerts.path("ca.pem")
            configure(&$0)
        }.probes[0]
    }

    @Test func validCertificateIsVerifiedWithItsChain() throws {
        let server = try OpenSSLServer(cert: "valid.pem")
        let probe = try tlsCheck(server)
        #expect(probe.error == nil)
        #expect(probe.verdict == .ok)
        let tls = try #require(probe.tls)
        #expect(tls.verified)
        #expect(tls.verifyResult == 0)
        #expect(tls.version?.hasPrefix("TLSv1.") == true)
        #expect(tls.cipher?.isEmpty == false)
        #expect(tls.hostnameMatches == true)
        #expect(tls.chain.first?.sans.contains("DNS:localhost") == true)
        #expect(tls.chain.first?.sans.contains("IP:::1") == true)
        #expect((tls.chain.first?.daysLeft ?? 0) > 300)
        #expect(!tls.chainFromUnverifiedHandshake)
        #expect(probe.timings.tlsMs > 0)
    }

    @Test func expiredCertificate() throws {
        let server = try OpenSSLServer(cert: "expired.pem")
        let probe = try tlsCheck(server)
        #expect(probe.error?.kind == .tlsCertExpired)
        let tls = try #require(probe.tls)
        #expect(tls.verifyResult == 10)
        #expect(tls.chainFromUnverifiedHandshake)
        #expect((tls.chain.first?.daysLeft ?? 0) < -365)
        #expect(
            tls.chain.first?.notAfter.map { CertificateParser.daysFromCivil(year: 2020, month: 2, day: 1) * 86_400 == Int($0.timeIntervalSince1970) }
                == true
        )
    }

    @Test func hostnameMismatch() throws {
        let server = try OpenSSLServer(cert: "wronghost.pem")
        let probe = try tlsCheck(server)
        #expect(probe.error?.kind == .tlsHostnameMismatch)
        #expect(probe.tls?.hostnameMatches == false)
        #expect(probe.tls?.chain.first?.sans == ["DNS:wrong.example.test"])
    }

    @Test func selfSignedIsUntrusted() throws {
        let server = try OpenSSLServer(cert: "selfsigned.pem")
        let probe = try tlsCheck(server)
        #expect(probe.error?.kind == .tlsUntrusted)
        #expect(probe.tls?.verifyResult == 18)
        #expect(probe.tls?.chain.first?.selfSigned == true)
    }

    @Test func incompleteChainIsUntrusted() throws {
        let server = try OpenSSLServer(cert: "chain-leaf.pem")
        let probe = try tlsCheck(server)
        #expect(probe.error?.kind == .tlsUntrusted)
        #expect(probe.tls?.verifyResult == 20)
    }

    @Test func insecureSkipsVerificationButStillReports() throws {
        let server = try OpenSSLServer(cert: "selfsigned.pem")
        let probe = try tlsCheck(server) { $0.tls.insecure = true }
        #expect(probe.error == nil)
        #expect(probe.tls?.verified == false)
        #expect(probe.tls?.chain.first?.selfSigned == true)
    }

    @Test func expiringSoonIsWarning() throws {
        let server = try OpenSSLServer(cert: "expiring.pem")
        let report = try check(server.url) { $0.tls.caFile = TestCerts.path("ca.pem") }
        #expect(report.verdict == .warning)
        #expect(report.reason.contains("certificate expires in"))
        let relaxed = try check(server.url) {
            $0.tls.caFile = TestCerts.path("ca.pem")
            $0.certWarnDays = 2
        }
        #expect(relaxed.verdict == .ok)
    }

    @Test(arguments: ["-tls1_3", "-tls1_2"])
    func clientCertificateRequired(version: String) throws {
        let server = try OpenSSLServer(
            cert: "valid.pem",
            extra: [
                "-Verify", "1", "-CAfile", TestCerts.path("client-ca.pem"),
                "-verify_return_error", version,
            ]
        )
        let probe = try tlsCheck(server)
        #expect(probe.error?.kind == .tlsClientCertRequired)
        #expect(probe.tls?.clientCertificateRequested == true)
        #expect(probe.tls?.alertReceived != nil)
    }

    @Test func clientCertificateAccepted() throws {
        let server = try OpenSSLServer(
            cert: "valid.pem",
            extra: [
                "-Verify", "1", "-CAfile", TestCerts.path("client-ca.pem"),
                "-verify_return_error",
            ]
        )
        let probe = try tlsCheck(server) {
            $0.tls.clientCert = TestCerts.path("client.pem")
            $0.tls.clientKey = TestCerts.path("client.key")
        }
        #expect(probe.error == nil)
        #expect(probe.tls?.clientCertificateRequested == true)
        #expect(probe.tls?.clientCertificateSent == true)
    }

    @Test func protocolMismatchIsHandshakeFailure() throws {
        // TLS 1.0 only: OpenSSL 3's default security level refuses it on our side.
        let server = try OpenSSLServer(cert: "valid.pem", extra: ["-tls1", "-cipher", "ALL:@SECLEVEL=0"])
        let probe = try tlsCheck(server)
        #expect(probe.error?.kind == .tlsHandshake)
    }

    @Test func httpsToPlainHTTPPortIsPeerNotTLS() throws {
        let server = try labServer(.text(400, "plain"))
        let probe = try check("https://127.0.0.1:\(server.port)/").probes[0]
        #expect(probe.error?.kind == .tlsPeerNotTLS)
    }

    @Test func plainHTTPToTLSServerThatAnswersWithAnAlert() throws {
        // Some TLS stacks answer plaintext with a fatal alert record (21, 3.1, len 2, fatal, 50).
        let server = try labServer(.raw([0x15, 0x03, 0x01, 0x00, 0x02, 0x02, 0x32]))
        let probe = try check(server.baseURL + "/").probes[0]
        #expect(probe.error?.kind == .httpToTLSPort)
    }

    @Test func plainHTTPToOpenSSLServerIsEmptyReply() throws {
        // OpenSSL closes silently on a plaintext request: the kind says what was seen.
        let server = try OpenSSLServer(cert: "valid.pem")
        #expect(try check("http://127.0.0.1:\(server.port)/").probes[0].error?.kind == .emptyReply)
    }
}

/// TLS alerts by their RFC names, with the number, in the evidence and the message.
@Suite("TLS alerts by name")
struct TLSAlertTests {
    @Test func rfcNames() {
        let expected = [
            0: "close_notify", 40: "handshake_failure", 42: "bad_certificate", 48: "unknown_ca",
            70: "protocol_version", 80: "internal_error", 112: "unrecognized_name", 116: "certificate_required",
            120: "no_application_protocol", 21: "decryption_failed", 100: "no_renegotiation", 86: "inappropriate_fallback",
        ]
        for (code, name) in expected { #expect(TLSAlert.name(code) == name, "alert \(code)") }
        #expect(TLSAlert.name(7) == "unassigned")
        // RFC 8446 §6 and RFC 5246 §7.2 together: 32 descriptions, plus RFC 6066's two.
        #expect(TLSAlert.names.count == 34)
        #expect(TLSAlert(code: 116) == TLSAlert(code: 116, name: "certificate_required"))
    }

    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var server: [String]
        var clientCert = false
        var code: Int
        var alert: String
        var kind: FailureKind
        var description: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "TLS 1.3, no client certificate",
            server: ["-Verify", "1", "-CAfile", "client-ca.pem", "-verify_return_error", "-tls1_3"],
            code: 116,
            alert: "certificate_required",
            kind: .tlsClientCertRequired
        ),
        Case(
            name: "TLS 1.2, no client certificate",
            server: ["-Verify", "1", "-CAfile", "client-ca.pem", "-verify_return_error", "-tls1_2"],
            code: 40,
            alert: "handshake_failure",
            kind: .tlsClientCertRequired
        ),
        Case(
            name: "client certificate from a CA the server does not trust",
            server: ["-Verify", "1", "-CAfile", "ca.pem", "-verify_return_error"],
            clientCert: true,
            code: 48,
            alert: "unknown_ca",
            kind: .tlsClientCertRequired
        ),
        Case(
            name: "SNI name the server does not serve",
            server: ["-cert2", "valid.pem", "-key2", "valid.key", "-servername", "other.test", "-servername_fatal"],
            code: 112,
            alert: "unrecognized_name",
            kind: .tlsHandshake
        ),
        Case(name: "no common ALPN protocol", server: ["-alpn", "not-http"], code: 120, alert: "no_application_protocol", kind: .tlsHandshake),
    ]

    @Test(arguments: cases)
    func serverAlertIsNamed(_ c: Case) throws {
        let args = c.server.map { $0.hasSuffix(".pem") || $0.hasSuffix(".key") ? TestCerts.path($0) : $0 }
        let server = try OpenSSLServer(cert: "valid.pem", extra: args)
        let report = try check(server.url) {
            $0.tls.caFile = TestCerts.path("ca.pem")
            if c.clientCert {
                $0.tls.clientCert = TestCerts.path("client.pem")
                $0.tls.clientKey = TestCerts.path("client.key")
            }
        }
        let probe = report.probes[0]
        #expect(probe.error?.kind == c.kind)
        #expect(probe.tls?.alertReceived == TLSAlert(code: c.code, name: c.alert))
        #expect(probe.error?.message.contains("alert \(c.code) (\(c.alert))") == true, "\(probe.error?.message ?? "")")
        #expect(TextReport.render(report, style: Style(enabled: false)).contains("server sent alert \(c.code) \(c.alert)"))
    }

    @Test func alertOurSideSentIsNamed() throws {
        // TLS 1.0 only: OpenSSL 3 on our side gives up and says so with an alert.
        let server = try OpenSSLServer(cert: "valid.pem", extra: ["-tls1", "-cipher", "ALL:@SECLEVEL=0"])
        let probe = try check(server.url) { $0.tls.caFile = TestCerts.path("ca.pem") }.probes[0]
        #expect(probe.error?.kind == .tlsHandshake)
        let sent = try #require(probe.tls?.alertSent)
        #expect(sent.name == TLSAlert.name(sent.code) && sent.name != "unassigned")
        #expect(probe.error?.message.contains("alert \(sent.code) (\(sent.name))") == true, "\(probe.error?.message ?? "")")
    }
}
