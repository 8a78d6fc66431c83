import Dispatch
import Foundation
import HTTPDiagTestSupport
import Testing

@testable import HTTPDiagPlaybooks

@Suite("Regex cache")
struct RegexCacheTests {
    /// Past its limit a thread's cache starts again instead of growing without end.
    @Test func isBounded() {
        for i in 0..<(RegexCache.limit + 50) { _ = RegexCache.matches("pattern-\(i)-[0-9]+", "pattern-\(i)-42") }
        #expect(RegexCache.cachedOnThisThread <= RegexCache.limit)
        #expect(RegexCache.matches("^still (works)$", "STILL WORKS"))
    }

    /// Threads match at the same time, each with its own compiled copy, and agree.
    @Test func concurrentMatchesAgree() {
        let patterns = ["^nginx", "upstream (timed out|connect error)", "<Code>(NoSuchKey|AccessDenied)</Code>", "(", "\\d{3}"]
        let texts = ["nginx/1.22.1", "upstream timed out", "<Error><Code>NoSuchKey</Code></Error>", "nothing", "503"]
        let expected = patterns.map { p in texts.map { RegexCache.matches(p, $0) } }
        final class Box: @unchecked Sendable {
            var disagreements = 0
            let lock = NSLock()
        }
        let box = Box()
        DispatchQueue.concurrentPerform(iterations: 16) { _ in
            for _ in 0..<50 {
                let got = patterns.map { p in texts.map { RegexCache.matches(p, $0) } }
                if got != expected { box.lock.withLock { box.disagreements += 1 } }
            }
        }
        #expect(box.disagreements == 0)
        #expect(expected[3] == [false, false, false, false, false], "an invalid pattern never matches")
        #expect(expected[0][0] && expected[1][1] && expected[2][2] && expected[4][4])
    }
}
