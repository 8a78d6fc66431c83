import CHTTPDiag

#if canImport(Glibc)
import Glibc
#endif

/// Text that has been through the redactor: the only thing an output sink accepts.
///
/// Secrets never leave the process (issue 10). Every renderer (TextReport, JSONReport,
/// MarkdownReport, the run report, the Prometheus textfile, webhook bodies, incident
/// reports, the SQLite rows, and whatever comes next: an HTML status page, an HTTP API)
/// produces a `String`; a sink (stdout, a file, a webhook POST, a state row, an HTTP
/// response body) takes only `RedactedText`, and the only way to make one is
/// `OutputBoundary.pass`, which scrubs every secret the boundary knows by value (in every
/// encoding an echo uses) and every secret recognised by its shape (AWS keys,
/// signatures and tokens, secret query parameters). Forgetting to redact a new output is
/// a compile error, not a review comment. A new sink takes `RedactedText` too (an HTTP
/// server's response writer: `body: RedactedText`).
public struct RedactedText: Sendable, Equatable, CustomStringConvertible {
    /// The redacted text.
    public let text: String

    /// Only the boundary makes one.
    fileprivate init(passed text: String) { self.text = text }

    public var description: String { text }
    public var utf8Bytes: [UInt8] { Array(text.utf8) }
    public var isEmpty: Bool { text.isEmpty }

    /// Two redacted texts together (each was redacted on its own, with the same secrets).
    public static func + (a: RedactedText, b: RedactedText) -> RedactedText { RedactedText(passed: a.text + b.text) }

    /// Lines, each passed (a boundary over each, joined).
    public static func joined(_ parts: [RedactedText], separator: String = "") -> RedactedText {
        RedactedText(passed: parts.map(\.text).joined(separator: separator))
    }
}

/// Bytes that have been through the boundary (`OutputBoundary.pass(bytes:)`): what a
/// binary sink (`OutputFile.write(bytes:to:)`, the -o body file) accepts.
public struct RedactedBytes: Sendable, Equatable {
    public let bytes: [UInt8]
    fileprivate init(passed bytes: [UInt8]) { self.bytes = bytes }
}

/// What an output is redacted with: the secrets learned from the requests (the report's
/// own, a fleet's union) and those of the process environment, plus the shapes every
/// redactor knows. A report carries its secrets (`CheckReport.redaction`), so whoever
/// renders one gets `OutputBoundary(report)` without finding the probe options again.
public struct OutputBoundary: Sendable {
    public private(set) var redactors: [Redactor]

    /// The environment's AWS credentials and the shapes only.
    public init() {
        var r = Redactor()
        r.learnEnvironment()
        redactors = [r]
    }

    public init(redactor: Redactor) { redactors = [redactor] }

    /// The boundary of a report: the secrets of the options it was probed with.
    public init(_ report: CheckReport) { redactors = [report.redaction] }

    /// The secrets of every redactor given (a fleet run: every endpoint's).
    public init(merging redactors: [Redactor]) {
        var all = Redactor()
        for r in redactors { for s in r.secrets { all.addSecret(s) } }
        self.redactors = [all]
    }

    /// This boundary with the secrets of another redactor too (an outcome's own).
    public func adding(_ redactor: Redactor) -> OutputBoundary {
        guard !redactor.secrets.isEmpty else { return self }
        var b = self
        b.redactors.append(redactor)
        return b
    }

    /// The one way text becomes output.
    public func pass(_ text: String) -> RedactedText {
        var t = text
        for r in redactors { t = r.scrub(t) }
        if redactors.isEmpty { t = Redactor().scrub(t) }
        return RedactedText(passed: t)
    }

    /// Raw bytes (a body saved with -o) as output: every secret the boundary knows is
    /// replaced by value, wherever it is; a body that is UTF-8 text is also scrubbed by
    /// shape, like text. Other bytes are kept as they came (no control characters are
    /// neutralised: a file is not a terminal).
    public func pass(bytes: [UInt8]) -> RedactedBytes {
        var b = bytes
        let all = redactors.isEmpty ? [Redactor()] : redactors
        for r in all { if let scrubbed = r.scrubValues(bytes: b) { b = scrubbed } }
        if let text = String(validating: b, as: UTF8.self) {
            let shaped = SecretShapes.redact(text)
            if shaped != text { b = Array(shaped.utf8) }
        }
        return RedactedBytes(passed: b)
    }

    /// The same for optional text (a nullable column).
    public func pass(_ text: String?) -> RedactedText? { text.map { pass($0) } }

    /// Renders `report` and passes the result: `OutputBoundary.render(report) { TextReport.render($0, style: s) }`.
    public static func render(_ report: CheckReport, _ renderer: (CheckReport) throws -> String) rethrows -> RedactedText {
        OutputBoundary(report).pass(try renderer(report))
    }
}

// MARK: sinks of the core (the fleet's take RedactedText too: FileWriter, StateStore, webhooks)

/// Standard output: whole writes of redacted text.
public enum StandardOutput {
    /// `print`, for redacted text only: into stdout's buffer with fwrite (Swift's `print`
    /// checks the argument's conformances first, about 2M instructions in one `check`).
    public static func print(_ text: RedactedText, terminator: String = "\n") {
        put(text.text)
        put(terminator)
    }

    /// Several lines at once.
    public static func print(lines: [RedactedText]) {
        for line in lines { print(line) }
    }

    private static func put(_ string: String) {
        var string = string
        // C's stdout, the FILE Swift's `print` writes to too: the two keep their order.
        string.withUTF8 { bytes in _ = hd_stdout_write(bytes.baseAddress, bytes.count) }
    }
}

/// Standard error: warnings, -v and error messages, redacted too (an error may quote a URL
/// with a token in its query, a warning an endpoint's name).
public enum StandardErrorOutput {
    /// `httpdiag: MESSAGE` and a newline, in one write.
    public static func say(_ message: RedactedText) { write(RedactedText(passed: "httpdiag: " + message.text + "\n")) }

    /// Redacted text and a terminator (-v, warnings).
    public static func print(_ text: RedactedText, terminator: String = "\n") {
        write(RedactedText(passed: text.text + terminator))
    }

    /// The text as it is (a progress bar's carriage-return updates), in whole writes.
    public static func write(_ text: RedactedText) {
        let bytes = text.utf8Bytes
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBufferPointer { Glibc.write(2, $0.baseAddress, $0.count) }
            if n <= 0 { return }
            offset += n
        }
    }
}

/// A file written with redacted text only.
public enum OutputFile {
    /// Creates or truncates `path` with `text`; false when it cannot be written.
    @discardableResult
    public static func write(_ text: RedactedText, to path: String) -> Bool {
        FileManager.default.createFile(atPath: path, contents: Data(text.text.utf8))
    }

    /// Creates or truncates `path` with redacted bytes; false when it cannot be written.
    @discardableResult
    public static func write(bytes: RedactedBytes, to path: String) -> Bool {
        FileManager.default.createFile(atPath: path, contents: Data(bytes.bytes))
    }
}

extension HTTPPoster {
    /// A webhook POST: its body is redacted text.
    public static func post(url: String, body: RedactedText, timeoutMs: Int) -> (status: Int, error: FailureKind?) {
        postJSON(url: url, body: body.utf8Bytes, timeoutMs: timeoutMs)
    }
}
