import Foundation
import Synchronization
import HTTPDiagCore
import HTTPDiagPlaybooks

/// Probes every endpoint of a config with bounded concurrency (a pool of worker threads:
/// each probe blocks in libcurl), diagnoses each, and checks its expectations.
public struct FleetRunner: Sendable {
    public var engine: DiagnosisEngine
    public var concurrency: Int

    public init(engine: DiagnosisEngine, concurrency: Int) {
        self.engine = engine
        self.concurrency = max(1, concurrency)
    }

    public func run(_ endpoints: [EndpointConfig], progress: (@Sendable (Int, Int) -> Void)? = nil) -> [EndpointOutcome] {
        let results = Mutex<[EndpointOutcome?]>(Array(repeating: nil, count: endpoints.count))
        let next = Atomic<Int>(0)
        let done = Atomic<Int>(0)
        let group = DispatchGroup()
        let workers = min(concurrency, endpoints.count)
        for _ in 0..<workers {
            group.enter()
            let thread = Thread {
                while true {
                    let i = next.add(1, ordering: .relaxed).oldValue
                    guard i < endpoints.count else { break }
                    let outcome = probe(endpoints[i])
                    results.withLock { $0[i] = outcome }
                    let n = done.add(1, ordering: .relaxed).newValue
                    progress?(n, endpoints.count)
                }
                group.leave()
            }
            thread.stackSize = 512 * 1024
            thread.start()
        }
        group.wait()
        return results.withLock { $0.compactMap { $0 } }
    }

    public func probe(_ endpoint: EndpointConfig) -> EndpointOutcome {
        var report: CheckReport
        do {
            report = engine.diagnose(try Prober.check(endpoint.probeOptions()))
        } catch {
            let message = (error as? InputError)?.message ?? "\(error)"
            return EndpointOutcome(name: endpoint.name, url: endpoint.url, tags: endpoint.tags, verdict: .unknown,
                                   reason: message, latencyMs: 0, status: nil, failureKind: FailureKind.localError.rawValue,
                                   diagnosisIDs: [], expectationFailures: [],
                                   report: CheckReport(verdict: .unknown, reason: message,
                                                       target: Target(url: endpoint.url, scheme: "", host: "", port: 0, method: "",
                                                                      samples: 0, burst: false, fanout: false),
                                                       startedAt: Date(), durationMs: 0, probes: [],
                                                       tool: ToolInfo(name: "httpdiag", version: HTTPDiagVersion.current, libcurl: "")))
        }
        let failures = endpoint.expect.failures(report)
        if !failures.isEmpty && report.verdict < .critical {
            report.verdict = .critical
            report.reason = "expectation failed: " + failures.joined(separator: "; ")
        } else if !failures.isEmpty {
            report.reason += " (expectation failed: " + failures.joined(separator: "; ") + ")"
        }
        let primary = DiagnosisEngine.primaryProbe(report.probes)
        return EndpointOutcome(
            name: endpoint.name, url: report.target.url, tags: endpoint.tags, verdict: report.verdict, reason: report.reason,
            latencyMs: primary?.timings.totalMs ?? 0, status: primary?.response?.status, failureKind: primary?.error?.kind.rawValue,
            diagnosisIDs: report.diagnoses.map(\.id), expectationFailures: failures, report: report)
    }

    /// `--only NAME` or `--only tag:T` (repeatable; any match selects).
    public static func select(_ endpoints: [EndpointConfig], only: [String]) -> [EndpointConfig] {
        guard !only.isEmpty else { return endpoints }
        return endpoints.filter { e in
            only.contains { sel in sel.hasPrefix("tag:") ? e.tags.contains(String(sel.dropFirst(4))) : e.name == sel }
        }
    }
}
