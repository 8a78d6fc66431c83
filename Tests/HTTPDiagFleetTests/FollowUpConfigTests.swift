import Foundation
import HTTPDiagLab
import HTTPDiagTestSupport
import Testing

@testable import HTTPDiagCore
@testable import HTTPDiagFleet

/// A fleet makes follow-up requests only for endpoints whose config asks for them.
@Suite("Fleet config: followups")
struct FollowUpConfigTests {
    @Test func offUnlessTheConfigSaysSo() throws {
        let path = try writeTemp(
            """
            {"defaults": {"timeout_s": 2},
             "endpoints": [{"name": "a", "url": "http://127.0.0.1:1/"},
                           {"name": "b", "url": "http://127.0.0.1:1/", "followups": true}]}
            """
        )
        let config = try ConfigLoader.load(file: path)
        #expect(config.endpoints.map(\.followups) == [false, true])
        #expect(config.endpoints.map { $0.probeOptions().followups } == [false, true])
        let viaDefaults = try ConfigLoader.load(
            file: try writeTemp(
                """
                {"defaults": {"followups": true}, "endpoints": [{"name": "a", "url": "http://127.0.0.1:1/"}]}
                """
            )
        )
        #expect(viaDefaults.endpoints[0].followups)
    }

    @Test func notABoolean() throws {
        let path = try writeTemp(#"{"endpoints": [{"name": "a", "url": "http://x/", "followups": "yes"}]}"#)
        #expect(throws: ConfigError.self) { try ConfigLoader.load(file: path) }
    }

    @Test func fleetProbeOfAFailingEndpointMakesNoneByDefault() throws {
        let server = try LabServer { _ in .text(503, "down") }
        var e = EndpointConfig(
            name: "a",
            url: server.baseURL + "/",
            method: nil,
            headers: [],
            body: nil,
            expect: Expectation(),
            healthPath: nil,
            samples: 1,
            timeoutMs: 3000,
            connectTimeoutMs: nil,
            tls: TLSOptions(),
            certWarnDays: 14,
            dnsServer: nil,
            tags: []
        )
        #expect(try Prober.check(e.probeOptions()).probes[0].followups.isEmpty)
        e.followups = true
        #expect(try Prober.check(e.probeOptions()).probes[0].followups.map(\.kind) == [.spacedRetry])
    }
}
