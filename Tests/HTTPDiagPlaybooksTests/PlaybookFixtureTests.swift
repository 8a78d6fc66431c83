import Foundation
import Testing
@testable import HTTPDiagPlaybooks
@testable import HTTPDiagCore

let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let playbookDirectory = repositoryRoot.appendingPathComponent("Playbooks").path

@Suite("Playbooks and their fixtures")
struct PlaybookFixtureTests {
    static let library = (try? PlaybookLoader.loadLibrary(directories: [playbookDirectory])) ?? PlaybookLibrary(playbooks: [], hops: [])
    static var playbooks: [Playbook] { library.playbooks }

    @Test func everyPlaybookAndHopSignatureLoads() throws {
        let library = try PlaybookLoader.loadLibrary(directories: [playbookDirectory])
        #expect(library.hops.count >= 30)
        #expect(Set(library.hops.map(\.role)).isSuperset(of: ["cdn", "load-balancer", "proxy", "web-server", "app-server", "storage"]))
    }

    /// Every hop signature's cases: the hop is found (and generated the response) or not.
    @Test func everyHopCasePasses() throws {
        let cases = try HopCaseLoader.load(directories: [playbookDirectory])
        let failures = cases.compactMap { c in c.failure(signatures: Self.library.hops).map { "\(c.hop): \(c.name): \($0)" } }
        #expect(failures == [])
        #expect(cases.count >= 2 * Self.library.hops.count)
    }

    /// ROOT_CAUSES.md is the contract: every id has a playbook, and no playbook invents one.
    @Test func everyRootCauseHasAPlaybook() throws {
        let catalog = try String(contentsOfFile: playbookDirectory + "/ROOT_CAUSES.md", encoding: .utf8)
        let ids = Set(catalog.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("| "), let id = line.dropFirst(2).split(separator: " ").first, id != "id",
                  id.allSatisfy({ $0.isLowercase || $0 == "_" || $0.isNumber }) else { return nil }
            return String(id)
        })
        #expect(ids.count == 95)
        let have = Set(Self.playbooks.map(\.id))
        #expect(ids.subtracting(have).sorted() == [], "root causes without a playbook")
        #expect(have.subtracting(ids).sorted() == [], "playbooks whose id is not in ROOT_CAUSES.md")
    }

    /// Every case of every playbook: top-1 accuracy must be 100%.
    @Test func everyFixtureCasePasses() throws {
        let runner = CaseRunner(engine: DiagnosisEngine(library: Self.library))
        let cases = try runner.loadCases(directory: playbookDirectory)
        var failures: [String] = []
        var top = 0, hits = 0
        for c in cases {
            let r = runner.run(c)
            if c.expect == .top { top += 1; if r.passed { hits += 1 } }
            if !r.passed { failures.append("\(c.playbookID): \(c.name) → \(r.topID ?? "none") \(r.unmetConditions)") }
        }
        print("playbook fixtures: \(cases.count) cases, top-1 accuracy \(hits)/\(top)")
        #expect(failures == [])
        #expect(cases.count >= 2 * Self.playbooks.count)
    }
}
