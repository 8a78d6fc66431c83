import HTTPDiagCore

/// The outputs curl users reach for, on a check: `-v` (the exchange, after the diagnosis),
/// `-w FORMAT` (curl's write-out variables), `-o FILE` (the body), `-s` (quiet). All of
/// them describe the same probe (`CheckReport.exchangeProbe`) and all go out through the
/// report's `OutputBoundary`: the -v headers, the -w values and the saved body are
/// redacted like the report is.
///
/// `-s` keeps what a script or a monitoring system reads: the exit code always, the
/// verdict line (line 1 of the text report, perfdata included) unless `-w` is given, in
/// which case only the write-out is printed (`-s -o /dev/null -w '%{http_code}'` prints
/// the code alone, as with curl). JSON and Markdown are printed whole (they are machine
/// documents). Warnings are muted, as curl mutes them (`-S` keeps them, as `-sS` does);
/// usage errors are still printed.
public struct CurlOutputs: Sendable {
    /// -v
    public var verbose = false
    /// -w
    public var writeOut: WriteOutFormat?
    /// -o: the response body is saved here.
    public var bodyFile: String?
    /// -s
    public var quiet = false
    /// -S: warnings stay on with -s (curl's `-sS`).
    public var showWarnings = false

    public init(verbose: Bool = false, writeOut: WriteOutFormat? = nil, bodyFile: String? = nil, quiet: Bool = false) {
        self.verbose = verbose
        self.writeOut = writeOut
        self.bodyFile = bodyFile
        self.quiet = quiet
    }

    func apply(to result: inout CheckSession.Result, format: CheckSession.Format, boundary: OutputBoundary) {
        let report = result.report
        var warnings: [String] = []
        if verbose { result.verbose = boundary.pass(VerboseExchange.render(report)) }
        if let writeOut {
            let rendered = writeOut.render(report)
            result.writeOut = boundary.pass(rendered.text)
            warnings += rendered.warnings
        }
        if let bodyFile { warnings += saveBody(report, to: bodyFile, boundary: boundary) }
        if quiet {
            if format == .text {
                let firstLine = result.output.text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first
                result.output = boundary.pass(writeOut == nil ? String(firstLine ?? "") : "")
            }
            if !showWarnings { warnings = [] }
        }
        result.warnings = warnings.map { boundary.pass("httpdiag: " + $0) }
    }

    /// Writes the exchange probe's body as received (redacted by value: a secret the
    /// request carried and the server echoed is replaced there too). Returns warnings: a
    /// body that was cut (`--max-download`: the transfer was stopped, the file holds the
    /// bytes up to the limit), none at all (no response), secrets replaced.
    func saveBody(_ report: CheckReport, to path: String, boundary: OutputBoundary) -> [String] {
        let probe = report.exchangeProbe
        let raw = probe?.receivedBody ?? []
        let passed = boundary.pass(bytes: raw)
        var warnings: [String] = []
        if !OutputFile.write(bytes: passed, to: path) {
            return ["-o \(path): cannot write the file"]
        }
        if probe?.response == nil {
            warnings.append("-o \(path): no response came, the file is empty")
        } else if probe?.error?.kind == .bodyTooLarge && raw.isEmpty {
            warnings.append(
                "-o \(path): nothing saved: the body exceeds --max-download (its declared length), the transfer was stopped before it (body_too_large)"
            )
        } else if probe?.error?.kind == .bodyTooLarge {
            warnings.append(
                "-o \(path): body cut at \(raw.count) bytes: it exceeds --max-download, the transfer was stopped (body_too_large)"
            )
        }
        if passed.bytes != raw {
            warnings.append("-o \(path): secrets of the request that the body echoed were replaced with <redacted:N chars>")
        }
        return warnings
    }
}
