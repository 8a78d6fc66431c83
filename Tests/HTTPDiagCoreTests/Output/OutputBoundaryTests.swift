import Foundation
import Testing

@testable import HTTPDiagCore

/// The boundary is the only path to an output (issue 10). The sinks take `RedactedText`,
/// which only `OutputBoundary.pass` makes (its initialiser is fileprivate to
/// OutputBoundary.swift): that part is the compiler's. What the compiler cannot see is a
/// new `print` of a rendered string, a file written with Foundation, or a POST made with
/// `HTTPPoster.postJSON` directly: this test reads every source file and allows those
/// only where they are listed below, each with the reason it is safe.
@Suite("The output boundary is the only path to an output")
struct OutputBoundaryTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources").path

    /// Calls that write somewhere outside the process.
    static let sinkCalls = [
        #"(^|[^A-Za-z_.])print\("#, #"createFile\(atPath:"#, #"write\(toFile:"#, #"\.write\(to:"#, #"postJSON\("#,
        #"fputs\("#, #"fwrite\("#, #"FileHandle\.standardOutput"#, #"Glibc\.write\("#, #"\bputs\("#, #"\.write\(contentsOf:"#,
        #"\bwrite\((1|STDOUT_FILENO),"#, #"\bdprintf\("#, #"\bsend\(|\bsendto\("#,
    ]

    /// (file, what the line contains, why it is no leak).
    static let allowed: [(String, String, String)] = [
        ("HTTPDiagCore/Output/OutputBoundary.swift", "", "the boundary's own sinks"),
        ("HTTPDiagCore/Curl/HTTPPoster.swift", "static func postJSON(", "the definition (internal); callers use HTTPPoster.post(body: RedactedText)"),
        ("HTTPDiagFleet/Support/SystemError.swift", "Glibc.write(fd,", "FileWriter.flush: FileWriter.write takes RedactedText"),
        ("httpdiag/CheckCommand.swift", "createFile(atPath: reportFile, contents: nil)", "an empty file: can --report be written?"),
        ("httpdiag/PlaybooksCommand.swift", "print(", "playbook lint, test and eval output: the shipped playbooks and corpus"),
        ("httpdiag/ExplainCommand.swift", "print(", "runbooks rendered from the shipped playbooks"),
        (
            "HTTPDiagPlaybooks/Builtin/BuiltinPlaybooks.generated.swift", "",
            "generated data only: the shipped playbooks' texts as string literals (their code samples say print( and send()"
        ),
        ("httpdiag/GenerateSwiftCommand.swift", "print(", "the Swift source of the shipped playbooks (make builtin)"),
        ("httpdiag/VersionCommand.swift", "print(Self.text)", "the versions of httpdiag, libcurl, OpenSSL and the built-in playbook count"),
        ("httpdiag/HTTPDiagCommand.swift", "print(VersionCommand.text)", "--version and -V: the same versions"),
        ("httpdiag/LabCommand.swift", "print(", "the lab's own loopback URLs and the eval table (diagnosis ids, verdict lines of its own endpoints)"),
        ("httpdiag/HistoryCommand.swift", "print(open ?", "a fixed sentence"),
        ("httpdiag/HistoryCommand.swift", "print(\"latency \"", "a sparkline of numbers"),
        ("HTTPDiagLab/LabConnection.swift", "send(fd,", "the loopback lab server's responses (a test fixture, not httpdiag's output)"),
        ("HTTPDiagLab/LabDNSResponder.swift", "sendto(fd,", "the lab's DNS zone answers"),
        ("", "StandardOutput.print(", "the boundary's sink"),
        (
            "HTTPDiagPlaybooks/Session/CheckSession.swift", "contents: nil",
            "an empty --report file made before the probe, to refuse an unwritable path early"
        ),
    ]

    static func sourceFiles() throws -> [String] {
        let all = FileManager.default.enumerator(atPath: sources)?.compactMap { $0 as? String } ?? []
        return all.filter { $0.hasSuffix(".swift") }.sorted()
    }

    @Test func everyWriteOutsideTheProcessGoesThroughTheBoundary() throws {
        let files = try Self.sourceFiles()
        #expect(files.count > 50, "found \(files.count) source files under \(Self.sources)")
        let patterns = try Self.sinkCalls.map { try NSRegularExpression(pattern: $0) }
        var found = 0
        for file in files {
            let text = try String(contentsOfFile: Self.sources + "/" + file, encoding: .utf8)
            for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let l = String(line)
                if l.trimmingCharacters(in: .whitespaces).hasPrefix("//") { continue }
                let range = NSRange(l.startIndex..., in: l)
                guard patterns.contains(where: { $0.firstMatch(in: l, range: range) != nil }) else { continue }
                found += 1
                let ok = Self.allowed.contains { f, contains, _ in (f.isEmpty || file == f) && (contains.isEmpty || l.contains(contains)) }
                #expect(
                    ok,
                    """
                    \(file):\(n + 1) writes outside the process without the output boundary:
                    \(l.trimmingCharacters(in: .whitespaces))
                    Render to a String, pass it through OutputBoundary (OutputBoundary(report).pass(text)) and hand the
                    RedactedText to a sink that takes it (StandardOutput.print, OutputFile.write, FileWriter, HTTPPoster.post),
                    or list the line in OutputBoundaryTests.allowed with the reason it cannot carry a secret.
                    """
                )
            }
        }
        #expect(found > 10, "the scan found only \(found) output calls: is it reading the sources?")
    }

    /// The sinks' signatures: each takes RedactedText (a String does not compile), checked
    /// here by calling them with what only the boundary makes.
    @Test func theSinksTakeRedactedText() throws {
        var r = Redactor()
        r.addSecret("sink-secret-4411")
        let boundary = OutputBoundary(redactor: r)
        let text: RedactedText = boundary.pass("a sink-secret-4411 b AKIAIOSFODNN7EXAMPLE c /x?token=abc")
        #expect(text.text == "a <redacted:16 chars> b <redacted:20 chars> c /x?token=<redacted:3 chars>")
        let path = NSTemporaryDirectory() + "boundary-\(UUID().uuidString).txt"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let write: (RedactedText, String) -> Bool = OutputFile.write
        #expect(write(text, path))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == text.text)
        let out: (RedactedText, String) -> Void = StandardOutput.print
        _ = out
        let post: (String, RedactedText, Int) -> (status: Int, error: FailureKind?) = HTTPPoster.post
        _ = post
        // Passing twice changes nothing: a sink may pass text read back from the state again.
        #expect(boundary.pass(text.text) == text)
    }

    /// Every boundary knows the environment's AWS credentials, even one made without a
    /// report (a state file read back, the textfile).
    @Test func aBoundaryWithoutAReportStillKnowsShapesAndTheEnvironment() {
        let b = OutputBoundary()
        #expect(b.pass("k=AKIAIOSFODNN7EXAMPLE").text == "k=<redacted:20 chars>")
        #expect(b.pass("plain text, 200 OK").text == "plain text, 200 OK")
    }
}
