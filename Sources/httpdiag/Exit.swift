import ArgumentParser
import HTTPDiagCore

/// The commands end through these, never with a literal code: `ExitStatus` (HTTPDiagCore)
/// is the one place where codes are decided.
extension ExitCode {
    /// The code of a verdict (0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN).
    init(_ verdict: Verdict) { self.init(ExitStatus.of(verdict)) }
}

extension Verdict {
    /// Ends the command with this verdict's code unless it is OK.
    func exitUnlessOK() throws {
        if self != .ok { throw ExitCode(self) }
    }
}
