import ArgumentParser
import HTTPDiagCore
import HTTPDiagPlaybooks

#if canImport(Glibc)
import Glibc
#endif

/// The flags' defaults are ProbeOptions' own (one place for them, for `check` and a fleet config alike).
private let defaults = ProbeOptions.defaults

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Probe URLs for real and report what happened at each layer.",
        discussion: """
            Exit codes: 0 OK, 1 WARNING (certificate expiring soon), 2 CRITICAL (any failure), \
            3 UNKNOWN (bad usage); with several URLs, the worst. Flags follow curl where curl has one: \
            -v prints the exchange on stderr after the diagnosis, -w writes curl's variables after it, \
            -o saves the body, -s keeps only the verdict line (or only the -w output).
            """
    )

    @Argument(help: "http:// or https:// URL to probe.") var url: String
    @Argument(help: ArgumentHelp("More URLs, diagnosed one after another (each report headed '==> URL <==').", valueName: "url"))
    var moreURLs: [String] = []

    @Option(name: [.customShort("X"), .customLong("request")], help: "HTTP method.") var method: String?
    @Flag(name: [.customShort("I"), .customLong("head")], help: "Send a HEAD request; no body is awaited.") var head = false
    @Option(
        name: [.customShort("H"), .customLong("header")],
        help: "Extra header 'Name: value' (repeatable); @FILE reads one header per line from a file (@- stdin), as curl does."
    )
    var headers: [String] = []
    @Option(name: [.customShort("d"), .customLong("data")], help: "Request body; @FILE reads a file.") var data: String?
    @Option(name: .customLong("data-binary"), help: "Request body sent as is; @FILE reads a file.") var dataBinary: String?
    @Option(name: [.customShort("F"), .customLong("form")], help: "Multipart field name=value or name=@file[;type=...] (repeatable).") var form:
        [String] = []
    @Option(
        name: .customLong("json"),
        help: ArgumentHelp(
            "JSON request body (repeatable, concatenated; @FILE, @- stdin): POST with Content-Type and Accept application/json, as curl.",
            valueName: "data"
        )
    ) var json: [String] = []
    @Option(name: [.customShort("u"), .customLong("user")], help: "user:password for Basic authentication.") var user: String?
    @Option(name: [.customShort("A"), .customLong("user-agent")], help: "User-Agent header.") var userAgent: String?
    @Option(name: .customLong("resolve"), help: "host:port:addr[,addr]: pin addresses, as curl (repeatable).") var resolve: [String] = []
    @Option(name: .customLong("connect-to"), help: "host:port:host2:port2, as curl (repeatable).") var connectTo: [String] = []
    @Flag(name: [.customShort("L"), .customLong("location")], help: "Follow redirects (the default; kept for curl habits).") var location = false
    @Flag(name: .customLong("no-location"), help: "Do not follow redirects.") var noLocation = false
    @Option(name: .customLong("max-redirs"), help: "Redirects to follow at most.") var maxRedirs = defaults.maxRedirects
    @Flag(name: .customLong("http1.1"), help: "Use HTTP/1.1.") var http11 = false
    @Flag(name: .customLong("http2"), help: "Use HTTP/2 (over TLS, with ALPN).") var http2 = false
    @Option(name: .customLong("cert"), help: "Client certificate (PEM) for mTLS.") var cert: String?
    @Option(name: .customLong("key"), help: "Private key (PEM) of --cert.") var key: String?
    @Option(name: .customLong("cacert"), help: "CA bundle (PEM) to verify the server with.") var cacert: String?
    @Flag(name: [.customShort("k"), .customLong("insecure")], help: "Do not verify the server certificate.") var insecure = false
    @Option(name: .customLong("connect-timeout"), help: "Seconds allowed for the TCP connect.") var connectTimeout: Double?
    @Option(name: [.customShort("m"), .customLong("max-time")], help: "Seconds allowed per probe, redirects included.") var maxTime =
        Double(defaults.maxTimeMs) / 1000
    @Option(
        name: [.customShort("x"), .customLong("proxy")],
        help: ArgumentHelp("[scheme://]host[:port] proxy for every hop, instead of the environment's; \"\" for none.", valueName: "url")
    )
    var proxy: String?
    @Option(
        name: .customLong("noproxy"),
        help: ArgumentHelp("Comma-separated hosts reached without a proxy (* for all), instead of no_proxy.", valueName: "list")
    ) var noProxy: String?
    @Flag(name: [.customShort("4"), .customLong("ipv4")], help: "Connect over IPv4 only.") var ipv4 = false
    @Flag(name: [.customShort("6"), .customLong("ipv6")], help: "Connect over IPv6 only.") var ipv6 = false
    @Option(name: .customLong("dns-server"), help: "IP[:PORT] of a nameserver to query directly and connect by.") var dnsServer: String?
    @Flag(name: .customLong("no-fanout"), help: "Probe one address only instead of every resolved one.") var noFanout = false
    @Flag(
        name: .customLong("no-followup"),
        help: "No follow-up requests after a failure (TLS hello, plain HTTP, spaced retry, TCP connect, other address family)."
    ) var noFollowup = false
    @Option(name: .customLong("samples"), help: "Requests per address.") var samples = defaults.samples
    @Flag(name: .customLong("burst"), help: "Send the samples concurrently.") var burst = false
    @Flag(name: .customLong("compressed"), help: "Ask for a compressed response and decode it.") var compressed = false
    @Option(name: .customLong("capture-body"), help: "Bytes of the response body kept as evidence.") var captureBody = defaults.captureBytes
    @Option(name: .customLong("max-download"), help: "Bytes after which the body is abandoned (body_too_large).") var maxDownload = defaults
        .maxDownloadBytes
    @Option(name: .customLong("cert-warn-days"), help: "WARNING when a certificate expires within this many days.") var certWarnDays = defaults
        .certWarnDays
    @Option(name: .customLong("format"), help: "text, json or markdown.") var format: OutputFormat = .text
    @Option(name: .customLong("report"), help: "Also write the Markdown incident report to this file.") var reportFile: String?
    @Flag(name: [.customShort("v"), .customLong("verbose")], help: "After the diagnosis, print the exchange as curl -v does (on stderr, redacted).")
    var verbose = false
    @Option(
        name: [.customShort("o"), .customLong("output")],
        help: ArgumentHelp("Save the response body to FILE (one per URL, in order; redacted; up to --max-download).", valueName: "file")
    )
    var output: [String] = []
    @Flag(name: [.customShort("s"), .customLong("silent")], help: "Quiet: only the verdict line (only the -w output with -w); no warnings.")
    var silent = false
    @Flag(name: [.customShort("S"), .customLong("show-error")], help: "With -s, still print warnings (curl's -sS).") var showError = false
    @Flag(name: [.customShort("f"), .customLong("fail")], help: "Accepted for curl habits: a status >= 400 already exits 2 (CRITICAL).")
    var fail = false
    @Option(
        name: [.customShort("w"), .customLong("write-out")],
        help: ArgumentHelp("After the report, write FORMAT with curl's %{variables} (@FILE reads it, @- stdin).", valueName: "format")
    )
    var writeOut: String?
    @Flag(name: .customLong("perfdata"), help: "Keep the performance data on line 1 on a terminal too (it is always there otherwise).") var perfdata =
        false
    @OptionGroup var playbooks: PlaybookOptions

    enum OutputFormat: String, ExpressibleByArgument {
        case text, json, markdown
        var session: CheckSession.Format { CheckSession.Format(rawValue: rawValue)! }
    }

    /// The plain values ArgumentParser parsed; the work is CheckArguments'.
    var arguments: CheckArguments {
        var a = CheckArguments()
        a.url = url
        a.moreURLs = moreURLs
        a.method = method
        a.head = head
        a.headers = headers
        a.data = data
        a.dataBinary = dataBinary
        a.form = form
        a.json = json
        a.user = user
        a.userAgent = userAgent
        a.resolve = resolve
        a.connectTo = connectTo
        a.location = location
        a.noLocation = noLocation
        a.maxRedirs = maxRedirs
        a.http11 = http11
        a.http2 = http2
        a.cert = cert
        a.key = key
        a.cacert = cacert
        a.insecure = insecure
        a.connectTimeout = connectTimeout
        a.maxTime = maxTime
        a.proxy = proxy
        a.noProxy = noProxy
        a.ipv4 = ipv4
        a.ipv6 = ipv6
        a.dnsServer = dnsServer
        a.noFanout = noFanout
        a.noFollowup = noFollowup
        a.samples = samples
        a.burst = burst
        a.compressed = compressed
        a.captureBody = captureBody
        a.maxDownload = maxDownload
        a.certWarnDays = certWarnDays
        a.reportFile = reportFile
        a.verbose = verbose
        a.output = output
        a.silent = silent
        a.showError = showError
        a.fail = fail
        a.writeOut = writeOut
        a.perfdata = perfdata
        a.format = format.session
        a.playbookDirectories = playbooks.directories
        a.noDefaultPlaybooks = playbooks.noDefaults
        return a
    }

    func run() throws { try arguments.run() }
}
