import Foundation
import HTTPDiagLab
import HTTPDiagTestSupport
import Testing

@testable import HTTPDiagCore

/// The curl habits of `httpdiag check` (issue 11), through the real binary against real
/// loopback servers: -s, -o, -w, -v, --json, -x, -4/-6 and several URLs in one call.
@Suite("curl habits on the command line")
struct CurlHabitsCLITests {
    static func temporaryFile(_ contents: String? = nil) throws -> String {
        let path = try makeTemporaryDirectory("httpdiag-curlhabits") + "/file"
        if let contents { try contents.write(toFile: path, atomically: true, encoding: .utf8) }
        return path
    }

    // MARK: -s

    @Test func silentKeepsTheVerdictLineAndTheExitCode() throws {
        let ok = try labServer(.text(200, "fine"))
        let r = try runCLI(["check", ok.baseURL + "/", "-s"])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("OK: 200 OK from 127.0.0.1:\(ok.port)"))
        #expect(r.stdout.split(separator: "\n").count == 1, "\(r.stdout)")
        let down = try labServer(.text(503, "down"))
        let d = try runCLI(["check", down.baseURL + "/", "-s", "--no-followup"])
        #expect(d.status == 2)
        #expect(d.stdout.hasPrefix("CRITICAL: 503"))
        #expect(d.stdout.split(separator: "\n").count == 1)
    }

    @Test func silentWithWriteOutPrintsOnlyTheWriteOutAsCurlScriptsExpect() throws {
        let down = try labServer(.text(503, "down"))
        let url = down.baseURL + "/"
        let r = try runCLI(["check", url, "-s", "-o", "/dev/null", "-w", "%{http_code}", "--no-followup"])
        let curl = try spawnMeasured("/usr/bin/curl", ["-s", "-o", "/dev/null", "-w", "%{http_code}", url])
        #expect(r.stdout == curl.stdout)
        #expect(r.stdout == "503")
        #expect(r.status == 2, "the verdict still decides the exit code")
        // -s mutes warnings, as curl's -s does.
        let unknown = try runCLI(["check", url, "-s", "-w", "%{nope}", "--no-followup"])
        #expect(unknown.stderr.isEmpty, "\(unknown.stderr)")
        let loud = try runCLI(["check", url, "-w", "%{nope}", "--no-followup"])
        #expect(loud.stderr.contains("httpdiag: unknown --write-out variable: 'nope'"))
        // -sS (and the -fsSL of copied commands) keeps warnings, as curl does.
        let shown = try runCLI(["check", url, "-fsSL", "-w", "%{nope}", "--no-followup"])
        #expect(shown.stderr.contains("unknown --write-out variable: 'nope'"), "\(shown.stderr)")
        #expect(shown.stdout.isEmpty && shown.status == 2)
    }

    // MARK: -w

    @Test func writeOutFollowsTheReportAndReadsAFile() throws {
        let server = try labServer(.text(200, "fine"))
        let file = try Self.temporaryFile("code=%{http_code} redirects=%{num_redirects}\\n")
        let r = try runCLI(["check", server.baseURL + "/", "-w", "@" + file])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("OK: "))
        #expect(r.stdout.hasSuffix("\ncode=200 redirects=0\n"), "\(r.stdout.suffix(200))")
    }

    // MARK: -o

    @Test func outputSavesTheBodyAsReceivedBeyondTheCapturedEvidence() throws {
        // Binary (NUL, 0xFF, invalid UTF-8) and longer than --capture-body.
        let body = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let server = try labServer(.respond(status: 200, headers: [("Content-Type", "application/octet-stream")], body: body))
        let file = try Self.temporaryFile()
        let r = try runCLI(["check", server.baseURL + "/blob", "-o", file, "--capture-body", "1024"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try Array(Data(contentsOf: URL(fileURLWithPath: file))) == body)
        #expect(r.stderr.isEmpty, "\(r.stderr)")
    }

    @Test func outputPastMaxDownloadIsCutAndSaysSo() throws {
        // No Content-Length: the body is read until the limit, then the transfer is stopped.
        let server = try labServer(.raw(Array("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n".utf8) + [UInt8](repeating: 0x61, count: 300_000)))
        let file = try Self.temporaryFile()
        let r = try runCLI(["check", server.baseURL + "/", "-o", file, "--max-download", "100000", "--no-followup"])
        #expect(r.status == 2)
        let saved = try Data(contentsOf: URL(fileURLWithPath: file))
        #expect(saved.count <= 100_000 && saved.count > 0, "\(saved.count) bytes")
        #expect(r.stderr.contains("-o \(file): body cut at \(saved.count) bytes"), "\(r.stderr)")
        let quiet = try runCLI(["check", server.baseURL + "/", "-o", file, "--max-download", "100000", "--no-followup", "-s"])
        #expect(quiet.stderr.isEmpty)
        // A declared length over the limit: libcurl refuses before the body, nothing is saved.
        let declared = try labServer(.hugeBody(size: 4 * 1024 * 1024))
        let d = try runCLI(["check", declared.baseURL + "/", "-o", file, "--max-download", "100000", "--no-followup"])
        #expect(d.status == 2)
        #expect(try Data(contentsOf: URL(fileURLWithPath: file)).isEmpty)
        #expect(d.stderr.contains("-o \(file): nothing saved: the body exceeds --max-download"), "\(d.stderr)")
    }

    @Test func outputWithoutAResponseIsAnEmptyFileAndAnUnwritablePathIsBadUsage() throws {
        let file = try Self.temporaryFile("old contents")
        let r = try runCLI(["check", "http://127.0.0.1:\(closedPort())/", "-o", file, "--no-followup"])
        #expect(r.status == 2)
        #expect(try Data(contentsOf: URL(fileURLWithPath: file)).isEmpty)
        #expect(r.stderr.contains("no response came"))
        let bad = try runCLI(["check", "http://127.0.0.1:\(closedPort())/", "-o", "/nonexistent-dir/x"])
        #expect(bad.status == 3)
        #expect(bad.stdout.isEmpty, "refused before any probe")
        #expect(try runCLI(["check", "http://127.0.0.1:1/", "-o", "-"]).status == 3)
    }

    // MARK: -v

    @Test func verboseComesAfterTheDiagnosisOnStderrAndKeepsJSONClean() throws {
        let server = try labServer(.text(200, "fine", headers: [("X-Served-By", "lab-9")]))
        let r = try runCLI(["check", server.baseURL + "/v", "-v"])
        #expect(r.stdout.hasPrefix("OK: "))
        #expect(r.stderr.contains("> GET /v HTTP/1.1\n"), "\(r.stderr)")
        #expect(r.stderr.contains("< X-Served-By: lab-9\n"))
        let j = try runCLI(["check", server.baseURL + "/v", "-v", "--format", "json"])
        #expect((try? JSONDecoder().decode(JSONValue.self, from: Data(j.stdout.utf8))) != nil, "\(j.stdout.prefix(200))")
        #expect(j.stderr.contains("< HTTP/1.1 200 OK"))
    }

    // MARK: --json

    @Test func jsonSendsWhatCurlSends() throws {
        let server = try labServer(.echo)
        let file = try Self.temporaryFile(#"{"from":"file"}"#)
        for args in [[#"{"a":1}"#], ["@" + file], [#"{"a":"#, #"1}"#]] {
            let jsonArgs = args.flatMap { ["--json", $0] }
            let ours = try runCLI(["check", server.baseURL + "/j", "-A", "agent/1", "--format", "json"] + jsonArgs)
            let doc = try #require(try? JSONDecoder().decode(JSONValue.self, from: Data(ours.stdout.utf8)), "\(ours.stderr)")
            guard case .string(let echoed)? = doc["probes"]?[0]?["response"]?["body"] else {
                Issue.record("no body")
                continue
            }
            let curl = try spawnMeasured("/usr/bin/curl", ["-s", "-A", "agent/1", server.baseURL + "/j"] + jsonArgs)
            #expect(echoed == curl.stdout, "--json \(args)")
            #expect(echoed.hasPrefix("POST /j\n"))
            #expect(echoed.contains("Content-Type: application/json\n"))
            #expect(echoed.contains("Accept: application/json\n"))
        }
        // A -H of the same name wins, as with curl; -X still sets the method.
        let put = try runCLI([
            "check", server.baseURL + "/j", "--json", "{}", "-X", "PUT", "-H", "Content-Type: application/merge-patch+json", "--format", "json",
        ])
        #expect(put.stdout.contains(#"PUT \/j"#) || put.stdout.contains("PUT /j"), "\(put.stdout.prefix(600))")
        #expect(put.stdout.contains("Content-Type: application/merge-patch+json"))
        #expect(!put.stdout.contains("Content-Type: application/json\\n"))
        #expect(try runCLI(["check", server.baseURL + "/", "--json", "{}", "-d", "x"]).status == 3)
    }

    // MARK: -x, --noproxy, -4/-6

    @Test func proxyFlagsReachTheProbe() throws {
        let proxy = try ProxyOptionTests.proxyServer()
        let origin = try labServer(.text(200, "origin"))
        let url = "http://127.0.0.1:\(origin.port)/"
        let via = try runCLI(["check", url, "-x", proxy.baseURL, "-v", "--format", "json"])
        #expect(via.stdout.contains("proxied GET"), "\(via.stdout.prefix(400)) \(via.stderr)")
        #expect(via.stderr.contains("* Uses proxy \(proxy.baseURL)"))
        let direct = try runCLI(["check", url, "--proxy", proxy.baseURL, "--noproxy", "127.0.0.1", "--format", "json"])
        #expect(direct.stdout.contains("\"body\" : \"origin\""), "\(direct.stdout.prefix(400))")
    }

    @Test func ipFamilyFlagsReachTheProbe() throws {
        let (v4, v6) = try ProberIPv6Tests.dualServers()
        _ = v6
        let resolve = ["--resolve", "dual.test:\(v4.port):127.0.0.1,[::1]"]
        let six = try runCLI(["check", "http://dual.test:\(v4.port)/", "-6", "-w", "%{remote_ip}"] + resolve)
        #expect(six.stdout.hasSuffix("\n::1"), "\(six.stdout)")
        let four = try runCLI(["check", "http://dual.test:\(v4.port)/", "--ipv4", "-s", "-w", "%{remote_ip}"] + resolve)
        #expect(four.stdout == "127.0.0.1")
        #expect(try runCLI(["check", "http://dual.test:\(v4.port)/", "-4", "-6"]).status == 3)
    }

    // MARK: several URLs

    @Test func severalURLsAreEachDiagnosedAndTheWorstDecidesTheExit() throws {
        let ok = try labServer(.text(200, "fine"))
        let down = try labServer(.text(503, "down"))
        let urls = [ok.baseURL + "/a", down.baseURL + "/b"]
        let r = try runCLI(["check"] + urls + ["--no-followup", "-w", "[%{http_code}]\\n"])
        #expect(r.status == 2)
        let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == "==> \(urls[0]) <==")
        #expect(lines.dropFirst().first?.hasPrefix("OK: 200") == true)
        let second = try #require(lines.firstIndex(of: "==> \(urls[1]) <=="), "\(r.stdout)")
        #expect(lines[second - 1].isEmpty, "a blank line between reports")
        #expect(lines[second + 1].hasPrefix("CRITICAL: 503"))
        #expect(lines.filter { $0 == "[200]" || $0 == "[503]" } == ["[200]", "[503]"])

        let j = try runCLI(["check"] + urls + ["--no-followup", "--format", "json"])
        let doc = try #require(try? JSONDecoder().decode(JSONValue.self, from: Data(j.stdout.utf8)), "\(j.stdout.prefix(300))")
        #expect(doc[0]?["verdict"] == .string("OK"))
        #expect(doc[1]?["verdict"] == .string("CRITICAL"))
        #expect(doc[2] == nil)

        // One -o per URL, in order.
        let first = try Self.temporaryFile()
        let second2 = try Self.temporaryFile()
        let o = try runCLI(["check"] + urls + ["--no-followup", "-s", "-o", first, "-o", second2])
        #expect(try String(contentsOfFile: first, encoding: .utf8) == "fine")
        #expect(try String(contentsOfFile: second2, encoding: .utf8) == "down")
        #expect(o.status == 2)
    }
}
