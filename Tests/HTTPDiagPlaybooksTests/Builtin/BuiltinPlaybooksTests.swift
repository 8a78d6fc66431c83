import Foundation
import HTTPDiagCore
import HTTPDiagTestSupport
import Testing

@testable import HTTPDiagPlaybooks

/// The built-in playbooks are the repository's `Playbooks/`, compiled in (issue 11): the
/// checked-in generated source is what the generator writes from the YAML today, and the
/// compiled values are that source.
@Suite("Built-in playbooks")
struct BuiltinPlaybooksTests {
    static let generatedFile = repositoryRoot.appendingPathComponent("Sources/HTTPDiagPlaybooks/Builtin/BuiltinPlaybooks.generated.swift").path

    @Test func theGeneratedSourceIsCurrentWithPlaybooks() throws {
        let library = try PlaybookLoader.loadLibrary(directories: [playbookDirectory])
        let written = BuiltinSourceWriter.render(library, sourceDirectory: playbookDirectory)
        let checkedIn = try String(contentsOfFile: Self.generatedFile, encoding: .utf8)
        #expect(written == checkedIn, "BuiltinPlaybooks.generated.swift is stale: run make builtin (scripts/generate-builtin-playbooks.sh)")
        #expect(library.playbooks.count >= 90 && library.hops.count >= 60)
    }

    @Test func theCompiledValuesAreTheGeneratedSource() throws {
        let checkedIn = try String(contentsOfFile: Self.generatedFile, encoding: .utf8)
        #expect(BuiltinSourceWriter.render(BuiltinPlaybooks.library, sourceDirectory: "Playbooks") == checkedIn)
        #expect(BuiltinPlaybooks.playbooks.map(\.id) == (try PlaybookLoader.load(directories: [playbookDirectory])).map(\.id))
        #expect(HopCatalog.standard.map(\.name) == BuiltinPlaybooks.hops.map(\.name))
    }

    /// Text that needs escaping survives the round trip through a Swift literal.
    @Test func literalsEscapeWhatTheyMust() {
        #expect(BuiltinSourceWriter.literal("a\"b\\c\n\td\u{1}é\\(x)") == #""a\"b\\c\n\td\u{1}é\\(x)""#)
        #expect(BuiltinSourceWriter.number(3) == "3.0")
        #expect(BuiltinSourceWriter.number(0.85) == "0.85")
    }

    @Test func aDirectoryAddsAndOverridesByID() throws {
        let dir = try temporaryPlaybookDirectory([
            "not_found.yaml": Self.playbook(id: "not_found", title: "Overridden 404"),
            "my_teapot.yaml": Self.playbook(id: "my_teapot", title: "A teapot", lookAlike: "not_found"),
        ])
        for source in [PlaybookSource(directories: [dir], environmentDirectories: []), PlaybookSource(environmentDirectories: [dir])] {
            let library = try source.library()
            #expect(library.playbooks.count == BuiltinPlaybooks.playbooks.count + 1)
            #expect(library.playbooks.first { $0.id == "not_found" }?.title == "Overridden 404")
            #expect(library.playbooks.last?.id == "my_teapot")
            #expect(library.hops.count == BuiltinPlaybooks.hops.count)
        }
        let alone = try PlaybookSource(directories: [dir], noDefaults: true, environmentDirectories: []).library()
        #expect(alone.playbooks.map(\.id).sorted() == ["my_teapot", "not_found"])
    }

    @Test func nothingToUseIsAnError() throws {
        let empty = try temporaryPlaybookDirectory([:])
        #expect(throws: PlaybookError.noPlaybooksIn(empty)) { try PlaybookSource(directories: [empty], environmentDirectories: []).library() }
        #expect(throws: PlaybookError.noPlaybooksIn(empty)) { try PlaybookSource(environmentDirectories: [empty]).library() }
        #expect(throws: PlaybookError.noPlaybooks) { try PlaybookSource(noDefaults: true, environmentDirectories: []).load() }
        // A probe without diagnosis stays possible, on request.
        #expect(try PlaybookSource(noDefaults: true, environmentDirectories: []).library().playbooks.isEmpty)
    }

    @Test func environmentDirectoriesSplitOnColons() {
        #expect(PlaybookLocator.environmentDirectories(environment: ["HTTPDIAG_PLAYBOOKS": "/a::/b"]) == ["/a", "/b"])
        #expect(PlaybookLocator.environmentDirectories(environment: [:]) == [])
    }

    static func playbook(id: String, title: String, lookAlike: String? = nil) -> String {
        """
        id: \(id)
        title: \(title)
        layer: http
        severity: critical
        confidence: 0.5
        when:
          - status: 418
        explanation: The server is a teapot.
        remediation:
          - Ask for coffee elsewhere.
        verify:
          - curl -sI {{url}}
        """ + (lookAlike.map { "\nlook_alikes:\n  - id: \($0)\n    tell: it is not a teapot\n" } ?? "\n")
    }

    func temporaryPlaybookDirectory(_ files: [String: String]) throws -> String {
        let dir = try makeTemporaryDirectory("httpdiag-builtin")
        for (name, text) in files { try text.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8) }
        return dir
    }
}
