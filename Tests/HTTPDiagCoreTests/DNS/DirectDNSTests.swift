import Foundation
import HTTPDiagLab
import HTTPDiagTestSupport
import Testing

@testable import HTTPDiagCore

/// The direct queries waited for on the curl event loop (DirectDNS's async form) give what
/// the blocking form gives, time out on the loop's clock, and stop when cancelled.
@Suite("Direct DNS queries on the event loop")
struct DirectDNSTests {
    /// The blocking form (from an async test, the async overload would be chosen).
    func blockingQuery(_ name: String, type: Int32, server: DNSServer, timeoutMs: Int) -> DNSQuery {
        DirectDNS.query(name, type: type, server: server, timeoutMs: timeoutMs)
    }

    @Test(arguments: [("multi.test", DirectDNS.typeA), ("multi.test", DirectDNS.typeAAAA), ("www.app.test", DirectDNS.typeA)])
    func theLoopsAnswerEqualsTheBlockingOne(name: String, type: Int32) async throws {
        try #require(TestDNS.started, "dnsmasq did not start")
        let blocking = blockingQuery(name, type: type, server: TestDNS.server, timeoutMs: 3_000)
        let looped = await DirectDNS.query(name, type: type, server: TestDNS.server, timeoutMs: 3_000)
        #expect(looped.rcode == "NOERROR")
        #expect(looped.rcode == blocking.rcode)
        #expect(looped.type == blocking.type)
        #expect(looped.authoritative == blocking.authoritative)
        #expect(looped.error == blocking.error)
        let records = { (q: DNSQuery) in Set(q.answers.map { "\($0.name) \($0.type) \($0.ttl) \($0.data)" }) }
        #expect(records(looped) == records(blocking))
        #expect(!looped.answers.isEmpty)
    }

    @Test func rcodesComeBackAsTheyAre() async throws {
        let servfail = try LabDNSResponder(mode: .rcode(2))
        let refused = try LabDNSResponder(mode: .rcode(5))
        let a = await DirectDNS.query("x.test", type: DirectDNS.typeA, server: DNSServer(host: "127.0.0.1", port: servfail.port), timeoutMs: 3_000)
        let b = await DirectDNS.query("x.test", type: DirectDNS.typeA, server: DNSServer(host: "127.0.0.1", port: refused.port), timeoutMs: 3_000)
        #expect(a.rcode == "SERVFAIL")
        #expect(b.rcode == "REFUSED")
    }

    // The timed tests wait on the test's own thread and run their tasks on the ProbeExecutor
    // (waitFor): a cooperative thread can be held by the synchronous tests of the run.
    @Test func manySilentQueriesTimeOutTogetherOnTheLoop() throws {
        let silent = try LabDNSResponder(mode: .silent)
        let server = DNSServer(host: "127.0.0.1", port: silent.port)
        let (results, elapsed) = try waitFor {
            let clock = MonotonicClock.now()
            let results = await withTaskGroup(of: DNSQuery.self) { group in
                for i in 0..<50 { group.addTask { await DirectDNS.query("q\(i).test", type: DirectDNS.typeA, server: server, timeoutMs: 300) } }
                return await group.reduce(into: [DNSQuery]()) { $0.append($1) }
            }
            return (results, MonotonicClock.millisecondsSince(clock))
        }
        #expect(results.count == 50)
        #expect(results.allSatisfy { $0.rcode == "TIMEOUT" && $0.error == nil })
        #expect(results.allSatisfy { $0.durationMs >= 290 })
        // One after another they would take 50 x 300 ms = 15 s.
        #expect(elapsed < 5_000, "took \(elapsed) ms")
    }

    @Test func nothingListeningIsAnErrorWithItsErrno() async throws {
        // A UDP port nobody has bound: ICMP port unreachable, ECONNREFUSED on the loop.
        let port = LabPorts.free(udp: true)
        let q = await DirectDNS.query("x.test", type: DirectDNS.typeA, server: DNSServer(host: "127.0.0.1", port: port), timeoutMs: 2_000)
        let blocking = blockingQuery("x.test", type: DirectDNS.typeA, server: DNSServer(host: "127.0.0.1", port: port), timeoutMs: 2_000)
        #expect(q.rcode == blocking.rcode)
        #expect(q.error == blocking.error)
    }

    @Test func cancellingTheTaskEndsTheWaitAtOnce() throws {
        let silent = try LabDNSResponder(mode: .silent)
        let server = DNSServer(host: "127.0.0.1", port: silent.port)
        let (q, elapsed) = try waitFor {
            let clock = MonotonicClock.now()
            let task = Task(executorPreference: ProbeExecutor.shared) {
                await DirectDNS.query("slow.test", type: DirectDNS.typeA, server: server, timeoutMs: 20_000)
            }
            try await Task.sleep(nanoseconds: 100_000_000)
            task.cancel()
            return (await task.value, MonotonicClock.millisecondsSince(clock))
        }
        #expect(q.rcode == "ERROR")
        #expect(q.error == "cancelled")
        #expect(elapsed < 5_000, "took \(elapsed) ms")
    }
}
