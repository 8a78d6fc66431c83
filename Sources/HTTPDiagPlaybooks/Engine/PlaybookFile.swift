import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Reading a playbook, hop signature, case or corpus file: the bytes, or an error that
/// names the file and says why in the system's words ("cannot read the file: Too many open
/// files"), not only that it failed.
enum PlaybookFile {
    static func read(_ path: String) throws -> Data {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw failure(path, errno) }
        defer { close(fd) }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n == 0 { return data }
            if n < 0 {
                if errno == EINTR { continue }
                throw failure(path, errno)
            }
            data.append(contentsOf: buffer[0..<n])
        }
    }

    private static func failure(_ path: String, _ code: Int32) -> PlaybookError {
        PlaybookError(file: path, line: nil, message: "cannot read the file: \(String(cString: strerror(code)))")
    }
}
