import Foundation
import HTTPDiagCore
import HTTPDiagPlaybooks
import Synchronization

/// Probes every endpoint of a config with bounded concurrency (a task group with at most
/// `concurrency` children; every transfer runs on the one curl event loop), diagnoses
/// each, and checks its expectations.
public struct FleetRunner: Sendable {
    public var engine: DiagnosisEngine
    public var concurrency: Int

    public init(engine: DiagnosisEngine, concurrency: Int) {
        self.engine = engine
        self.concurrency = max(1, concurrency)
    }

    /// Probes all endpoints and returns their outcomes in config order (reports included).
    public func run(_ endpoints: [EndpointConfig], progress: (@Sendable (Int, Int) -> Void)? = nil) -> [EndpointOutcome] {
        var results = [EndpointOutcome?](repeating: nil, count: endpoints.count)
        let stream = start(endpoints)
        while case .outcome(let i, let o, _) = stream.next(deadline: nil) {
            results[i] = o
            progress?(stream.finished, endpoints.count)
        }
        return results.compactMap { $0 }
    }

    /// Starts probing and returns at once: outcomes are taken from the stream as they
    /// finish, so the caller can record each and let its report go. `render` runs in the
    /// probe's task too (the Markdown of a failing outcome, say), so the caller can let the
    /// report go as soon as it has the outcome.
    ///
    /// Back-pressure: one driver task adds a child only when fewer than `concurrency` are
    /// running, and takes the next endpoint only then; finished outcomes wait in the
    /// stream until taken (at most the number of endpoints started).
    public func start(_ endpoints: [EndpointConfig], render: (@Sendable (EndpointOutcome) -> String?)? = nil) -> FleetStream {
        let stream = FleetStream(total: endpoints.count)
        let width = min(concurrency, endpoints.count)
        stream.setWorkers(1)  // the driver task
        let task = Task(executorPreference: ProbeExecutor.shared) {
            await withTaskGroup(of: Void.self) { group in
                var running = 0
                while true {
                    if running >= width {
                        _ = await group.next()
                        running -= 1
                    }
                    guard let i = stream.take() else { break }
                    running += 1
                    group.addTask {
                        let o = await probe(endpoints[i])
                        stream.put(i, o, render?(o))
                    }
                }
                await group.waitForAll()
            }
            stream.workerExited()
        }
        stream.setTask(task)
        return stream
    }

    /// Probes all endpoints and returns their outcomes in config order (reports included).
    public func run(_ endpoints: [EndpointConfig]) async -> [EndpointOutcome] {
        var results = [EndpointOutcome?](repeating: nil, count: endpoints.count)
        await withTaskGroup(of: (Int, EndpointOutcome).self) { group in
            var next = 0
            for _ in 0..<min(concurrency, endpoints.count) {
                let i = next
                group.addTask { (i, await probe(endpoints[i])) }
                next += 1
            }
            for await (i, o) in group {
                results[i] = o
                if next < endpoints.count {
                    let j = next
                    group.addTask { (j, await probe(endpoints[j])) }
                    next += 1
                }
            }
        }
        return results.compactMap { $0 }
    }

    /// One endpoint, blocking the calling thread.
    public func probe(_ endpoint: EndpointConfig) -> EndpointOutcome {
        if let reason = endpoint.disabled { return failedLocally(endpoint, InputError(reason)) }
        do {
            return outcome(endpoint, engine.diagnose(try Prober.check(endpoint.probeOptions())))
        } catch {
            return failedLocally(endpoint, error)
        }
    }

    /// One endpoint. Cancelling the task stops its transfers (the outcome says so).
    public func probe(_ endpoint: EndpointConfig) async -> EndpointOutcome {
        if let reason = endpoint.disabled { return failedLocally(endpoint, InputError(reason)) }
        do {
            let report = try await Prober.check(endpoint.probeOptions())
            return outcome(endpoint, engine.diagnose(report))
        } catch {
            return failedLocally(endpoint, error)
        }
    }

    private func failedLocally(_ endpoint: EndpointConfig, _ error: any Error) -> EndpointOutcome {
        let message = (error as? InputError)?.message ?? "\(error)"
        return EndpointOutcome(
            name: endpoint.name,
            url: endpoint.url,
            tags: endpoint.tags,
            verdict: .unknown,
            reason: message,
            latencyMs: 0,
            status: nil,
            failureKind: FailureKind.localError.rawValue,
            diagnosisIDs: [],
            expectationFailures: [],
            report: CheckReport(
                verdict: .unknown,
                reason: message,
                target: Target(
                    url: endpoint.url,
                    scheme: "",
                    host: "",
                    port: 0,
                    method: "",
                    samples: 0,
                    burst: false,
                    fanout: false
                ),
                startedAt: Date(),
                durationMs: 0,
                probes: [],
                tool: ToolInfo(name: "httpdiag", version: HTTPDiagVersion.current, libcurl: "")
            )
        )
    }

    private func outcome(_ endpoint: EndpointConfig, _ diagnosed: CheckReport) -> EndpointOutcome {
        var report = diagnosed
        let failures = endpoint.expect.failures(report)
        if !failures.isEmpty && report.verdict < .critical {
            report.verdict = .critical
            report.reason = "expectation failed: " + failures.joined(separator: "; ")
        } else if !failures.isEmpty {
            report.reason += " (expectation failed: " + failures.joined(separator: "; ") + ")"
        }
        let primary = DiagnosisEngine.primaryProbe(report.probes)
        return EndpointOutcome(
            name: endpoint.name,
            url: report.target.url,
            tags: endpoint.tags,
            verdict: report.verdict,
            reason: report.reason,
            latencyMs: primary?.timings.totalMs ?? 0,
            status: primary?.response?.status,
            failureKind: primary?.error?.kind.rawValue,
            diagnosisIDs: report.diagnoses.map(\.id),
            expectationFailures: failures,
            report: report
        )
    }

    /// `--only NAME` or `--only tag:T` (repeatable; any match selects).
    public static func select(_ endpoints: [EndpointConfig], only: [String]) -> [EndpointConfig] {
        guard !only.isEmpty else { return endpoints }
        return endpoints.filter { e in
            only.contains { sel in sel.hasPrefix("tag:") ? e.tags.contains(String(sel.dropFirst(4))) : e.name == sel }
        }
    }
}

/// Outcomes of a fleet run as they finish. `stop()` lets the probes in flight finish and
/// starts no new one; `cancel()` also stops the transfers in flight. (A mutex and a semaphore: NSCondition.wait(until:) was seen to
/// return at once on Linux, which made the consumer spin.)
public final class FleetStream: @unchecked Sendable {
    public let total: Int
    let lock = NSLock()
    let wakeup = DispatchSemaphore(value: 0)
    var queue: [(Int, EndpointOutcome, String?)?] = []
    var head = 0
    var nextIndex = 0
    var stopped = false
    var workersAlive = 0
    var started = 0
    var taken = 0
    var task: Task<Void, Never>?

    init(total: Int) { self.total = total }

    func setTask(_ t: Task<Void, Never>) { lock.withLock { task = t } }

    public enum Event {
        case outcome(Int, EndpointOutcome, String?)
        case done, timeout
    }

    func setWorkers(_ n: Int) { lock.withLock { workersAlive = n } }

    func take() -> Int? {
        lock.withLock {
            guard !stopped, nextIndex < total else { return nil }
            defer {
                nextIndex += 1
                started += 1
            }
            return nextIndex
        }
    }

    func put(_ i: Int, _ o: EndpointOutcome, _ rendered: String?) {
        lock.withLock { queue.append((i, o, rendered)) }
        wakeup.signal()
    }

    func workerExited() {
        lock.withLock { workersAlive -= 1 }
        wakeup.signal()
    }

    /// No new probe starts; those in flight go on.
    public func stop() { lock.withLock { stopped = true } }

    /// No new probe starts, and those in flight are cancelled: their transfers stop and
    /// their outcomes (a local result saying so) come out of the stream promptly.
    public func cancel() {
        let t = lock.withLock {
            stopped = true
            return task
        }
        t?.cancel()
    }

    /// Outcomes taken from the stream.
    public var finished: Int { lock.withLock { taken } }

    /// Probes started and not yet taken from the stream.
    public var inFlight: Int { lock.withLock { started - taken - (queue.count - head) } }

    /// The next outcome, `.done` once every started probe has been taken, or `.timeout`
    /// when `deadline` passes first (with `poll`, after at most 100 ms, so that the caller
    /// sees signals).
    public func next(deadline: Date?, poll: Bool = false) -> Event {
        while true {
            let event: Event? = lock.withLock {
                if head < queue.count {
                    let item = queue[head]!
                    queue[head] = nil  // the report goes as soon as the caller is done with it
                    head += 1
                    if head == queue.count {
                        queue.removeAll(keepingCapacity: true)
                        head = 0
                    }
                    taken += 1
                    return .outcome(item.0, item.1, item.2)
                }
                if workersAlive == 0 || (stopped && started == taken) { return .done }
                return nil
            }
            if let event { return event }
            var wait = poll ? 0.1 : .infinity
            if let deadline { wait = min(wait, deadline.timeIntervalSinceNow) }
            if wait <= 0 { return .timeout }
            if wait == .infinity {
                wakeup.wait()
                continue
            }
            let until: DispatchTime = DispatchTime.now() + .microseconds(Int(wait * 1_000_000))
            if wakeup.wait(timeout: until) == .timedOut {
                if let deadline, Date() >= deadline { return .timeout }
                if poll { return .timeout }
            }
        }
    }
}
