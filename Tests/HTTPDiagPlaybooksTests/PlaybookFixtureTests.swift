import Foundation
import Testing
@testable import HTTPDiagPlaybooks
@testable import HTTPDiagCore

let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let playbookDirectory = repositoryRoot.appendingPathComponent("Playbooks").path

@Suite("Playbooks and their fixtures")
struct PlaybookFixtureTests {
    static let playbooks: [Playbook] = (try? PlaybookLoader.load(directories: [playbookDirectory])) ?? []

    @Test func everyPlaybookLoads() throws {
        _ = try PlaybookLoader.load(directories: [playbookDirectory])
    }

    /// ROOT_CAUSES.md is the contract: every id has a playbook, and no playbook invents one.
    @Test func everyRootCauseHasAPlaybook() throws {
        let catalog = try String(contentsOfFile: playbookDirectory + "/ROOT_CAUSES.md", encoding: .utf8)
        let ids = Set(catalog.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("| "), let id = line.dropFirst(2).split(separator: " ").first, id != "id",
                  id.allSatisfy({ $0.isLowercase || $0 == "_" || $0.isNumber }) else { return nil }
            return String(id)
        })
        #expect(ids.count == 80)
        let have = Set(Self.playbooks.map(\.id))
        #expect(ids.subtracting(have).sorted() == [], "root causes without a playbook")
        #expect(have.subtracting(ids).sorted() == [], "playbooks whose id is not in ROOT_CAUSES.md")
    }

    /// Every case of every playbook: top-1 accuracy must be 100%.
    @Test func everyFixtureCasePasses() throws {
        let runner = CaseRunner(engine: DiagnosisEngine(playbooks: Self.playbooks))
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
