import Foundation

/// Runs `httpdiag check`: asks the DNS prober where the host leads, fans out over its
/// addresses, repeats samples (each probe the HTTP prober's: hops, redirects, the TLS
/// layer), then the follow-up probers the planner picks. Every prober is the one
/// registered in ProberRegistry. Every libcurl transfer runs on the process's one event
/// loop (CurlMultiLoop); probes of one check run as child tasks.
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
        try await check(options, probers: .standard, now: now)
    }

    /// One check with the given probers (ProberRegistry.standard unless a test plugs in its own).
    static func check(_ options: ProbeOptions, probers: ProberRegistry, now: @escaping @Sendable () -> Date) async throws -> CheckReport {
        try options.validate()
        // Host names in the form libcurl connects to (IDNA A-labels), so that the URL, a
        // --resolve entry and a DNS query name the host alike, in Unicode or punycode.
        let options = try options.withASCIIHostNames()
        let target = try TargetURL(options.url)
        let started = now()
        let clock = MonotonicClock.now()
        let redactor = makeRedactor(options)
        let proxy = ProxyEnvironment.proxy(for: target, options: options)
        let context = ProbeContext(
            options: options,
            target: target,
            redactor: redactor,
            proxy: proxy.map { redactor.url($0) },
            now: now,
            probers: probers
        )
        let dns = await context.probers.dns.probe(DNSQuestion(target: target, proxy: proxy), context: context)
        let plan = dns.evidence

        var probes: [ProbeResult]
        if let failure = dns.failure {
            probes = [
                RedirectWalk(context: context, plan: plan).failedBeforeConnect(
                    failure,
                    started: started,
                    timings: Timings(dnsMs: plan.lookupMs, totalMs: plan.lookupMs)
                )
            ]
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
                for index in lanes[0] { results[index] = await probe(jobs[index], plan: plan, context: context) }
            } else {
                await withTaskGroup(of: [(Int, ProbeRun)].self) { group in
                    for lane in lanes {
                        group.addTask {
                            var done: [(Int, ProbeRun)] = []
                            for index in lane { done.append((index, await probe(jobs[index], plan: plan, context: context))) }
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
                var steps = FollowUpPlanner.steps(
                    primary: probes[primary],
                    finalURL: runs[primary].finalURL,
                    probes: probes,
                    plan: plan,
                    proxied: proxy != nil
                )
                // -4 / -6: the other family was ruled out by the user, not by the endpoint.
                if options.ipFamily != .any {
                    steps.removeAll {
                        if case .otherFamily = $0 { return true }
                        return false
                    }
                }
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

    /// One probe of one address and sample: the HTTP layer's prober.
    static func probe(_ job: (address: String?, sample: Int), plan: AddressPlan, context: ProbeContext) async -> ProbeRun {
        await context.probers.http.probe(HTTPProbeInput(plan: plan, address: job.address, sample: job.sample), context: context).evidence
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
        if let proxy = options.proxy, !proxy.isEmpty { r.learnURL(proxy.contains("://") ? proxy : "http://" + proxy) }
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
