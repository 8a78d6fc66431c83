import Foundation
import HTTPDiagLab
import HTTPDiagTestSupport
import Testing

@testable import HTTPDiagCore
@testable import HTTPDiagFleet

func writeTemp(_ text: String, name: String = "config.json") throws -> String {
    let path = try makeTemporaryDirectory("fleet") + "/" + name
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
}

@Suite("Fleet config: validation errors name file, line and JSON path")
struct ConfigLoaderTests {
    func error(_ json: String, env: [String: String] = [:]) throws -> String {
        let path = try writeTemp(json)
        do {
            _ = try ConfigLoader.load(file: path, environment: env)
            return "no error"
        } catch let e as ConfigError {
            return e.description.replacingOccurrences(of: path, with: "config.json")
        }
    }

    @Test(
        arguments: [
            (
                "{\n  \"endpoints\": [\n    {\"name\": \"a\", \"url\": \"http://x/\", \"tiemout_s\": 3}\n  ]\n}",
                "config.json:3: endpoints[0].tiemout_s: unknown key (did you mean 'timeout_s'?); expected one of name, url, method, headers, body, expect, health_path, samples, timeout_s, connect_timeout_s, tls, dns_server, tags"
            ),
            (
                "{\"endpoints\": [{\"name\": \"a\", \"url\": \"http://x/\", \"timeout_s\": \"ten\"}]}",
                "config.json:1: endpoints[0].timeout_s: expected a number, got \"ten\""
            ),
            ("{\"endpoints\": [{\"name\": \"a\"}]}", "config.json:1: endpoints[0]: missing required key 'url'"),
            ("{\"endpoints\": []}", "config.json:1: endpoints: expected at least one endpoint"),
            (
                "{\"endpoints\": [{\"name\": \"a\", \"url\": \"ftp://x/\"}]}",
                "config.json:1: endpoints[0].url: URL 'ftp://x/': unsupported scheme 'ftp' (only http and https)"
            ),
            (
                "{\"endpoints\": [{\"name\": \"a\", \"url\": \"http://x/\"}, {\"name\": \"a\", \"url\": \"http://y/\"}]}",
                "config.json:1: endpoints[1].name: duplicate endpoint name 'a'"
            ),
            (
                "{\"endpoints\": [{\"name\": \"a\", \"url\": \"http://x/\", \"headers\": {\"Authorization\": \"Bearer ${NOPE}\"}}]}",
                "config.json:1: endpoints[0].headers.Authorization: environment variable NOPE is not set"
            ),
            (
                "{\"endpoints\": [{\"name\": \"a\", \"url\": \"http://x/\", \"samples\": 0}]}",
                "config.json:1: endpoints[0].samples: expected an integer from 1 to 100, got 0"
            ),
            (
                "{\"endpoints\": [{\"name\": \"a\", \"url\": \"http://x/\", \"expect\": {\"status\": [200, \"ok\"]}}]}",
                "config.json:1: endpoints[0].expect.status[1]: expected an integer, got \"ok\""
            ),
            (
                "{\"endpoints\": [{\"name\": \"a\", \"url\": \"http://x/\", \"expect\": {\"body_matches\": \"(\"}}]}",
                "config.json:1: endpoints[0].expect.body_matches: invalid regular expression /(/"
            ),
            (
                "{\"defaults\": {\"tls\": {\"client_cert\": \"/nonexistent.pem\"}}, \"endpoints\": [{\"name\": \"a\", \"url\": \"https://x/\"}]}",
                "config.json:1: defaults.tls.client_cert: file /nonexistent.pem not found or not readable"
            ),
            (
                "{\"endpoints\": [{\"name\": \"a\", \"url\": \"http://x/\", \"dns_server\": \"dns.google\"}]}",
                "config.json:1: endpoints[0].dns_server: 'dns.google': expected an IPv4 address with an optional port, e.g. 127.0.0.1:5353"
            ),
            ("{\"endpoint\": []}", "config.json:1: endpoint: unknown key (did you mean 'endpoints'?); expected one of $schema, defaults, endpoints"),
            ("{\n  \"endpoints\": [\n    {\"name\": \"a\" \"url\": \"http://x/\"}\n  ]\n}", "config.json:3: invalid JSON"),
            ("", "config.json: invalid JSON"),
        ] as [(String, String)]
    )
    func errors(json: String, expected: String) throws {
        let message = try error(json)
        #expect(message.hasPrefix(expected), "got: \(message)")
    }

    @Test func defaultsMergeAndEnvironmentExpands() throws {
        let path = try writeTemp(
            """
            {"defaults": {"timeout_s": 2, "headers": {"X-Team": "sre"}, "expect": {"status": [204]}, "tags": ["d"]},
             "endpoints": [{"name": "a", "url": "http://127.0.0.1:9/x", "headers": {"Authorization": "Bearer ${TOKEN}"}, "health_path": "/health"}]}
            """
        )
        let config = try ConfigLoader.load(file: path, environment: ["TOKEN": "t0k3n"])
        let e = config.endpoints[0]
        #expect(e.timeoutMs == 2000)
        #expect(e.headers == ["Authorization: Bearer t0k3n", "X-Team: sre"])
        #expect(e.expect.status == [204])
        #expect(e.probeURL == "http://127.0.0.1:9/health")
        #expect(e.tags == ["d"])
    }

    /// The schema and the loader accept the same keys: they cannot drift apart.
    @Test func schemaMatchesTheLoader() throws {
        let data = try Data(contentsOf: repositoryRoot.appendingPathComponent("docs/config.schema.json"))
        let schema = try JSONDecoder().decode(JSONValue.self, from: data)
        func keys(_ path: [String]) -> Set<String> {
            var node = schema
            for p in path {
                guard case .object(let o) = node, let next = o[p] else { return [] }
                node = next
            }
            guard case .object(let o) = node else { return [] }
            return Set(o.keys)
        }
        #expect(keys(["properties"]) == Set(ConfigLoader.topKeys))
        let settings = keys(["$defs", "settings", "properties"])
        #expect(settings == Set(ConfigLoader.defaultsKeys))
        #expect(settings.union(keys(["properties", "endpoints", "items", "properties"])) == Set(ConfigLoader.endpointKeys))
        #expect(keys(["$defs", "settings", "properties", "expect", "properties"]) == Set(ConfigLoader.expectKeys))
        #expect(keys(["$defs", "settings", "properties", "tls", "properties"]) == Set(ConfigLoader.tlsKeys))
    }

    @Test func exampleConfigLoads() throws {
        // The example's mTLS endpoint points at the lab's certificates ($HTTPDIAG_LAB_CERTS,
        // which the lab prints and scripts/demo.sh sets): here, this run's test certificates.
        let config = try ConfigLoader.load(
            file: repositoryRoot.appendingPathComponent("config.example.json").path,
            environment: ["COGNITO_ID_TOKEN": "x", "HTTPDIAG_LAB_CERTS": TestCerts.dir]
        )
        #expect(config.endpoints.count == 5)
    }
}

@Suite("Fleet expectations")
struct ExpectationTests {
    @Test func expectationsJudgeHealthyAnswersOnly() throws {
        let server = try LabServer { r in
            r.path == "/down" ? .text(503, "down") : .text(200, "{\"status\":\"degraded\"}", headers: [("Content-Type", "application/json")])
        }
        var e = EndpointConfig(
            name: "a",
            url: server.baseURL + "/up",
            method: nil,
            headers: [],
            body: nil,
            expect: Expectation(),
            healthPath: nil,
            samples: 1,
            // Generous: this is about the expectations, and a loaded 2-core CI machine once
            // left this loopback probe without an answer (its expectations then had nothing
            // to judge, and the list came back empty).
            timeoutMs: 15_000,
            connectTimeoutMs: nil,
            tls: TLSOptions(),
            certWarnDays: 14,
            dnsServer: nil,
            tags: []
        )
        e.expect = Expectation(
            status: [200, 204],
            bodyContains: "healthy",
            bodyMatches: nil,
            headers: ["Content-Type": "text/html"],
            maxLatencyMs: nil
        )
        let up = try Prober.check(e.probeOptions())
        try #require(up.probes.allSatisfy { $0.error == nil && $0.response != nil }, "the probe itself failed: \(up.probes.map(\.error))")
        #expect(e.expect.failures(up) == ["body does not contain \"healthy\"", "header Content-Type does not contain \"text/html\""])
        e.url = server.baseURL + "/down"
        // The 503 is already the failure: no second list of complaints about its body.
        #expect(e.expect.failures(try Prober.check(e.probeOptions())) == [])
    }
}

/// Numbers in JSON's syntax are read directly; everything else as Yams reads it.
@Suite struct ConfigNumberTests {
    @Test(arguments: [
        ("2", 2_000), ("2.5", 2_500), ("1e1", 10_000), ("1.5E+1", 15_000), ("0.25", 250), ("3600", 3_600_000),
        // YAML's own forms (Yams): digit separators, hexadecimal, a float with no fraction digits.
        ("1_0", 10_000), ("0x1F", 31_000), ("2.", 2_000),
    ])
    func timeoutsReadAsTheirValue(_ literal: String, _ ms: Int) throws {
        let file = try writeTemp("endpoints:\n  - {name: a, url: \"http://127.0.0.1:1/\", timeout_s: \(literal)}\n", name: "c.yaml")
        #expect(try ConfigLoader.load(file: file).endpoints[0].timeoutMs == ms)
    }

    @Test func jsonSyntaxIsRecognisedExactly() {
        for good in ["0", "-0", "7", "10", "1.5", "-2.25", "1e3", "1E-3", "2.5e+2"] {
            #expect(ConfigReader.jsonNumber(good) == Double(good), "\(good)")
        }
        for other in ["", "-", "01", "1.", ".5", "1e", "1e+", "+1", "0x1F", "1_0", ".inf", "1 ", "NaN", "1.2.3"] {
            #expect(ConfigReader.jsonNumber(other) == nil, "\(other)")
        }
    }

    @Test func aQuotedNumberIsStillAString() throws {
        let file = try writeTemp(#"{"endpoints": [{"name": "a", "url": "http://127.0.0.1:1/", "timeout_s": "2"}]}"#)
        #expect(throws: ConfigError.self) { try ConfigLoader.load(file: file) }
    }
}
