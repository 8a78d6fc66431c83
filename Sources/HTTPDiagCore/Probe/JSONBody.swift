/// `--json DATA` with curl's semantics (7.82 and later): the data is the request body, sent
/// as is (like `--data-binary`), pieces given more than once are concatenated, the method
/// is POST unless `-X` says otherwise, and `Content-Type: application/json` and
/// `Accept: application/json` are sent unless a `-H` sets that header itself.
extension ProbeOptions {
    public mutating func setJSONBody(_ pieces: [[UInt8]]) {
        body = pieces.flatMap { $0 }
        for (name, value) in [("Content-Type", "application/json"), ("Accept", "application/json")] {
            let set = headers.contains { line in
                guard let colon = line.firstIndex(of: ":") else { return false }
                return String(line[..<colon]).trimmedSpaces().caseInsensitiveEquals(name)
            }
            if !set { headers.append("\(name): \(value)") }
        }
    }
}
