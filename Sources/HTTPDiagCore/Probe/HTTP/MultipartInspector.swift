/// Facts about a multipart request that playbooks use (a boundary set by hand, or none).
enum MultipartInspector {
    /// The boundary parameter of a multipart Content-Type; "" when the type is multipart
    /// but has no boundary; nil when the type is not multipart.
    static func boundary(_ contentType: String?) -> String? {
        guard let ct = contentType, ct.lowercased().hasPrefix("multipart/") else { return nil }
        for param in ct.split(separator: ";").dropFirst() {
            let kv = param.split(separator: "=", maxSplits: 1)
            if kv.count == 2, String(kv[0]).trimmedSpaces().lowercased() == "boundary" {
                return String(kv[1]).trimmedSpaces().trimmingCharacters(quote: "\"")
            }
        }
        return ""
    }

    static func describe(_ field: MultipartField) -> MultipartPart {
        switch field.content {
        case .text(let text):
            return MultipartPart(name: field.name, filename: field.filename, contentType: field.contentType, size: text.utf8.count)
        case .file(let path):
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
            return MultipartPart(
                name: field.name,
                filename: field.filename ?? path.split(separator: "/").last.map(String.init),
                contentType: field.contentType,
                size: size
            )
        }
    }
}

extension String {
    func trimmingCharacters(quote: Character) -> String {
        var s = Substring(self)
        if s.first == quote { s = s.dropFirst() }
        if s.last == quote { s = s.dropLast() }
        return String(s)
    }
}
