import Foundation
import HTTPDiagTestSupport
import Testing

@testable import HTTPDiagCore
@testable import HTTPDiagPlaybooks

@Suite("Playbooks and their fixtures")
struct PlaybookFixtureTests {
    static let library = (try? PlaybookLoader.loadLibrary(directories: [playbookDirectory])) ?? PlaybookLibrary(playbooks: [], hops: [])
    static var playbooks: [Playbook] { library.playbooks }

    @Test func everyPlaybookAndHopSignatureLoads() throws {
        let library = try PlaybookLoader.loadLibrary(directories: [playbookDirectory])
        #expect(library.hops.count >= 30)
        #expect(Set(library.hops.map(\.role)).isSuperset(of: ["cdn", "load-balancer", "proxy", "web-server", "app-server", "storage"]))
    }

    static let hopCases: [HopCase] = (try? HopCaseLoader.load(directories: [playbookDirectory])) ?? []

    /// Every hop signature's cases load, two or more per signature.
    @Test func everyHopSignatureHasCases() throws {
        let cases = try HopCaseLoader.load(directories: [playbookDirectory])
        #expect(cases.count >= 2 * Self.library.hops.count)
    }

    /// Each hop case on its own: the hop is found (and generated the response) or not.
    @Test(arguments: hopCases.map(NamedHopCase.init))
    func hopCase(_ c: NamedHopCase) {
        #expect(c.value.failure(signatures: Self.library.hops) == nil, "\(c.value.file):\(c.value.line ?? 0)")
    }

    /// ROOT_CAUSES.md is the contract: every id has a playbook, and no playbook invents one.
    @Test func everyRootCauseHasAPlaybook() throws {
        let catalog = try String(contentsOfFile: playbookDirectory + "/ROOT_CAUSES.md", encoding: .utf8)
        let ids = Set(
            catalog.split(separator: "\n").compactMap { line -> String? in
                guard line.hasPrefix("| "), let id = line.dropFirst(2).split(separator: " ").first, id != "id",
                    id.allSatisfy({ $0.isLowercase || $0 == "_" || $0.isNumber })
                else { return nil }
                return String(id)
            }
        )
        #expect(ids.count == 95)
        let have = Set(Self.playbooks.map(\.id))
        #expect(ids.subtracting(have).sorted() == [], "root causes without a playbook")
        #expect(have.subtracting(ids).sorted() == [], "playbooks whose id is not in ROOT_CAUSES.md")
    }

    static let runner = CaseRunner(engine: DiagnosisEngine(library: library))
    static let cases: [PlaybookCase] = (try? runner.loadCases(directory: playbookDirectory)) ?? []

    /// Every playbook has its cases (a top one and a near miss), and they load.
    @Test func everyPlaybookHasCases() throws {
        let cases = try Self.runner.loadCases(directory: playbookDirectory)
        #expect(cases.count >= 2 * Self.playbooks.count)
    }

    /// Each case of each playbook on its own, so a failure names it: top-1 must be 100%.
    @Test(arguments: cases.map(NamedPlaybookCase.init))
    func playbookCase(_ c: NamedPlaybookCase) {
        let r = Self.runner.run(c.value)
        #expect(r.passed, "\(c.value.file):\(c.value.line ?? 0) → top \(r.topID ?? "none"), ranked \(r.diagnosisIDs.prefix(4)) \(r.unmetConditions)")
    }
}

/// Cases named in the test report by their playbook and name.
struct NamedPlaybookCase: Sendable, CustomTestStringConvertible {
    let value: PlaybookCase
    var testDescription: String { "\(value.playbookID) [\(value.expect.rawValue)]: \(value.name)" }
}

struct NamedHopCase: Sendable, CustomTestStringConvertible {
    let value: HopCase
    var testDescription: String { "hop \(value.hop): \(value.name)" }
}
