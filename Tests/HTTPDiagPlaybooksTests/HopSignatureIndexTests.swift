import Foundation
import HTTPDiagTestSupport
import Testing

@testable import HTTPDiagCore
@testable import HTTPDiagPlaybooks

/// The index only skips signatures that cannot match: the hops found with it are the hops
/// found by evaluating every signature, on every hop case and every playbook fixture.
@Suite struct HopSignatureIndexTests {
    static let library = (try? PlaybookLoader.loadLibrary(directories: [playbookDirectory])) ?? PlaybookLibrary(playbooks: [], hops: [])

    static func fixtureProbes() throws -> [(String, ProbeResult)] {
        var probes = try HopCaseLoader.load(directories: [playbookDirectory]).map { ("\($0.file):\($0.line ?? 0)", $0.probe) }
        for file in try FileManager.default.contentsOfDirectory(atPath: playbookDirectory).sorted() where file.hasSuffix(".cases.yaml") {
            let id = String(file.dropLast(".cases.yaml".count))
            for c in try CaseLoader.load(file: playbookDirectory + "/" + file, playbookID: id, baseDirectory: playbookDirectory) {
                probes += c.probes.map { ("\(file): \(c.name)", $0) }
            }
        }
        return probes
    }

    @Test func theIndexFindsWhatEvaluatingEverySignatureFinds() throws {
        let hops = Self.library.hops
        let index = HopSignatureIndex(hops)
        let reference = HopSignatureIndex.evaluatingAll(hops)
        let probes = try Self.fixtureProbes()
        #expect(hops.count > 60 && probes.count > 500)
        var found = 0
        for (name, probe) in probes {
            let indexed = HopFingerprinter.hops(of: probe, index: index)
            #expect(indexed == HopFingerprinter.hops(of: probe, index: reference), "\(name)")
            found += indexed.filter { $0.name != "origin" }.count
        }
        #expect(found > 300)  // the fixtures do name hops: the comparison is not of empty lists
    }

    @Test func aSignatureIsSkippedOnlyWhenNoneOfItsSignalsCanBePresent() throws {
        let hops = Self.library.hops
        let index = HopSignatureIndex(hops)
        let none = index.candidates(headers: [], body: "", hasCNAMEs: false)
        // With no header, no body and no CNAME, only a body regex without a required
        // literal could still match.
        for (i, h) in hops.enumerated() {
            let open = h.signals.contains {
                if case .bodyMatches(let p) = $0 { return RequiredLiterals.of(p) == nil }
                return false
            }
            #expect(none[i] == open, "\(h.name)")
        }
        let server = index.candidates(headers: [HeaderField(name: "SERVER", value: "x")], body: "", hasCNAMEs: false)
        #expect(hops.indices.contains { server[$0] && !none[$0] })  // a header name matches in any case
        let cnames = index.candidates(headers: [], body: "", hasCNAMEs: true)
        #expect(hops.indices.contains { cnames[$0] && !none[$0] })
        // A body with a signature's required literal makes it a candidate.
        let akamai = try #require(hops.firstIndex { $0.name == "akamai" })
        #expect(!none[akamai])
        #expect(index.candidates(headers: [], body: "Reference #18.2f58", hasCNAMEs: false)[akamai])
    }

    /// An empty body text (it never matches) does not hide the signature's other texts.
    @Test func anEmptyBodyTextDoesNotHideALongerOne() throws {
        let signature = HopSignature(
            name: "x",
            title: "X",
            role: "proxy",
            order: 1,
            signals: [.bodyContains(""), .bodyContains("Powered by X-Proxy")],
            generatedSignals: [],
            upstreamReasons: [],
            source: [],
            file: "x.yaml"
        )
        let index = HopSignatureIndex([signature])
        #expect(index.candidates(headers: [], body: "<p>Powered by X-Proxy</p>", hasCNAMEs: false) == [true])
        #expect(index.candidates(headers: [], body: "short", hasCNAMEs: false) == [false])
        var probe = FieldCatalog.example
        try #require(probe.response != nil)
        probe.response?.body = "<p>Powered by X-Proxy</p>"
        probe.response?.headers = []
        #expect(HopFingerprinter.hops(of: probe, index: index).map(\.name).contains("x"))
    }
}
