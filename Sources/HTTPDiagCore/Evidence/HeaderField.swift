/// One header line, in wire order; duplicates are kept as separate fields.
public struct HeaderField: Codable, Sendable, Equatable {
    public var name: String
    public var value: String
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

extension Array where Element == HeaderField {
    /// The first value of a header, by case-insensitive name.
    public func first(_ name: String) -> String? {
        first { $0.name.caseInsensitiveEquals(name) }?.value
    }
    /// Every value of a header, in order.
    public func all(_ name: String) -> [String] {
        filter { $0.name.caseInsensitiveEquals(name) }.map(\.value)
    }
}

extension String {
    /// ASCII letters compared byte by byte without allocating (header names are ASCII);
    /// anything else through `lowercased()`.
    public func caseInsensitiveEquals(_ other: String) -> Bool {
        guard utf8.count == other.utf8.count else { return false }
        var ascii = true
        let equal = utf8.elementsEqual(other.utf8) { a, b in
            if a >= 0x80 || b >= 0x80 { ascii = false }
            return a == b || (a | 0x20 == b | 0x20 && (a | 0x20) >= 0x61 && (a | 0x20) <= 0x7A)
        }
        return ascii ? equal : lowercased() == other.lowercased()
    }
}
