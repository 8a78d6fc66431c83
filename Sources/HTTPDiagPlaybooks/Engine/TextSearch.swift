import Foundation

extension String {
    /// `contains(_:)` as Foundation answers it (an empty needle is not contained; Unicode
    /// canonical equivalence), without Foundation's NSString bridging when both sides are
    /// ASCII, where a byte search gives the same answer. Playbook and hop-signature texts
    /// are matched against every probe of a fleet run: the bridged search was the largest
    /// cost of diagnosing a healthy response.
    /// `isASCII`: whether `self` is ASCII, when the caller knows (a body searched many times).
    func containsText(_ needle: String, isASCII: Bool? = nil) -> Bool {
        if needle.isEmpty { return false }
        if Self.isASCII(needle) && (isASCII ?? Self.isASCII(self)) {
            var haystack = self
            var needle = needle
            return haystack.withUTF8 { h in needle.withUTF8 { n in Self.find(n, in: h) } }
        }
        return contains(needle)
    }

    /// Naive byte search: the needles are short, the bodies a few kilobytes.
    static func find(_ n: UnsafeBufferPointer<UInt8>, in h: UnsafeBufferPointer<UInt8>) -> Bool {
        guard n.count <= h.count, let first = n.first else { return false }
        var i = 0
        let last = h.count - n.count
        while i <= last {
            if h[i] == first {
                var j = 1
                while j < n.count && h[i + j] == n[j] { j += 1 }
                if j == n.count { return true }
            }
            i += 1
        }
        return false
    }

    /// `find` with ASCII letters of `h` folded to lower case; `n` is already lower case.
    static func findIgnoringASCIICase(_ n: UnsafeBufferPointer<UInt8>, in h: UnsafeBufferPointer<UInt8>) -> Bool {
        guard n.count <= h.count, !n.isEmpty else { return n.isEmpty }
        var i = 0
        let last = h.count - n.count
        while i <= last {
            var j = 0
            while j < n.count && RequiredLiterals.lower(h[i + j]) == n[j] { j += 1 }
            if j == n.count { return true }
            i += 1
        }
        return false
    }

    /// One pass over the contiguous UTF-8 bytes, OR-ed together (the compiler vectorises
    /// it): `utf8.allSatisfy` cost about 1,200 instructions for a 20-byte needle, and a
    /// fleet probe asks it ~50 times.
    static func isASCII(_ s: String) -> Bool {
        var s = s
        return s.withUTF8 { bytes in
            var all: UInt8 = 0
            for b in bytes { all |= b }
            return all < 0x80
        }
    }
}
