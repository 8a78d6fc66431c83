import HTTPDiagCore

/// `httpdiag check URL1 URL2 ...`: each URL probed and diagnosed in turn (with the
/// playbooks loaded once), each with the same options; the exit status is the worst
/// verdict's. The outputs, in the order they are written (the CLI only writes them):
///
/// - text and Markdown: with several URLs each report is headed `==> URL <==` (as
///   `head` and `tail` head files) and separated from the next by a blank line; one URL
///   prints exactly what a single check prints (line 1 is the verdict);
/// - JSON: with several URLs, one array of `httpdiag.check/v1` documents;
/// - `-w` after each report, `-v` (stderr) after each, as curl writes them per transfer;
/// - `--report FILE`: every report in it, separated by `---`; `-o` pairs with the URLs in
///   order (`bodyFiles[i]` for URL i, as curl pairs its `-o`s).
public enum CheckBatch {
    public enum Emission: Sendable, Equatable {
        /// Text for stdout and what ends it (a newline, or nothing after -w).
        case stdout(RedactedText, terminator: String)
        case stderr(RedactedText)
    }

    public struct Result: Sendable {
        public var checks: [CheckSession.Result]
        public var emissions: [Emission]
        public var verdict: Verdict { checks.map(\.verdict).max() ?? .unknown }
        public var exitStatus: Int32 { ExitStatus.of(verdict) }
    }

    /// `options.probe.url` is replaced by each of `urls`.
    public static func run(_ options: CheckSession.Options, urls: [String], bodyFiles: [String] = []) throws -> Result {
        guard !urls.isEmpty else { throw InputError("no URL given") }
        guard bodyFiles.count <= urls.count else {
            throw InputError("\(bodyFiles.count) -o files for \(urls.count) URL\(urls.count == 1 ? "" : "s"): one -o per URL at most")
        }
        if urls.count == 1 {
            var single = options
            single.probe.url = urls[0]
            single.curl.bodyFile = bodyFiles.first ?? options.curl.bodyFile
            let result = try CheckSession.run(single)
            return Result(checks: [result], emissions: emissions(result, header: nil))
        }
        if options.format == .json && options.curl.writeOut != nil {
            throw InputError("-w cannot be combined with --format json and several URLs: the output is one JSON array")
        }
        // Every URL and option is checked before the first probe.
        var each: [CheckSession.Options] = []
        for (i, url) in urls.enumerated() {
            var o = options
            o.probe.url = url
            o.reportFile = nil
            o.curl.bodyFile = i < bodyFiles.count ? bodyFiles[i] : nil
            try o.probe.validate()
            _ = try TargetURL(url)
            try CheckSession.checkOutputFiles(o)
            each.append(o)
        }
        var reportOnly = options
        reportOnly.curl.bodyFile = nil
        try CheckSession.checkOutputFiles(reportOnly)
        try options.playbooks.checkDirectories()
        let loading = EngineLoad(options.playbooks)
        var checks: [CheckSession.Result] = []
        var out: [Emission] = []
        for (i, o) in each.enumerated() {
            let result = try CheckSession.run(o, loading: loading)
            checks.append(result)
            if options.format == .json {
                let open = i == 0 ? "[\n" : ""
                let close = i == each.count - 1 ? "\n]" : ",\n"
                let document = OutputBoundary(result.report).pass(open) + result.output + OutputBoundary(result.report).pass(close)
                out.append(.stdout(document, terminator: i == each.count - 1 ? "\n" : ""))
                if let v = result.verbose { out.append(.stderr(v)) }
                out += result.warnings.map { .stderr($0) }
            } else {
                let header = (i == 0 ? "" : "\n") + "==> \(result.report.target.url) <=="
                out += emissions(result, header: OutputBoundary(result.report).pass(header))
            }
        }
        if let reportFile = options.reportFile {
            let parts = checks.map { OutputBoundary.render($0.report, MarkdownReport.render) }
            guard OutputFile.write(RedactedText.joined(parts, separator: "\n\n---\n\n"), to: reportFile) else {
                throw PlaybookError.reportNotWritable(reportFile)
            }
        }
        return Result(checks: checks, emissions: out)
    }

    static func emissions(_ r: CheckSession.Result, header: RedactedText?) -> [Emission] {
        var out: [Emission] = []
        if let header { out.append(.stdout(header, terminator: "\n")) }
        if !r.output.isEmpty || r.writeOut == nil { out.append(.stdout(r.output, terminator: "\n")) }
        if let w = r.writeOut { out.append(.stdout(w, terminator: "")) }
        if let v = r.verbose { out.append(.stderr(v)) }
        for w in r.warnings { out.append(.stderr(w)) }
        return out
    }
}
