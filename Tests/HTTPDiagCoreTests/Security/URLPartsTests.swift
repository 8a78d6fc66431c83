import Testing

@testable import HTTPDiagCore

/// URLParts splits on the bytes of its ASCII delimiters; these are the splits the Character
/// version made.
@Suite("URLParts")
struct URLPartsTests {
    @Test func splitsAnAbsoluteURL() {
        let p = URLParts("https://user:pw@host.example:8443/a/b?x=1&token=abc&&flag#frag")
        #expect(p.scheme == "https")
        #expect(p.user == "user")
        #expect(p.password == "pw")
        #expect(p.hostPort == "host.example:8443")
        #expect(p.path == "/a/b")
        #expect(p.query == "x=1&token=abc&&flag")
        #expect(p.fragment == "frag")
        #expect(p.queryItems.map { "\($0.0)=\($0.1)" } == ["x=1", "token=abc", "flag="])
    }

    @Test func theLastAtSignEndsTheUserinfo() {
        let p = URLParts("http://a@b:c@d/")
        #expect(p.user == "a@b")
        #expect(p.password == "c")
        #expect(p.hostPort == "d")
    }

    @Test func nonASCIIAroundTheDelimiters() {
        let p = URLParts("http://hôte.example/é?ü=ö#ß")
        #expect(p.hostPort == "hôte.example")
        #expect(p.path == "/é")
        #expect(p.queryItems.map { "\($0.0)=\($0.1)" } == ["ü=ö"])
        #expect(p.fragment == "ß")
    }

    @Test func redactsSecretQueryValuesKeepingEmptyPairs() {
        let p = URLParts("http://h/p?a=1&&token=secret&b")
        #expect(p.redacted() == "http://h/p?a=1&&token=\(Redactor.marker(6))&b")
    }

    @Test func noSchemeSeparator() {
        let p = URLParts("host/path?q")
        #expect(p.scheme == "")
        #expect(p.hostPort == "host")
        #expect(p.path == "/path")
        #expect(p.query == "q")
    }
}

/// The request headers the evidence shows: the last block libcurl sent, split on the bytes
/// as `components(separatedBy: "\r\n\r\n")` and `split(separator: "\r\n")` split it.
@Suite("Sent header blocks")
struct SentHeaderBlockTests {
    static func byFoundationRules(_ sent: String) -> [String] {
        let blocks = sent.split(separator: "\r\n\r\n", omittingEmptySubsequences: false).map(String.init)
        let block = blocks.filter { !$0.isEmpty }.last ?? sent
        return block.split(separator: "\r\n").map(String.init)
    }

    @Test(arguments: [
        "GET / HTTP/1.1\r\nHost: h\r\nAccept: */*\r\n\r\n",
        "POST / HTTP/1.1\r\nExpect: 100-continue\r\n\r\nPOST / HTTP/1.1\r\nHost: h\r\n\r\n",
        "A\r\n\r\n\r\nB",
        "no terminator\r\nX: y",
        "\r\n\r\n",
        "",
        "GET / HTTP/1.1\r\nX: é\r\n\r\n\r\n\r\n",
    ])
    func lastBlockLines(sent: String) {
        #expect(SentHeaderBlock.lastLines(sent).map(String.init) == Self.byFoundationRules(sent))
    }
}
