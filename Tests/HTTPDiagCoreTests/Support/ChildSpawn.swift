import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The one way tests start a child process: posix_spawn (never Foundation's Process,
/// whose waitUntilExit was seen to hang when several children ended at once), stdin from
/// /dev/null, stdout and stderr into files, every signal unblocked and at its default (a
/// child spawned from a Dispatch worker would otherwise inherit its blocked mask, and
/// SIGTERM would stay pending forever), optionally in a process group of its own.
/// Returns the pid, or the posix_spawn error number.
func spawnChild(_ executable: String, _ argv: [String], environment: [String: String], stdout: String, stderr: String,
                fileMode: mode_t = 0o600, newProcessGroup: Bool = false) -> Result<pid_t, SpawnError> {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, fileMode)
    posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, fileMode)

    var attr = posix_spawnattr_t()
    posix_spawnattr_init(&attr)
    defer { posix_spawnattr_destroy(&attr) }
    var empty = sigset_t()
    sigemptyset(&empty)
    posix_spawnattr_setsigmask(&attr, &empty)
    var defaults = sigset_t()
    sigfillset(&defaults)
    sigdelset(&defaults, SIGKILL)
    sigdelset(&defaults, SIGSTOP)
    posix_spawnattr_setsigdefault(&attr, &defaults)
    var flags = POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF
    if newProcessGroup {
        posix_spawnattr_setpgroup(&attr, 0)
        flags |= POSIX_SPAWN_SETPGROUP
    }
    posix_spawnattr_setflags(&attr, Int16(flags))

    let cArgv: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
    let cEnv: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { cArgv.forEach { free($0) }; cEnv.forEach { free($0) } }
    var pid: pid_t = 0
    let rc = posix_spawn(&pid, executable, &actions, &attr, cArgv, cEnv)
    return rc == 0 ? .success(pid) : .failure(SpawnError(code: rc))
}

struct SpawnError: Error, CustomStringConvertible {
    var code: Int32
    var description: String { "posix_spawn: \(String(cString: strerror(code))) (\(code))" }
}
