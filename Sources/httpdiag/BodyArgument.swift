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
        var type: String?
        var filename: String?
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

/// `-H` values: `Name: value`, or `@FILE` (`@-` is stdin) holding one header per line, as
/// curl reads it (lines end with LF or CRLF; empty lines are skipped), so that a token need
/// not be on the command line. A bad line is named by its number, never quoted: it may
/// hold a secret.
enum HeaderArgument {
    static let limit = 1024 * 1024

    static func expand(_ values: [String]) throws -> [String] {
        try values.flatMap { value -> [String] in
            guard value.hasPrefix("@") else { return [value] }
            let path = String(value.dropFirst())
            let bytes: [UInt8]
            if path == "-" {
                bytes = BodyArgument.readStandardInput()
            } else {
                guard let attrs = try? FileManager.default.attributesOfItem(atPath: path),
                    (attrs[.type] as? FileAttributeType) != .typeDirectory,
                    let data = FileManager.default.contents(atPath: path)
                else {
                    throw InputError("-H @\(path): file not found or not readable")
                }
                if data.count > limit { throw InputError("-H @\(path): larger than 1 MiB") }
                bytes = Array(data)
            }
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw InputError("-H @\(path): not UTF-8 text")
            }
            var headers: [String] = []
            // "\r\n" is one Character in Swift: split on all three line ends, as curl's strtok does.
            let lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
            for (number, line) in lines.enumerated() {
                let header = String(line)
                if header.isEmpty { continue }
                guard let colon = header.firstIndex(of: ":"), colon != header.startIndex,
                    !header[..<colon].contains(where: { $0 == " " || $0 == "\t" })
                else {
                    throw InputError("-H @\(path): line \(number + 1): expected 'Name: value'")
                }
                if header.contains("\0") {
                    throw InputError("-H @\(path): line \(number + 1): header contains a NUL byte")
                }
                headers.append(header)
            }
            return headers
        }
    }
}
