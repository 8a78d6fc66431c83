import Foundation
import HTTPDiagCore

#if canImport(Glibc)
import Glibc
#endif

/// An exclusive lock beside the state file (`state.sqlite.lock`), so overlapping cron runs
/// never interleave. flock is released by the kernel when the holder dies, even by kill -9.
/// The lock is keyed on the state file's real path: `--state alias.sqlite`, a symlink to
/// `real/state.sqlite`, takes `real/state.sqlite.lock`, the same lock as the file itself.
public final class RunLock {
    let fd: Int32
    public let path: String
    /// The state file's real path (symlinks resolved): open the store here.
    public let statePath: String

    /// Waits up to `waitSeconds` for the lock; throws a clear error otherwise.
    public init(statePath given: String, waitSeconds: Double) throws {
        let dir = (given as NSString).deletingLastPathComponent
        if !dir.isEmpty && !FileManager.default.fileExists(atPath: dir) {
            do { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) } catch {
                throw FleetError.lockFailed("cannot create the state directory \(dir): \(SystemError.describe(error))")
            }
        }
        statePath = SystemError.realPath(given)
        path = statePath + ".lock"
        var fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        let openErrno = errno
        if fd < 0 && (openErrno == EROFS || openErrno == EACCES) {
            // flock works on a descriptor opened read-only: an existing lock file on a
            // read-only file system still locks (the state check then says what is wrong).
            fd = open(path, O_RDONLY | O_CLOEXEC)
        }
        guard fd >= 0 else {
            throw FleetError.lockFailed(
                "cannot open the lock file \(path): \(SystemError.words(openErrno))"
                    + (openErrno == EROFS || openErrno == EACCES ? "; the state's directory must be writable (--state elsewhere, or --no-state)" : "")
            )
        }
        self.fd = fd
        let deadline = Date().addingTimeInterval(waitSeconds)
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let e = errno
            guard e == EWOULDBLOCK || e == EINTR else {
                close(fd)
                throw FleetError.lockFailed("cannot lock \(path): \(SystemError.words(e))")
            }
            if let sig = Interruption.signal {
                close(fd)
                throw FleetError.interrupted(signal: sig, message: "interrupted by \(Interruption.name(sig)) while waiting for \(path)")
            }
            if Date() >= deadline {
                let holder = (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "?"
                close(fd)
                throw FleetError.locked(
                    "another httpdiag run (pid \(holder.isEmpty ? "?" : holder)) holds \(path)"
                        + (path != given + ".lock" ? " (the lock of \(given))" : "")
                        + "; waited \(Format.fixed(waitSeconds, 1)) s (--wait-lock)"
                )
            }
            usleep(100_000)
        }
        ftruncate(fd, 0)
        let pid = "\(getpid())\n"
        _ = pid.withCString { write(fd, $0, strlen($0)) }
    }

    /// Releases the lock before the process ends (webhooks are delivered after it).
    public func release() {
        guard !released else { return }
        released = true
        flock(fd, LOCK_UN)
        close(fd)
    }
    var released = false

    deinit { release() }
}
