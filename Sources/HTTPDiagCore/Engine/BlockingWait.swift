import Foundation
import Synchronization

/// The synchronous surface over the async engine: runs an operation as a task whose jobs
/// run on the calling thread itself, which blocks until the operation is done.
///
/// The caller drives its own check (like a run loop): no pool is needed, so none can be
/// exhausted by callers that block (many threads calling `Prober.check` at once, or a
/// caller on a cooperative thread). Child tasks (the probes of a fanned-out check) inherit
/// the preference and interleave on this thread; they spend their time suspended on the
/// curl loop anyway.
enum BlockingWait {
    static func run<T: Sendable>(_ operation: @escaping @Sendable () async throws -> T) throws -> T {
        let executor = CallerThreadExecutor()
        let box = Box<T>()
        Task(executorPreference: executor) {
            do { box.result = .success(try await operation()) } catch { box.result = .failure(error) }
            executor.finish()
        }
        executor.drive()
        return try box.result!.get()
    }

    /// Written by the task before `finish`, read by the caller after `drive` returns.
    private final class Box<T>: @unchecked Sendable { var result: Result<T, any Error>? }
}

/// Runs the jobs of one blocked caller's task on that caller's thread, until `finish`.
/// A job that arrives after the caller has left (none should) runs on the ProbeExecutor.
final class CallerThreadExecutor: TaskExecutor, @unchecked Sendable {
    private struct State {
        var jobs = JobQueue()
        var finished = false
        var left = false
    }
    private let state = Mutex(State())
    private let ready = DispatchSemaphore(value: 0)

    func enqueue(_ job: consuming ExecutorJob) {
        let unowned = UnownedJob(job)
        let leftAlready = state.withLock { s -> Bool in
            if s.left { return true }
            s.jobs.push(unowned)
            return false
        }
        if leftAlready {
            ProbeExecutor.shared.enqueueUnowned(unowned)
        } else {
            ready.signal()
        }
    }

    func finish() {
        state.withLock { $0.finished = true }
        ready.signal()
    }

    /// Runs jobs as they come until the operation has finished.
    func drive() {
        while true {
            ready.wait()
            let (job, done) = state.withLock { s -> (UnownedJob?, Bool) in
                if let job = s.jobs.pop() { return (job, false) }
                if s.finished {
                    s.left = true
                    return (nil, true)
                }
                return (nil, false)
            }
            if let job { job.runSynchronously(on: asUnownedTaskExecutor()) }
            if done { return }
        }
    }
}
