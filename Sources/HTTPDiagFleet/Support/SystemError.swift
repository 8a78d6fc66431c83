import Foundation
import HTTPDiagCore

#if canImport(Glibc)
import Glibc
#endif

/// errno in words: "no space left on device (ENOSPC)", never "errno 28" or a Foundation
/// error's debug description.
public enum SystemError {
    static let names: [Int32: String] = [
        EPERM: "EPERM", ENOENT: "ENOENT", EINTR: "EINTR", EIO: "EIO", EBADF: "EBADF", EAGAIN: "EAGAIN", ENOMEM: "ENOMEM",
        EACCES: "EACCES", EBUSY: "EBUSY", EEXIST: "EEXIST", EXDEV: "EXDEV", ENOTDIR: "ENOTDIR", EISDIR: "EISDIR",
        EINVAL: "EINVAL", ENFILE: "ENFILE", EMFILE: "EMFILE", EFBIG: "EFBIG", ENOSPC: "ENOSPC", EROFS: "EROFS",
        EMLINK: "EMLINK", ENAMETOOLONG: "ENAMETOOLONG", ENOLCK: "ENOLCK", ELOOP: "ELOOP", EDQUOT: "EDQUOT",
        ENOTSUP: "ENOTSUP", ESTALE: "ESTALE", ETXTBSY: "ETXTBSY",
    ]

    /// "no space left on device (ENOSPC)".
    public static func words(_ code: Int32) -> String {
        var text = String(cString: strerror(code))
        if let first = text.first, text.dropFirst().first?.isLowercase ?? true { text = first.lowercased() + text.dropFirst() }
        return "\(text) (\(names[code] ?? "errno \(code)"))"
    }

    /// The errno behind a Foundation or POSIX error, in words; otherwise the error's own
    /// localized text, first line only.
    public static func describe(_ error: Error) -> String {
        if let posix = error as? POSIXError { return words(posix.code.rawValue) }
        let ns = error as NSError
        if ns.domain == NSPOSIXErrorDomain { return words(Int32(ns.code)) }
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return words(Int32(underlying.code))
        }
        if let e = error as? OutputError { return e.message }
        let text = ns.localizedDescription
        return text.split(separator: "\n").first.map(String.init) ?? text
    }

    /// `mkdir -p` with mkdir(2), so a failure names its errno ("not a directory (ENOTDIR)").
    public static func makeDirectories(_ path: String) throws(OutputError) {
        var st = stat()
        if stat(path, &st) == 0 {
            if (st.st_mode & S_IFMT) == S_IFDIR { return }
            throw OutputError("cannot create the directory \(path): \(words(ENOTDIR))")
        }
        let parent = (path as NSString).deletingLastPathComponent
        if !parent.isEmpty && parent != path { try makeDirectories(parent) }
        if mkdir(path, 0o755) != 0 && errno != EEXIST { throw OutputError("cannot create the directory \(path): \(words(errno))") }
    }

    /// The free bytes for an unprivileged writer on the file system holding `path`.
    public static func freeBytes(_ path: String) -> Int? {
        var s = statvfs()
        guard statvfs(path, &s) == 0 else { return nil }
        return Int(s.f_bavail) * Int(s.f_frsize)
    }

    public static func isReadOnlyFileSystem(_ path: String) -> Bool {
        var s = statvfs()
        guard statvfs(path, &s) == 0 else { return false }
        return (s.f_flag & UInt(ST_RDONLY)) != 0
    }

    /// The real path of `path` (symlinks resolved); for a file that does not exist yet,
    /// the real path of its directory plus its name.
    public static func realPath(_ path: String) -> String {
        if let r = realpath(path, nil) {
            defer { free(r) }
            return String(cString: r)
        }
        let ns = path as NSString
        let dir = ns.deletingLastPathComponent.isEmpty ? "." : ns.deletingLastPathComponent
        if let r = realpath(dir, nil) {
            defer { free(r) }
            return String(cString: r) + "/" + ns.lastPathComponent
        }
        return path
    }
}

/// Writes a file in 64 KiB chunks with write(2), so a failure carries its errno.
struct FileWriter {
    let fd: Int32
    var buffer: [UInt8] = []
    var closed = false

    init(path: String, mode: mode_t = 0o644, flags: Int32 = O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC) throws(OutputError) {
        fd = open(path, flags, mode)
        guard fd >= 0 else { throw OutputError(SystemError.words(errno)) }
        buffer.reserveCapacity(1 << 16)
    }

    /// Only redacted text is written (OutputBoundary).
    mutating func write(_ text: RedactedText) throws(OutputError) {
        buffer.append(contentsOf: text.text.utf8)
        if buffer.count >= 1 << 16 { try flush() }
    }

    mutating func flush() throws(OutputError) {
        var offset = 0
        while offset < buffer.count {
            let n = buffer.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                throw OutputError(SystemError.words(errno))
            }
            offset += n
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes, fsyncs and closes; throws what failed.
    mutating func finish(sync: Bool = true) throws(OutputError) {
        defer {
            close(fd)
            closed = true
        }
        try flush()
        if sync && fsync(fd) != 0 { throw OutputError(SystemError.words(errno)) }
    }

    mutating func abandon() {
        if !closed {
            close(fd)
            closed = true
        }
    }
}

/// Writes `text` to `path` through a temporary file beside it and a rename: a failure
/// removes the temporary file and says what failed in words.
func writeAtomically(_ text: RedactedText, to path: String, what: String) throws(OutputError) {
    let tmp = path + ".tmp.\(getpid())"
    var writer: FileWriter
    do { writer = try FileWriter(path: tmp) } catch { throw OutputError("\(what) \(path): cannot create \(tmp): \(error.message)") }
    do {
        try writer.write(text)
        try writer.finish()
    } catch {
        writer.abandon()
        unlink(tmp)
        throw OutputError("\(what) \(path): cannot write \(tmp): \(error.message)")
    }
    guard rename(tmp, path) == 0 else {
        let e = errno
        unlink(tmp)
        throw OutputError("\(what) \(path): cannot rename \(tmp) onto it: \(SystemError.words(e))")
    }
}
