import Foundation
import HTTPDiagCore
#if canImport(Glibc)
import Glibc
#endif

/// An exclusive lock beside the state file (`state.sqlite.lock`), so overlapping cron runs
/// never interleave. flock is released by the kernel when the holder dies, even by kill -9.
public final class RunLock {
    let fd: Int32
    public let path: String

    /// Waits up to `waitSeconds` for the lock; throws a clear error otherwise.
    public init(statePath: String, waitSeconds: Double) throws {
        path = statePath + ".lock"
        let dir = (path as NSString).deletingLastPathComponent
        if !dir.isEmpty { try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw RunLockError(message: "cannot open the lock file \(path): errno \(errno)") }
        let deadline = Date().addingTimeInterval(waitSeconds)
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else {
                close(fd)
                throw RunLockError(message: "cannot lock \(path): errno \(errno)")
            }
            if Date() >= deadline {
                let holder = (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "?"
                close(fd)
                throw RunLockError(message: "another httpdiag run (pid \(holder)) holds \(path); waited \(Format.fixed(waitSeconds, 1)) s (--wait-lock)")
            }
            usleep(100_000)
        }
        ftruncate(fd, 0)
        let pid = "\(getpid())\n"
        _ = pid.withCString { write(fd, $0, strlen($0)) }
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }
}

public struct RunLockError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
