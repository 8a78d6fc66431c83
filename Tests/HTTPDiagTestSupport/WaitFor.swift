import Foundation
import HTTPDiagCore

/// Runs `operation` as a task on the ProbeExecutor and blocks this thread until it is done.
///
/// For timed tests: the cooperative pool is shared with the synchronous tests of the whole
/// run, which block its threads for as long as their checks take, so a task resumed there
/// can wait seconds for a thread; the ProbeExecutor's threads never block.
public func waitFor<T: Sendable>(_ operation: @escaping @Sendable () async throws -> T) throws -> T {
    let box = WaitForResult<T>()
    let done = DispatchSemaphore(value: 0)
    Task(executorPreference: ProbeExecutor.shared) {
        do { box.result = .success(try await operation()) } catch { box.result = .failure(error) }
        done.signal()
    }
    done.wait()
    return try box.result!.get()
}

/// Written by the task before the signal, read after the wait.
private final class WaitForResult<T>: @unchecked Sendable { var result: Result<T, any Error>? }
