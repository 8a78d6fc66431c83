import Testing

@testable import HTTPDiagCore

/// Header lines as libcurl hands them over, one callback per line.
@Suite struct TransferSinkTests {
    private static func fields(_ lines: [String]) -> (TransferSink.StatusLine?, [HeaderField]) {
        let sink = TransferSink(captureLimit: 1024, maxDownload: 1024)
        for line in lines {
            var bytes = Array(line.utf8).map { CChar(bitPattern: $0) }
            _ = bytes.withUnsafeMutableBufferPointer { sink.header($0.baseAddress!, $0.count) }
        }
        return (sink.statusLine, sink.headers)
    }

    @Test func namesAndValuesAreCutAtTheFirstColonAndValuesTrimmed() {
        let (status, headers) = Self.fields([
            "HTTP/1.1 200 OK\r\n", "Content-Type: text/plain\r\n", "X-Plain:value\r\n", "X-Spaced: \t padded \t\r\n",
            "X-Colons: a:b:c\r\n", "X-Empty:\r\n", ": no name\r\n", "NoColon\r\n", "X-Inner: a\rb\r\n", "X-LF-Only: v\n",
            "X-Unicode: caf\u{E9} \r\n", " folded part\r\n", "\r\n",
        ])
        #expect(status?.status == 200 && status?.reason == "OK")
        #expect(
            headers == [
                HeaderField(name: "Content-Type", value: "text/plain"), HeaderField(name: "X-Plain", value: "value"),
                HeaderField(name: "X-Spaced", value: "padded"), HeaderField(name: "X-Colons", value: "a:b:c"),
                HeaderField(name: "X-Empty", value: ""), HeaderField(name: "", value: "no name"), HeaderField(name: "NoColon", value: ""),
                HeaderField(name: "X-Inner", value: "a\rb"), HeaderField(name: "X-LF-Only", value: "v"),
                HeaderField(name: "X-Unicode", value: "caf\u{E9} folded part"),
            ]
        )
    }

    @Test func aNewStatusLineStartsANewHeaderBlock() {
        let (status, headers) = Self.fields(["HTTP/1.1 100 Continue\r\n", "X-Early: 1\r\n", "\r\n", "HTTP/1.1 404 Not Found\r\n", "X-Late: 2\r\n"])
        #expect(status?.status == 404)
        #expect(headers == [HeaderField(name: "X-Late", value: "2")])
    }
}
