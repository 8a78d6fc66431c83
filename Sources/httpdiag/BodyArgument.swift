import HTTPDiagCore

/// `-d` / `--data-binary` values: literal text, or `@FILE` (`@-` is stdin).
enum BodyArgument {
    static let limit = 64 * 1024 * 1024

    static func read(_ value: String, flag: String) throws -> [UInt8] {
        guard value.hasPrefix("@") else { return Array(value.utf8) }
        let path = String(value.dropFirst())
        if path == "-" { return readStandardInput() }
        guard let attrs = try? FileManager.default.attributesOfItem(atPath: path) else {
            throw InputError("\(flag) @\(path): file not found or not readable")
        }
        if (attrs[.type] as? FileAttributeType) == .typeDirectory { throw InputError("\(flag) @\(path): is a directory") }
        if let size = attrs[.size] as? Int, size > limit { throw InputError("\(flag) @\(path): larger than 64 MiB") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError("\(flag) @\(path): file not found or not readable")
        }
        return Array(data)
    }

    static func readStandardInput() -> [UInt8] {
        var bytes: [UInt8] = []
        while let line = readLine(strippingNewline: false), bytes.count < limit { bytes += Array(line.utf8) }
        return bytes
    }
}

/// `-F name=value`, `-F name=@file;type=text/plain;filename=x`.
enum FormArgument {
    static func parse(_ text: String) throws -> MultipartField {
        guard let eq = text.firstIndex(of: "="), eq != text.startIndex else {
            throw InputError("-F '\(text)': expected name=value or name=@file")
        }
        let name = String(text[..<eq])
        var rest = String(text[text.index(after: eq)...])
        var type: String?, filename: String?
        if rest.hasPrefix("@") {
            var params = rest.dropFirst().split(separator: ";").map(String.init)
            let path = params.isEmpty ? "" : params.removeFirst()
            for p in params {
                if p.hasPrefix("type=") { type = String(p.dropFirst(5)) }
                if p.hasPrefix("filename=") { filename = String(p.dropFirst(9)) }
            }
            guard FileManager.default.isReadableFile(atPath: path) else {
                throw InputError("-F \(name)=@\(path): file not found or not readable")
            }
            return MultipartField(name: name, content: .file(path), contentType: type, filename: filename)
        }
        if let semi = rest.firstIndex(of: ";"), rest[semi...].hasPrefix(";type=") {
            type = String(rest[rest.index(semi, offsetBy: 6)...])
            rest = String(rest[..<semi])
        }
        return MultipartField(name: name, content: .text(rest), contentType: type)
    }
}
