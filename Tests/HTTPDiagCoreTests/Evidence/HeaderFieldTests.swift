import Testing

@testable import HTTPDiagCore

@Suite("Header fields")
struct HeaderFieldTests {
    /// Names compare ignoring ASCII case, byte by byte; a non-ASCII name as lowercased() does.
    @Test(arguments: [
        ("Content-Type", "content-type", true), ("X-CACHE", "x-cache", true), ("Server", "Servers", false),
        ("a@b", "a`b", false), ("[x]", "{x}", false), ("Straße", "STRASSE", false), ("ÄB", "äb", true), ("", "", true),
    ])
    func namesCompareIgnoringCase(a: String, b: String, equal: Bool) {
        #expect(a.caseInsensitiveEquals(b) == equal)
        #expect(b.caseInsensitiveEquals(a) == equal)
    }

    @Test func allValuesOfANameInOrder() {
        let headers = [
            HeaderField(name: "Set-Cookie", value: "a"), HeaderField(name: "server", value: "x"), HeaderField(name: "SET-COOKIE", value: "b"),
        ]
        #expect(headers.all("set-cookie") == ["a", "b"])
        #expect(headers.all("Via").isEmpty)
    }
}
