import Foundation
import HTTPDiagLab
import HTTPDiagTestSupport
import Testing

@testable import HTTPDiagCore

/// The TLS layer: TLSProber's reading of a real https exchange through its LayerProber
/// signature (and the handshake of its own it makes when verification failed), and
/// TLSFailure's classification, against `openssl s_server` with this run's certificates.
@Suite("TLS prober")
struct TLSProberTests {
    /// One exchange with the server, then the TLS prober on it.
    func probe(_ server: OpenSSLServer, _ configure: (inout ProbeOptions) -> Void = { _ in }) async throws -> (HopExchange, LayerOutcome<TLSEvidence>)
    {
        let context = try ProbeContext.forTesting(server.url) {
            $0.tls.caFile = TestCerts.path("ca.pem")
            configure(&$0)
        }
        let hop = try await context.exchange()
        #expect(hop.outcome.connected)
        return (hop, await TLSProber().probe(hop, context: context))
    }

    @Test func isTheRegisteredTLSLayer() {
        #expect(TLSProber.layer == .tls)
        #expect(type(of: ProberRegistry.standard.tls).layer == .tls)
        #expect(TLSHelloFollowUp.layer == .tls)
    }

    @Test func aVerifiedHandshakeWithItsChain() throws {
        try onThisThread {
            let server = try OpenSSLServer(cert: "valid.pem")
            let (hop, outcome) = try await probe(server)
            #expect(hop.outcome.curlCode == 0)
            #expect(outcome.failure == nil)
            let tls = outcome.evidence
            #expect(tls.verified)
            #expect(tls.verifyResult == 0)
            #expect(tls.version?.hasPrefix("TLSv1.") == true)
            #expect(tls.hostnameMatches == true)
            #expect(tls.chain.first?.sans.contains("DNS:localhost") == true)
            #expect(!tls.chainFromUnverifiedHandshake)
        }
    }

    @Test func anExpiredChainIsReadByAHandshakeOfItsOwn() throws {
        try onThisThread {
            let server = try OpenSSLServer(cert: "expired.pem")
            let (hop, outcome) = try await probe(server)
            #expect(hop.outcome.curlCode == FailureClassifier.peerFailedVerification)
            #expect(hop.outcome.certificates.isEmpty, "libcurl keeps no chain that failed verification")
            #expect(outcome.failure?.kind == .tlsCertExpired)
            #expect(outcome.failure?.phase == "tls")
            let tls = outcome.evidence
            #expect(!tls.verified)
            #expect(tls.verifyResult == 10)
            #expect(tls.chainFromUnverifiedHandshake)
            #expect((tls.chain.first?.daysLeft ?? 0) < -365)
        }
    }

    @Test func aNameMismatchIsDecidedByTheChain() throws {
        try onThisThread {
            let server = try OpenSSLServer(cert: "wronghost.pem")
            let (hop, outcome) = try await probe(server)
            #expect(outcome.evidence.hostnameMatches == false)
            #expect(outcome.failure?.kind == .tlsHostnameMismatch)
            // The prober's failure is the transfer's TLS failure, sharpened by the chain.
            let transfer = TLSFailure.of(hop.outcome, scheme: "https", hasClientCert: false)
            #expect(TLSFailure.refine(transfer, tls: outcome.evidence) == outcome.failure)
            #expect(FailureClassifier.classify(hop.outcome, scheme: "https", hasClientCert: false) == transfer)
        }
    }

    @Test func insecureIsNeverReportedAsVerified() throws {
        try onThisThread {
            let server = try OpenSSLServer(cert: "selfsigned.pem")
            let (hop, outcome) = try await probe(server) { $0.tls.insecure = true }
            #expect(hop.outcome.curlCode == 0)
            #expect(outcome.failure == nil)
            #expect(!outcome.evidence.verified)
            #expect(outcome.evidence.chain.first?.selfSigned == true)
        }
    }

    @Test func aClientCertificateTheServerRequires() throws {
        try onThisThread {
            let server = try OpenSSLServer(
                cert: "valid.pem",
                extra: ["-Verify", "1", "-verify_return_error", "-CAfile", TestCerts.path("client-ca.pem")]
            )
            let (_, outcome) = try await probe(server)
            #expect(outcome.failure?.kind == .tlsClientCertRequired)
            #expect(outcome.evidence.clientCertificateRequested)
            #expect(!outcome.evidence.clientCertificateSent)
        }
    }

    @Test func aPlainHTTPExchangeHasNoTLSFailure() throws {
        try onThisThread {
            let server = try labServer(.text(200, "hello"))
            let hop = try await ProbeContext.forTesting(server.baseURL + "/").exchange()
            #expect(TLSFailure.of(hop.outcome, scheme: "http", hasClientCert: false) == nil)
        }
    }

    @Test func tlsToAPlainHTTPPortIsNotTLS() throws {
        try onThisThread {
            let server = try labServer(.text(200, "hello"))
            let hop = try await ProbeContext.forTesting("https://127.0.0.1:\(server.port)/").exchange()
            #expect(TLSFailure.of(hop.outcome, scheme: "https", hasClientCert: false)?.kind == .tlsPeerNotTLS)
        }
    }
}
