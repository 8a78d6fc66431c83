import Foundation
import HTTPDiagTestSupport
import Testing

@testable import HTTPDiagCore
@testable import HTTPDiagPlaybooks

@Suite("Evidence facts")
struct FactsTests {
    /// The hand-built request part equals the JSON output's encoding of it.
    @Test func requestPartMatchesTheJSONEncoding() {
        let example = FieldCatalog.example
        #expect(ProbeFacts.request(example.request) == ProbeFacts.encode(example.request))
        var bare = example.request
        bare.body = nil
        bare.token = nil
        bare.proxy = nil
        #expect(ProbeFacts.request(bare) == ProbeFacts.encode(bare))
    }

    @Test func pathsFanOutOverArrays() {
        let facts = ProbeFacts(FieldCatalog.example)
        #expect(facts.values("response.status") == [.number(200)])
        #expect(facts.values("tls.chain[].sans[]") == [.string("DNS:x")])
        #expect(facts.values("dns.cname_chain[].target") == [.string("t")])
        #expect(facts.values("request.headers[].name") == [.string("n")])
        #expect(facts.values("address") == [.string("a")])
        #expect(facts.values("nothing.here").isEmpty)
        #expect(facts.tree != .null)
    }
}
