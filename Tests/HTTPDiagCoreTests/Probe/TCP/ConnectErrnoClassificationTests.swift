import Foundation
import HTTPDiagTestSupport
import Testing

@testable import HTTPDiagCore

/// The classifier's table for a failed connect (CURLE_COULDNT_CONNECT and the socket's
/// errno), errno by errno: only ECONNREFUSED is "nothing listens there" (issue 9 §10).
/// EACCES, EINVAL and EADDRNOTAVAIL are also provoked for real (ConnectErrnoTests); EPERM
/// and the rest cannot be on loopback (a netfilter drop of a SYN is retried by the kernel,
/// not reported), so they are checked here.
@Suite("Connect errnos, classified")
struct ConnectErrnoClassificationTests {
    static func outcome(curlCode: Int = FailureClassifier.couldntConnect, errno: Int32) -> HopOutcome {
        HopOutcome(
            curlCode: curlCode,
            curlMessage: "Couldn't connect to server",
            osErrno: Int(errno),
            statusLine: nil,
            headers: [],
            body: [],
            bodySize: 0,
            headersTooLarge: false,
            bodyTooLarge: false,
            nonHTTPBytes: nil,
            sentHeaderText: "",
            timings: Timings(),
            primaryIP: nil,
            primaryPort: 0,
            redirectURL: nil,
            certificates: [],
            verifyResult: 0,
            tls: TLSObservation(
                handshakeDone: false,
                alertReceived: nil,
                alertSent: nil,
                sawServerHello: false,
                sentAny: false,
                sawCertificateRequest: false,
                sentCertificate: false,
                firstRecordByte: nil,
                version: "",
                cipher: "",
                alpn: ""
            ),
            connected: false
        )
    }

    @Test(
        arguments: [
            (ECONNREFUSED, FailureKind.connectRefused), (ETIMEDOUT, .connectTimeout),
            (ENETUNREACH, .networkUnreachable), (EHOSTUNREACH, .networkUnreachable), (ENETDOWN, .networkUnreachable),
            (EPERM, .localError), (EACCES, .localError), (EINVAL, .localError), (EADDRNOTAVAIL, .localError),
            (EAFNOSUPPORT, .localError), (EADDRINUSE, .localError), (EMFILE, .localError), (ENOBUFS, .localError),
        ] as [(Int32, FailureKind)]
    )
    func errnoDecidesTheKind(errno: Int32, kind: FailureKind) throws {
        let e = try #require(FailureClassifier.classify(Self.outcome(errno: errno), scheme: "http", hasClientCert: false))
        #expect(e.kind == kind, "\(OSErrno.describe(errno)) → \(e.kind.rawValue)")
        #expect(e.phase == "connect")
        #expect(e.osErrno == Int(errno))
        #expect(e.osErrnoName == OSErrno.name(errno))
        if kind == .localError {
            #expect(e.message.contains(OSErrno.name(errno) ?? "?") && e.message.contains(OSErrno.text(errno)), "\(e.message)")
            #expect(e.message.contains("no SYN was sent"), "\(e.message)")
        }
    }

    @Test func noErrnoIsNotARefusal() throws {
        let e = try #require(FailureClassifier.classify(Self.outcome(errno: 0), scheme: "http", hasClientCert: false))
        #expect(e.kind == .localError)
        #expect(e.osErrno == nil)
    }

    @Test func aLocalAddressThatCannotBeBoundIsALocalError() throws {
        let e = try #require(
            FailureClassifier.classify(
                Self.outcome(curlCode: FailureClassifier.interfaceFailed, errno: EADDRNOTAVAIL),
                scheme: "http",
                hasClientCert: false
            )
        )
        #expect(e.kind == .localError)
        #expect(e.message.contains("EADDRNOTAVAIL"), "\(e.message)")
    }

    @Test func errnoNames() {
        #expect(OSErrno.name(EADDRNOTAVAIL) == "EADDRNOTAVAIL")
        #expect(OSErrno.describe(EACCES) == "EACCES (Permission denied)")
        #expect(OSErrno.describe(4242) == "errno 4242")
    }
}
