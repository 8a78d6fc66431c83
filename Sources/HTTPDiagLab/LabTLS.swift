import Dispatch
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// TLS certificates made by scripts/make-test-certs.sh (a CA, valid, expired, expiring,
/// wrong-host, self-signed and chain certificates, an mTLS client) into a new private
/// temporary directory (mode 0700, its own per instance): never reused from an earlier run,
/// so no certificate ages past its window between runs and no other user or run can swap
/// one. `remove()` deletes the directory (the lab at exit, the tests at exit).
public final class LabCertificates: Sendable {
    public let directory: String

    /// Runs `script DIR` (the repository's scripts/make-test-certs.sh) on a fresh directory.
    public init(script: String) throws {
        guard access(script, R_OK) == 0 else { throw LabError("\(script) not found (run from the repository)") }
        let tmp = getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array((tmp.hasSuffix("/") ? tmp : tmp + "/").utf8CString.dropLast()) + Array("httpdiag-certs-XXXXXX".utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw LabError("mkdtemp in \(tmp): errno \(errno)")
        }
        directory = String(cString: made)
        let log = directory + "/.make-test-certs.log"
        let status: Int32
        switch spawnChild("/bin/bash", ["/bin/bash", script, directory], environment: currentEnvironment(), stdout: log, stderr: log) {
        case .success(let pid):
            var s: Int32 = 0
            while waitpid(pid, &s, 0) < 0 && errno == EINTR {}
            status = s
        case .failure(let e):
            Self.removeTree(directory)
            throw LabError("\(script): \(e)")
        }
        guard status == 0 else {
            let output = LabFile.read(log) ?? ""
            Self.removeTree(directory)
            throw LabError("\(script) failed (wait status \(status)): \(output)")
        }
        unlink(log)
    }

    /// `DIR/name`.
    public func path(_ name: String) -> String { directory + "/" + name }

    /// Deletes the directory and the certificates and keys in it.
    public func remove() { Self.removeTree(directory) }

    static func removeTree(_ path: String) {
        if let dir = opendir(path) {
            while let entry = readdir(dir) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
                guard name != ".", name != ".." else { continue }
                let child = path + "/" + name
                if entry.pointee.d_type == UInt8(DT_DIR) { removeTree(child) } else { unlink(child) }
            }
            closedir(dir)
        }
        rmdir(path)
    }
}

/// One `openssl s_server -www` on 127.0.0.1 with a certificate of `LabCertificates`, on a
/// free port unless one is given; stopped by its pid when asked or when the value goes away.
public final class LabTLSServer: Sendable {
    public let port: Int
    private let process: LabProcess

    /// `cert` and `key` are file names in `certificates` (the key: the certificate's name
    /// with `.key`); `extra` are more s_server arguments as they are.
    ///
    /// Ready means this s_server owns the listener (LabPorts.isListening), not just that
    /// something accepts on the port: when another program takes a free port first, this
    /// s_server fails to bind and exits, and it is started again on another free port.
    public init(certificates: LabCertificates, cert: String, key: String? = nil, extra: [String] = [], port requested: Int = 0) throws {
        let keyName = key ?? (cert.hasSuffix(".pem") ? String(cert.dropLast(4)) : cert) + ".key"
        for attempt in 1...5 {
            let port = requested == 0 ? LabPorts.free() : requested
            let process = try LabProcess(
                "/usr/bin/openssl",
                [
                    "s_server", "-accept", "127.0.0.1:\(port)", "-cert", certificates.path(cert),
                    "-key", certificates.path(keyName), "-www", "-quiet",
                ] + extra
            )
            if Self.waitUntilOwned(port, by: process) {
                self.port = port
                self.process = process
                return
            }
            process.stop()
            if requested != 0 || attempt == 5 {
                throw LabError("openssl s_server (\(cert)) did not listen on 127.0.0.1:\(port)")
            }
        }
        preconditionFailure("unreachable")
    }

    /// True once `process` listens on `port` itself; false when it exits first or 5 s pass.
    private static func waitUntilOwned(_ port: Int, by process: LabProcess) -> Bool {
        for _ in 0..<250 {
            if LabPorts.isListening(port: port, pid: process.pid) { return true }
            if !process.isRunning { return false }
            usleep(20_000)
        }
        return false
    }

    /// `https://localhost:PORT/` (the certificates are for localhost).
    public var url: String { "https://localhost:\(port)/" }

    public func stop() { process.stop() }
}

/// The lab's TLS endpoints: certificates made fresh when the first endpoint starts (in a
/// private temporary directory, removed by `stop()`), one s_server per endpoint.
public final class LabTLS: Sendable {
    private let script: String
    private let state = Mutex<(certificates: LabCertificates?, servers: [LabTLSServer])>((nil, []))

    /// `repositoryRoot`: where scripts/make-test-certs.sh is.
    public init(repositoryRoot: String) {
        script = repositoryRoot + "/scripts/make-test-certs.sh"
    }

    /// The certificates, made on first use.
    public func certificates() throws -> LabCertificates {
        try state.withLock { state in
            if let c = state.certificates { return c }
            let c = try LabCertificates(script: script)
            state.certificates = c
            return c
        }
    }

    /// The path of a certificate or key file (`ca.pem`, `client.key`...).
    public func path(_ name: String) throws -> String { try certificates().path(name) }

    /// Starts s_server with `cert` (`valid`, `expired`...: the file names without `.pem`),
    /// `extra` arguments (those ending in `.pem` are certificate files), on `port` (0: a
    /// free one). Returns the port.
    public func start(cert: String, extra: [String], port: Int = 0) throws -> Int {
        let certs = try certificates()
        let server = try LabTLSServer(
            certificates: certs,
            cert: cert + ".pem",
            extra: extra.map { $0.hasSuffix(".pem") ? certs.path($0) : $0 },
            port: port
        )
        state.withLock { $0.servers.append(server) }
        return server.port
    }

    /// Stops every s_server and removes the certificates.
    public func stop() {
        let (certs, servers) = state.withLock { state in
            defer { state = (nil, []) }
            return (state.certificates, state.servers)
        }
        for s in servers { s.stop() }
        certs?.remove()
    }

    /// Until the sources are cancelled, SIGINT, SIGTERM and SIGHUP stop the s_servers and
    /// remove the certificates, then end the process with 128 + the signal, as the default
    /// action would (children get their signals back at their defaults: `spawnChild`).
    public func stopOnSignals() -> [DispatchSourceSignal] {
        [SIGINT, SIGTERM, SIGHUP].map { sig in
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { [self] in
                stop()
                exit(128 + sig)
            }
            source.resume()
            return source
        }
    }
}
