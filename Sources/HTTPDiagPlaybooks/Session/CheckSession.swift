import Dispatch
import HTTPDiagCore

/// One `check`: the playbooks load while the probe is on the wire, the probe's report is
/// diagnosed, rendered (text, JSON or Markdown) and redacted, and the Markdown report is
/// written if asked for. No printing, no process state: the CLI prints `output` and exits
/// with `exitStatus`; a server answers with them.
public enum CheckSession {
    public enum Format: String, Sendable, CaseIterable { case text, json, markdown }

    public struct Options: Sendable {
        public var probe: ProbeOptions
        public var format: Format = .text
        public var playbooks = PlaybookSource()
        /// Also write the Markdown incident report here.
        public var reportFile: String?
        /// Colours in the text output (a terminal that wants them).
        public var color = false
        /// The curl habits (`CurlHabits.swift`): -v, -w, -o, -s.
        public var curl = CurlOutputs()
        /// Performance data after `|` on the text output's first line (what Nagios reads).
        /// The CLI leaves it out on a terminal unless `--perfdata` is given: see `perfdata(terminal:asked:)`.
        public var perfdata = true

        public init(probe: ProbeOptions) { self.probe = probe }

        /// Line 1 keeps its perfdata when stdout is not a terminal (a monitoring system
        /// reads it) or when asked; a person at a terminal gets the verdict and reason only.
        public static func perfdata(terminal: Bool, asked: Bool) -> Bool { asked || !terminal }
    }

    public struct Result: Sendable {
        /// Diagnosed (not redacted: the evidence itself).
        public var report: CheckReport
        /// The rendered report in the asked format, redacted (the CLI prints it and a newline).
        /// With -s, text is its verdict line only, and nothing when -w is given.
        public var output: RedactedText
        /// -v: the exchange as curl shows it (the CLI prints it on stderr, after `output`).
        public var verbose: RedactedText?
        /// -w: the write-out (printed on stdout after `output`, without a newline of its own).
        public var writeOut: RedactedText?
        /// Warnings for stderr (an unknown -w variable, a saved body that was cut); none with -s.
        public var warnings: [RedactedText] = []
        public var verdict: Verdict { report.verdict }
        public var exitStatus: Int32 { ExitStatus.of(report.verdict) }
    }

    /// Probes, diagnoses, renders. Throws for bad input (before any probe when it can be
    /// known then: an unwritable report path, an unreadable playbook directory) and for
    /// playbooks that do not load.
    public static func run(_ options: Options) throws -> Result {
        try checkOutputFiles(options)
        try options.playbooks.checkDirectories()
        // Load the playbooks while the probe is on the wire: against a real endpoint the
        // parsing is hidden behind network time instead of added to it.
        return try run(options, loading: EngineLoad(options.playbooks))
    }

    /// Fail before probing, not after: an unwritable report or body path is bad input.
    static func checkOutputFiles(_ options: Options) throws {
        for file in [options.reportFile, options.curl.bodyFile].compactMap({ $0 })
        where !FileManager.default.createFile(atPath: file, contents: nil) {
            throw PlaybookError.reportNotWritable(file)
        }
    }

    static func run(_ options: Options, loading: EngineLoad) throws -> Result {
        var probe = options.probe
        if options.curl.bodyFile != nil { probe.keepBody = true }
        let probed = try Prober.check(probe)
        let report = try loading.wait().diagnose(probed)
        // The output boundary: whatever was missed by name is scrubbed by value (the report
        // carries the secrets of its options) and by shape here.
        let boundary = OutputBoundary(report)
        if let reportFile = options.reportFile {
            guard OutputFile.write(boundary.pass(MarkdownReport.render(report)), to: reportFile) else {
                throw PlaybookError.reportNotWritable(reportFile)
            }
        }
        let out: String
        switch options.format {
        case .json: out = try JSONReport.render(report)
        case .text: out = TextReport.render(report, style: .forTerminal(isTTY: options.color), perfdata: options.perfdata)
        case .markdown: out = MarkdownReport.render(report)
        }
        var result = Result(report: report, output: boundary.pass(out))
        options.curl.apply(to: &result, format: options.format, boundary: boundary)
        return result
    }
}

/// The playbook engine, loaded on another thread.
final class EngineLoad: @unchecked Sendable {
    private let group = DispatchGroup()
    private var result: Result<DiagnosisEngine, PlaybookError> = .failure(PlaybookError(file: "", line: nil, message: "playbooks not loaded"))

    init(_ source: PlaybookSource) {
        group.enter()
        DispatchQueue.global().async {
            self.result = Result { () throws(PlaybookError) in try source.engine() }
            self.group.leave()
        }
    }

    func wait() throws(PlaybookError) -> DiagnosisEngine {
        group.wait()
        return try result.get()
    }
}
