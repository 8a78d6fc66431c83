import HTTPDiagCore

#if canImport(Glibc)
import Glibc
#endif

/// Where playbook files are. The default playbooks are compiled in (`BuiltinPlaybooks`):
/// diagnosing reads no file unless asked to. Files come from `$HTTPDIAG_PLAYBOOKS` (one
/// directory, or several separated by `:`) and `--playbooks DIR`, which add to and override
/// the built-in ones; `playbooks lint|test` and the lab also read the source directory
/// the built-in ones were generated from: `Playbooks/` next to the binary or in a parent
/// directory of it (the repository, for a binary in `.build/`), or
/// `../share/httpdiag/Playbooks` (an installed layout).
public enum PlaybookLocator {
    /// `$HTTPDIAG_PLAYBOOKS`, split on `:` (empty parts are dropped).
    public static func environmentDirectories(environment: [String: String] = ProcessEnvironment.current) -> [String] {
        (environment["HTTPDIAG_PLAYBOOKS"] ?? "").split(separator: ":").map(String.init)
    }

    /// The source directory of the built-in playbooks, if this binary can see one.
    public static func sourceDirectory() -> String? {
        var dir = executableDirectory()
        for _ in 0..<6 {
            for candidate in [dir + "/Playbooks", dir + "/share/httpdiag/Playbooks"] where isDirectory(candidate) {
                return candidate
            }
            guard let slash = dir.lastIndex(of: "/"), slash != dir.startIndex else { break }
            dir = String(dir[..<slash])
        }
        return nil
    }

    /// The directories of playbook files a binary sees by default: `$HTTPDIAG_PLAYBOOKS`
    /// and the source directory (what `playbooks lint` reads; a check reads neither unless
    /// through `PlaybookSource`).
    public static func defaultDirectories(environment: [String: String] = ProcessEnvironment.current) -> [String] {
        (sourceDirectory().map { [$0] } ?? []) + environmentDirectories(environment: environment)
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
