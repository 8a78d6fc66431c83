import Foundation
import HTTPDiagTestSupport
import Testing

@testable import HTTPDiagCore

@Suite("Control characters from the network are neutralised")
struct ControlCharactersTests {
    @Test func everyControlBecomesVisibleAndInert() {
        #expect(ControlCharacters.neutralize("a\u{1B}[31mb") == "a␛[31mb")
        #expect(ControlCharacters.neutralize("\u{1B}]0;title\u{07}") == "␛]0;title␇")
        #expect(ControlCharacters.neutralize("line\roverwrite") == "line␍overwrite")
        #expect(ControlCharacters.neutralize("a\nb\r\nc") == "a␊b␍␊c")
        #expect(ControlCharacters.neutralize("\u{0}\u{7F}") == "␀␡")
        #expect(ControlCharacters.neutralize("8-bit CSI \u{9B}31m, NEL \u{85}") == "8-bit CSI \u{FFFD}31m, NEL \u{FFFD}")
        #expect(ControlCharacters.neutralize("tab\tkept") == "tab\tkept")
        // Not controls: Latin-1 letters and other non-ASCII text stay.
        #expect(ControlCharacters.neutralize("Grüße ½ € 日本 \u{A0}") == "Grüße ½ € 日本 \u{A0}")
    }

    @Test func multiLineTextKeepsItsLineStructureOnly() {
        #expect(ControlCharacters.neutralize("a\nb\r\nc\td", lineBreaks: .keep) == "a\nb\r\nc\td")
        #expect(ControlCharacters.neutralize("a\rb\r", lineBreaks: .keep) == "a␍b␍")
        #expect(ControlCharacters.neutralize("a\r\r\nb", lineBreaks: .keep) == "a␍\r\nb")
        #expect(ControlCharacters.neutralize("\u{1B}[2J\n", lineBreaks: .keep) == "␛[2J\n")
    }

    @Test func cleanTextIsReturnedAsIs() {
        for s in ["", "plain", "Grüße\tund\u{A0}mehr", "€\u{10FFFF}"] {
            #expect(!ControlCharacters.contains(s))
            #expect(ControlCharacters.neutralize(s) == s)
        }
        #expect(ControlCharacters.contains("a\u{9B}"))
        #expect(!ControlCharacters.contains("a\r\nb", lineBreaks: .keep))
        #expect(ControlCharacters.contains("a\rb", lineBreaks: .keep))
    }

    static let h = "x\u{1B}[31m\r\u{9B}\u{7F}\u{07}y"

    /// A probe in which every string holds control characters.
    static func hostileProbe() -> ProbeResult {
        let h = Self.h
        let header = HeaderField(name: h, value: h)
        return ProbeResult(
            address: h,
            family: h,
            port: 1,
            sample: 1,
            startedAt: Date(),
            verdict: .critical,
            timings: Timings(),
            dns: DNSEvidence(
                name: h,
                source: h,
                server: h,
                addresses: [h],
                system: SystemLookup(addresses: [h], error: h, durationMs: 1),
                queries: [
                    DNSQuery(
                        type: h,
                        rcode: h,
                        authoritative: true,
                        durationMs: 1,
                        answers: [DNSRecord(name: h, type: h, ttl: 1, data: h)],
                        error: h
                    )
                ],
                cnameChain: [CNAMELink(name: h, target: h, ttl: 1)]
            ),
            tls: TLSEvidence(
                version: h,
                cipher: h,
                alpn: h,
                verifyReason: h,
                alertReceived: TLSAlert(code: 1, name: h),
                chain: [
                    CertificateInfo(
                        subject: h,
                        issuer: h,
                        sans: [h],
                        serial: h,
                        signatureAlgorithm: h,
                        publicKeyAlgorithm: h,
                        selfSigned: false
                    )
                ],
                alertSent: TLSAlert(code: 2, name: h)
            ),
            request: RequestEvidence(
                method: h,
                url: h,
                headers: [header],
                body: RequestBody(
                    kind: h,
                    size: 1,
                    contentType: h,
                    preview: h + "\r\n" + h,
                    parts: [MultipartPart(name: h, filename: h, contentType: h)],
                    multipartBoundary: h
                ),
                token: TokenEvidence(
                    format: h,
                    scheme: h,
                    length: 1,
                    alg: h,
                    kid: h,
                    tokenUse: h,
                    aud: [h],
                    clientId: h,
                    iss: h,
                    scope: h
                ),
                proxy: h
            ),
            response: ResponseEvidence(
                httpVersion: h,
                status: 503,
                reason: h,
                headers: [header],
                contentType: h,
                contentEncoding: h,
                body: h + "\r\n" + h + "\n",
                remoteAddress: h
            ),
            redirects: [RedirectHop(url: h, status: 302, location: h, address: h, totalMs: 1)],
            error: ProbeError(kind: .httpStatus, message: h, phase: h),
            followups: [FollowUp(kind: .spacedRetry, target: h, startedAt: Date(), durationMs: 1, outcome: h, finding: h, summary: h)]
        )
    }

    /// Every String reachable in a value, with its path.
    static func strings(_ value: Any, path: String = "") -> [(String, String)] {
        if let s = value as? String { return [(path, s)] }
        return Mirror(reflecting: value).children.enumerated().flatMap { i, child in
            strings(child.value, path: path + "." + (child.label ?? "\(i)"))
        }
    }

    @Test func theEvidencePassReachesEveryString() {
        let before = Self.strings(Self.hostileProbe())
        let after = Self.strings(Self.hostileProbe().neutralizingControlCharacters())
        #expect(before.count >= 60, "the hostile probe fills \(before.count) strings")
        #expect(after.count == before.count)
        for (path, s) in after {
            let multiLine = path.hasSuffix(".body") || path.hasSuffix(".preview")
            #expect(!ControlCharacters.contains(s, lineBreaks: multiLine ? .keep : .show), "\(path) still holds \(s.debugDescription)")
        }
        let body = Self.hostileProbe().neutralizingControlCharacters().response?.body
        #expect(body == "x␛[31m␍\u{FFFD}␡␇y\r\nx␛[31m␍\u{FFFD}␡␇y\n")
    }

    /// The probe that leaves `Prober.check` is already neutral: the reason, the run lines
    /// and the SQLite state are built from it.
    @Test func proberHandsOutNeutralEvidence() throws {
        let server = try labServer(
            .respond(
                status: 503,
                reason: "Busy\u{1B}[2J",
                headers: [("Server", "x\u{1B}]0;t\u{07}")],
                body: Array("a\u{1B}[31m\r\nb".utf8)
            )
        )
        let report = try check(server.baseURL + "/") { $0.followups = false }
        #expect(report.reason == "503 Busy␛[2J from 127.0.0.1:\(server.port)")
        #expect(report.probes[0].response?.headers.first("Server") == "x␛]0;t␇")
        #expect(report.probes[0].response?.body == "a␛[31m\r\nb")
        #expect(report.probes[0].error?.message == "503 Busy␛[2J")
    }
}
