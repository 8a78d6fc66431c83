import Foundation
import Testing
@testable import HTTPDiagCore
import HTTPDiagLab

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
        #expect(tls.chain.first?.notAfter.map { CertificateParser.daysFromCivil(year: 2020, month: 2, day: 1) * 86_400 == Int($0.timeIntervalSince1970) } == true)
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
        let relaxed = try check(server.url) { $0.tls.caFile = TestCerts.path("ca.pem"); $0.certWarnDays = 2 }
        #expect(relaxed.verdict == .ok)
    }

    @Test(arguments: ["-tls1_3", "-tls1_2"])
    func clientCertificateRequired(version: String) throws {
        let server = try OpenSSLServer(cert: "valid.pem", extra: ["-Verify", "1", "-CAfile", TestCerts.path("client-ca.pem"),
                                                                 "-verify_return_error", version])
        let probe = try tlsCheck(server)
        #expect(probe.error?.kind == .tlsClientCertRequired)
        #expect(probe.tls?.clientCertificateRequested == true)
        #expect(probe.tls?.alertReceived != nil)
    }

    @Test func clientCertificateAccepted() throws {
        let server = try OpenSSLServer(cert: "valid.pem", extra: ["-Verify", "1", "-CAfile", TestCerts.path("client-ca.pem"),
                                                                 "-verify_return_error"])
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
