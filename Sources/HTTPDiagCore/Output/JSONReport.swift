/// `--format json`: the versioned document described in docs/json-output.md.
public enum JSONReport {
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    public static func render(_ report: CheckReport) throws -> String {
        String(decoding: try encoder().encode(report), as: UTF8.self)
    }
}
