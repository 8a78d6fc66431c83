import Foundation
import HTTPDiagTestSupport

@testable import HTTPDiagCore

extension ProbeContext {
    /// The context Prober.check gives its probers, for calling one prober directly: the
    /// options of `check` in HTTPDiagTestSupport (short timeouts), then `configure`.
    static func forTesting(
        _ url: String,
        probers: ProberRegistry = .standard,
        _ configure: (inout ProbeOptions) -> Void = { _ in }
    ) throws -> ProbeContext {
        var options = ProbeOptions(url: url)
        options.maxTimeMs = 5_000
        options.dnsTimeoutMs = 1_000
        configure(&options)
        try options.validate()
        options = try options.withASCIIHostNames()
        let target = try TargetURL(options.url)
        let redactor = Prober.makeRedactor(options)
        return ProbeContext(
            options: options,
            target: target,
            redactor: redactor,
            proxy: ProxyEnvironment.proxy(for: target).map { redactor.url($0) },
            now: { Date() },
            probers: probers
        )
    }

    /// What the DNS layer says of the context's own target.
    func plan() async -> AddressPlan {
        await probers.dns.probe(DNSQuestion(target: target, proxy: ProxyEnvironment.proxy(for: target)), context: self).evidence
    }

    /// One libcurl transfer of the context's options to its URL: a hop's exchange.
    func exchange() async throws -> HopExchange {
        let request = HopRequest(options: options, url: options.url)
        return HopExchange(request: request, outcome: try await HopTransfer.perform(request))
    }
}

/// Runs a test's probes on the test's own thread (BlockingWait, as `Prober.check` does):
/// on the cooperative pool, held by the blocking tests that run beside it, a probe could
/// wait past its own deadline.
func onThisThread(_ body: @escaping @Sendable () async throws -> Void) throws {
    try BlockingWait.run(body)
}
