import Foundation
import HTTPDiagCore
import HTTPDiagPlaybooks

#if canImport(Glibc)
import Glibc
#endif

/// What `httpdiag check` was given, as plain values: filled by ArgumentParser (CheckCommand)
/// or, on the common path, by CheckArgumentScanner without reflection. Both must agree on
/// every command line the scanner accepts (CheckArgumentScannerTests proves it).
struct CheckArguments: Equatable, Sendable {
    private static let defaults = ProbeOptions.defaults

    var url = ""
    var moreURLs: [String] = []
    var urls: [String] { [url] + moreURLs }

    var method: String?
    var head = false
    var headers: [String] = []
    var data: String?
    var dataBinary: String?
    var form: [String] = []
    var json: [String] = []
    var user: String?
    var userAgent: String?
    var resolve: [String] = []
    var connectTo: [String] = []
    var location = false
    var noLocation = false
    var maxRedirs = defaults.maxRedirects
    var http11 = false
    var http2 = false
    var cert: String?
    var key: String?
    var cacert: String?
    var insecure = false
    var connectTimeout: Double?
    var maxTime = Double(defaults.maxTimeMs) / 1000
    var proxy: String?
    var noProxy: String?
    var ipv4 = false
    var ipv6 = false
    var dnsServer: String?
    var noFanout = false
    var noFollowup = false
    var samples = defaults.samples
    var burst = false
    var compressed = false
    var captureBody = defaults.captureBytes
    var maxDownload = defaults.maxDownloadBytes
    var certWarnDays = defaults.certWarnDays
    var format: CheckSession.Format = .text
    var reportFile: String?
    var verbose = false
    var output: [String] = []
    var silent = false
    var showError = false
    var fail = false
    var writeOut: String?
    var perfdata = false
    var playbookDirectories: [String] = []
    var noDefaultPlaybooks = false

    var playbooks: PlaybookSource { PlaybookSource(directories: playbookDirectories, noDefaults: noDefaultPlaybooks) }

    func run() throws {
        var options = CheckSession.Options(probe: try probeOptions())
        options.format = format
        options.playbooks = playbooks
        options.reportFile = reportFile
        options.color = isatty(1) == 1
        options.perfdata = CheckSession.Options.perfdata(terminal: isatty(1) == 1, asked: perfdata)
        options.curl = CurlOutputs(verbose: verbose, writeOut: try writeOutFormat(), quiet: silent)
        options.curl.showWarnings = showError
        if output.contains("-") { throw InputError("-o -: the body is not written to stdout (the diagnosis is there); give a file") }
        let result = try CheckBatch.run(options, urls: urls, bodyFiles: output)
        for emission in result.emissions {
            switch emission {
            case .stdout(let text, let terminator): StandardOutput.print(text, terminator: terminator)
            case .stderr(let text):
                fflush(nil)
                StandardErrorOutput.print(text)
            }
        }
        fflush(nil)
        try result.verdict.exitUnlessOK()
    }

    /// -w FORMAT, or @FILE / @- read as curl reads it (the whole file, one trailing newline kept as text).
    func writeOutFormat() throws -> WriteOutFormat? {
        guard let writeOut else { return nil }
        guard writeOut.hasPrefix("@") else { return WriteOutFormat(writeOut) }
        let bytes = try BodyArgument.read(writeOut, flag: "-w")
        guard let text = String(validating: bytes, as: UTF8.self) else { throw InputError("-w \(writeOut): not UTF-8 text") }
        return WriteOutFormat(text)
    }

    func probeOptions() throws -> ProbeOptions {
        var o = ProbeOptions(url: url)
        o.method = method
        o.head = head
        o.headers = try HeaderArgument.expand(headers)
        if data != nil && dataBinary != nil { throw InputError("use one of -d/--data and --data-binary") }
        if let d = data ?? dataBinary { o.body = try BodyArgument.read(d, flag: data != nil ? "-d" : "--data-binary") }
        o.multipart = try form.map(FormArgument.parse)
        if o.body != nil && !o.multipart.isEmpty { throw InputError("-d and -F cannot be combined") }
        if !json.isEmpty {
            if o.body != nil || !o.multipart.isEmpty { throw InputError("--json cannot be combined with -d, --data-binary or -F") }
            o.setJSONBody(try json.map { try BodyArgument.read($0, flag: "--json") })
        }
        o.userpwd = user
        if let ua = userAgent { o.userAgent = ua }
        o.resolve = resolve
        o.connectTo = connectTo
        o.followRedirects = !noLocation
        o.maxRedirects = maxRedirs
        if http11 && http2 { throw InputError("use one of --http1.1 and --http2") }
        o.httpVersion = http11 ? .http1_1 : http2 ? .http2 : .automatic
        for (flag, path) in [("--cert", cert), ("--key", key), ("--cacert", cacert)] {
            if let path, !FileManager.default.isReadableFile(atPath: path) {
                throw InputError("\(flag) \(path): file not found or not readable")
            }
        }
        if key != nil && cert == nil { throw InputError("--key needs --cert") }
        o.tls = TLSOptions(insecure: insecure, caFile: cacert, clientCert: cert, clientKey: key)
        if let c = connectTimeout { o.connectTimeoutMs = try Self.milliseconds(c, flag: "--connect-timeout") }
        o.maxTimeMs = try Self.milliseconds(maxTime, flag: "--max-time")
        if let server = dnsServer { o.dnsServer = try DNSServer(parsing: server, field: "--dns-server") }
        o.fanout = !noFanout
        o.followups = !noFollowup
        o.samples = samples
        o.burst = burst
        o.compressed = compressed
        o.captureBytes = captureBody
        o.maxDownloadBytes = maxDownload
        o.certWarnDays = certWarnDays
        o.proxy = proxy
        o.noProxy = noProxy
        if ipv4 && ipv6 { throw InputError("use one of -4 and -6") }
        o.ipFamily = ipv4 ? .ipv4 : ipv6 ? .ipv6 : .any
        try o.validate()
        return o
    }

    static func milliseconds(_ seconds: Double, flag: String) throws -> Int {
        guard seconds.isFinite, seconds > 0 else { throw InputError("\(flag) must be a positive number of seconds (got \(seconds))") }
        guard seconds <= 86_400 else { throw InputError("\(flag) must be at most 86400 seconds") }
        return max(Int((seconds * 1000).rounded()), 1)
    }
}
