import Foundation

/// Runs `httpdiag check`: resolves, fans out over addresses, repeats samples, follows
/// redirects hop by hop, and classifies every probe. Every libcurl transfer runs on the
/// process's one event loop (CurlMultiLoop); probes of one check run as child tasks.
public enum Prober {
    /// Kept free of follow-ups at the end of the --max-time + 2 s window: process start-up,
    /// diagnosis and output, with room for a loaded machine (2 cores shared with a test run).
    static let followUpMarginMs = 800

    /// The synchronous surface: runs the async check on the ProbeExecutor and blocks the
    /// calling thread until it is done.
    public static func check(_ options: ProbeOptions, now: @escaping @Sendable () -> Date = { Date() }) throws -> CheckReport {
        try BlockingWait.run { try await check(options, now: now) }
    }

    /// One check. Cancelling the task stops its transfers at once: the probes in flight end
    /// with a local result that says they were cancelled, and no follow-up starts.
    public static func check(_ options: ProbeOptions, now: @escaping @Sendable () -> Date = { Date() }) async throws -> CheckReport {
        try options.validate()
        // Host names in the form libcurl connects to (IDNA A-labels), so that the URL, a
        // --resolve entry and a DNS query name the host alike, in Unicode or punycode.
        let options = try options.withASCIIHostNames()
        let target = try TargetURL(options.url)
        let started = now()
        let clock = MonotonicClock.now()
        let redactor = makeRedactor(options)
        let proxy = ProxyEnvironment.proxy(for: target)
        let plan = await AddressPlanner.planWithoutBlocking(target: target, options: options, proxy: proxy)
        let context = ProbeContext(
            options: options,
            target: target,
            redactor: redactor,
            proxy: proxy.map { redactor.url($0) },
            plan: plan,
            now: now
        )

        var probes: [ProbeResult]
        if let failure = plan.failure {
            probes = [context.failedBeforeConnect(failure, started: started, timings: Timings(dnsMs: plan.lookupMs, totalMs: plan.lookupMs))]
        } else {
            let slots: [String?] = plan.pin ? plan.addresses.map { Optional($0) } : [nil]
            let jobs = slots.flatMap { address in (1...options.samples).map { (address, $0) } }
            // Addresses run in parallel; samples of one address run one after another
            // unless --burst, so that an intermittent failure shows in order.
            let lanes =
                jobs.count == 1
                ? [[0]]
                : options.burst
                    ? jobs.indices.map { [$0] }
                    : Dictionary(grouping: jobs.indices, by: { jobs[$0].0 ?? "" }).values.map { $0.sorted() }
            var results = [ProbeRun?](repeating: nil, count: jobs.count)
            if lanes.count == 1 {
                // One lane (the common case): no child task.
                for index in lanes[0] { results[index] = await context.run(address: jobs[index].0, sample: jobs[index].1) }
            } else {
                await withTaskGroup(of: [(Int, ProbeRun)].self) { group in
                    for lane in lanes {
                        group.addTask {
                            var done: [(Int, ProbeRun)] = []
                            for index in lane { done.append((index, await context.run(address: jobs[index].0, sample: jobs[index].1))) }
                            return done
                        }
                    }
                    for await lane in group { for (index, run) in lane { results[index] = run } }
                }
            }
            let runs = results.compactMap { $0 }
            probes = runs.map(\.result)
            if options.followups, !Task.isCancelled, let primary = FollowUpPlanner.primaryIndex(probes) {
                // The whole check, follow-ups included, ends within --max-time + 2 s (less a
                // margin for the process itself); each follow-up gets at most 2 s of it.
                let probesDone = MonotonicClock.now()
                let deadline =
                    max(clock + UInt64(options.maxTimeMs) * 1_000_000, probesDone)
                    + UInt64(2_000 - followUpMarginMs) * 1_000_000
                let steps = FollowUpPlanner.steps(
                    primary: probes[primary],
                    finalURL: runs[primary].finalURL,
                    probes: probes,
                    plan: plan,
                    proxied: proxy != nil
                )
                probes[primary].followups = await FollowUpRunner(
                    context: context,
                    primary: probes[primary],
                    finalURL: runs[primary].finalURL,
                    deadline: deadline
                ).run(steps)
            }
        }
        // Network text enters the evidence here, once: control characters neutralised
        // (ControlCharacters) before the reason is written or a playbook quotes anything.
        probes = probes.map { $0.neutralizingControlCharacters() }
        let verdict = probes.map(\.verdict).max() ?? .unknown
        return CheckReport(
            verdict: verdict,
            reason: VerdictReason.describe(probes, target: target),
            target: Target(
                url: redactor.url(target.text),
                scheme: target.scheme,
                host: target.host,
                port: target.port,
                method: options.effectiveMethod,
                samples: options.samples,
                burst: options.burst,
                fanout: plan.pin
            ),
            startedAt: started,
            durationMs: MonotonicClock.millisecondsSince(clock),
            probes: probes,
            tool: ToolInfo(name: "httpdiag", version: HTTPDiagVersion.current, libcurl: LibcurlInfo.version),
            redaction: redactor
        )
    }

    public static func makeRedactor(_ options: ProbeOptions) -> Redactor {
        var r = Redactor()
        r.learnEnvironment()
        r.learnURL(options.url)
        for header in options.headers {
            if let colon = header.firstIndex(of: ":") {
                r.learnHeader(name: String(header[..<colon]), value: String(header[header.index(after: colon)...]).trimmedSpaces())
            }
        }
        if let userpwd = options.userpwd { r.learnUserPassword(userpwd) }
        if let body = options.body { r.learnBody(body) }
        for field in options.multipart where SecretNames.isSecretField(field.name) {
            if case .text(let value) = field.content { r.addSecret(value) }
        }
        return r
    }
}

public enum LibcurlInfo {
    public static var version: String { CurlVersion.text }
}
