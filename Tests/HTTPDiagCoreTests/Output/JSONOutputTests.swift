import Foundation
import HTTPDiagLab
import HTTPDiagTestSupport
import Testing

@testable import HTTPDiagCore

/// The JSON output is a contract: docs/json-output.md lists every key with its type.
@Suite("JSON output matches docs/json-output.md")
struct JSONOutputTests {
    /// `path → type` from the doc's field table.
    static func documentedFields() throws -> [String: String] {
        let doc = try String(contentsOf: repositoryRoot.appendingPathComponent("docs/json-output.md"), encoding: .utf8)
        var fields: [String: String] = [:]
        for line in doc.split(separator: "\n") where line.hasPrefix("| `") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 2 else { continue }
            let path = cells[0].trimmingCharacters(in: CharacterSet(charactersIn: "`"))
            if ["string", "number", "integer", "boolean", "object", "array"].contains(cells[1]) { fields[path] = cells[1] }
        }
        return fields
    }

    /// Every (path, value) in a JSON document; array elements share the `[]` path.
    static func flatten(_ value: JSONValue, path: String = "", into out: inout [(String, JSONValue)]) {
        switch value {
        case .object(let dict):
            for (k, v) in dict {
                let p = path.isEmpty ? k : path + "." + k
                out.append((p, v))
                flatten(v, path: p, into: &out)
            }
        case .array(let array):
            for element in array { flatten(element, path: path + "[]", into: &out) }
        default:
            break
        }
    }

    static func type(of value: JSONValue) -> String {
        switch value {
        case .object: "object"
        case .array: "array"
        case .string: "string"
        case .bool: "boolean"
        case .number(let n): n == n.rounded() ? "integer" : "number"
        case .null: "null"
        }
    }

    static func assertMatchesDoc(_ report: CheckReport) throws -> Set<String> {
        let json = try JSONReport.render(report)
        let object = try JSONDecoder().decode(JSONValue.self, from: Data(json.utf8))
        var pairs: [(String, JSONValue)] = []
        flatten(object, into: &pairs)
        let documented = try documentedFields()
        for (path, value) in pairs {
            let expected = try #require(documented[path], "undocumented JSON field \(path)")
            let actual = type(of: value)
            let ok = actual == expected || (expected == "number" && actual == "integer")
            #expect(ok, "\(path): documented \(expected), found \(actual)")
        }
        return Set(pairs.map(\.0))
    }

    @Test func healthyAndFailingDocumentsMatchTheDoc() throws {
        let server = try LabServer { r in
            r.path == "/r" ? .redirect("/ok", status: 307) : .text(200, "fine", headers: [("Content-Type", "text/plain")])
        }
        let token = JWTDecoderTests.jwt(#"{"token_use":"access","client_id":"c","scope":"s","exp":1,"aud":"a","iss":"i","iat":0}"#)
        let good = try check(server.baseURL + "/r") {
            $0.headers = ["Authorization: Bearer \(token)", "Content-Type: multipart/form-data"]
            $0.body = Array("x=1".utf8)
        }
        #expect(good.schema == "httpdiag.check/v1")
        var seen = try Self.assertMatchesDoc(good)
        let bad = try check("http://127.0.0.1:\(closedPort())/")
        seen.formUnion(try Self.assertMatchesDoc(bad))
        for required in [
            "schema", "verdict", "reason", "target.url", "probes[].timings.total_ms", "probes[].request.token.token_use",
            "probes[].redirects[].status", "probes[].error.kind", "probes[].response.headers[].name", "diagnoses",
            "probes[].request.body.multipart_boundary",
        ] {
            #expect(seen.contains(required), "\(required) missing from output")
        }
    }

    @Test func everyFailureKindIsDocumented() throws {
        let doc = try String(contentsOf: repositoryRoot.appendingPathComponent("docs/json-output.md"), encoding: .utf8)
        for kind in FailureKind.allCases {
            #expect(doc.contains("| `\(kind.rawValue)` |"), "failure kind \(kind.rawValue) is not documented")
        }
    }
}
