#if canImport(Glibc)
import Glibc
#endif

/// A small text file read whole with stdio (a log, a /proc table), without Foundation.
enum LabFile {
    /// Nil when it cannot be opened.
    static func read(_ path: String) -> String? {
        guard let f = fopen(path, "r") else { return nil }
        defer { fclose(f) }
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16384)
        while true {
            let n = fread(&buffer, 1, buffer.count, f)
            if n <= 0 { break }
            out += buffer[0..<n]
        }
        return String(decoding: out, as: UTF8.self)
    }
}
