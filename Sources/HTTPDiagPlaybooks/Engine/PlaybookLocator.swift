import HTTPDiagCore

#if canImport(Glibc)
import Glibc
#endif

/// Where the playbooks are: `$HTTPDIAG_PLAYBOOKS`, then `Playbooks/` next to the binary
/// or in a parent directory of it (the repository, for a binary in `.build/`), then
/// `../share/httpdiag/Playbooks` (an installed layout).
public enum PlaybookLocator {
    public static func defaultDirectories(environment: [String: String] = ProcessInfo.processInfo.environment) -> [String] {
        if let env = environment["HTTPDIAG_PLAYBOOKS"], !env.isEmpty { return [env] }
        var dir = executableDirectory()
        for _ in 0..<6 {
            for candidate in [dir + "/Playbooks", dir + "/share/httpdiag/Playbooks"] where isDirectory(candidate) {
                return [candidate]
            }
            guard let slash = dir.lastIndex(of: "/"), slash != dir.startIndex else { break }
            dir = String(dir[..<slash])
        }
        return []
    }

    static func executableDirectory() -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard n > 0 else { return FileManager.default.currentDirectoryPath }
        let path = String(decoding: buffer[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return String(path[..<(path.lastIndex(of: "/") ?? path.endIndex)])
    }

    static func isDirectory(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }
}
