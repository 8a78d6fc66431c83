import Foundation
import HTTPDiagTestSupport

/// The `{{bytes:N}}` and `{{file:N}}` placeholders of a case's flags (a large header value,
/// an upload body file), and the port.
struct RealServerLabRequestFiles {
    let dir = NSTemporaryDirectory() + "httpdiag-lab-request-" + UUID().uuidString

    init() throws {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    func expand(_ flag: String, port: Int) -> String {
        var text = flag.replacingOccurrences(of: "{{port}}", with: String(port))
        while let open = text.range(of: "{{bytes:"), let close = text.range(of: "}}", range: open.upperBound..<text.endIndex),
            let n = Int(text[open.upperBound..<close.lowerBound])
        {
            text.replaceSubrange(open.lowerBound..<close.upperBound, with: String(repeating: "a", count: n))
        }
        while let open = text.range(of: "{{file:"), let close = text.range(of: "}}", range: open.upperBound..<text.endIndex),
            let n = Int(text[open.upperBound..<close.lowerBound])
        {
            let path = dir + "/body-\(n).bin"
            _ = FileManager.default.createFile(atPath: path, contents: Data(repeating: UInt8(ascii: "a"), count: n))
            text.replaceSubrange(open.lowerBound..<close.upperBound, with: path)
        }
        return text
    }

    func remove() { try? FileManager.default.removeItem(atPath: dir) }
}
