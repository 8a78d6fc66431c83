/// Small trimming helpers that do not need Foundation's CharacterSet.
extension String {
    public func trimmingTrailingNewline() -> String {
        // ASCII line ends (CR, LF: what header lines end with), on the bytes.
        let u = utf8
        var end = u.endIndex
        while end > u.startIndex, case let b = u[u.index(before: end)], (0x0A...0x0D).contains(b) { end = u.index(before: end) }
        if end > u.startIndex, u[u.index(before: end)] >= 0x80 { return String(self[..<end]).trimmingTrailingNewlineByCharacter() }
        return end == u.endIndex ? self : String(self[..<end])
    }

    private func trimmingTrailingNewlineByCharacter() -> String {
        var s = Substring(self)
        while let last = s.last, last.isNewline { s = s.dropLast() }
        return String(s)
    }

    public func trimmedSpaces() -> String {
        // ASCII ends (nearly always): trimmed on the bytes, without grapheme breaking.
        let u = utf8
        if let f = u.first, let l = u.last, f < 0x80, l < 0x80 {
            let space = { (b: UInt8) in b == 0x20 || b == 0x09 }
            let trailing = { (b: UInt8) in b == 0x20 || b == 0x09 || (0x0A...0x0D).contains(b) }
            if !space(f) && !trailing(l) { return self }
            var start = u.startIndex
            var end = u.endIndex
            while start < end, space(u[start]) { start = u.index(after: start) }
            // A combining mark after a leading space makes one Character of them: not a space.
            if start > u.startIndex, start < end, u[start] >= 0x80 { return trimmedSpacesByCharacter() }
            while end > start, case let b = u[u.index(before: end)], b < 0x80, trailing(b) { end = u.index(before: end) }
            // A non-ASCII byte at the end of what is left: the Character rules decide the rest.
            if end > start, u[u.index(before: end)] >= 0x80 { return String(self[start..<end]).trimmedSpacesByCharacter() }
            return String(self[start..<end])
        }
        return trimmedSpacesByCharacter()
    }

    private func trimmedSpacesByCharacter() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" || l.isNewline { s = s.dropLast() }
        return String(s)
    }
}
