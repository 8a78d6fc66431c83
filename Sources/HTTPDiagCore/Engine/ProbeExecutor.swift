import Foundation
import Synchronization

/// Where the engine's asynchronous work runs (a fleet run's probes): a fixed pool of
/// threads, one per core (at least two), created once per process, as a task executor.
///
/// Not the default cooperative pool, on purpose: the synchronous surface
/// (`FleetRunner.run`, `FleetStream.next`) blocks its caller until probes finish, and a
/// caller on a cooperative thread (Swift Testing runs tests there, two at a time on two
/// cores) would wait for work that needs the very threads it blocks. Nothing that blocks
/// runs here: transfers wait on the curl loop, and the system resolver and the raw-socket
/// follow-ups go to a thread of their own (BlockingCall). What runs here is the CPU work
/// between hops: classification, diagnosis, reports.
public final class ProbeExecutor: TaskExecutor, @unchecked Sendable {
    public static let shared = ProbeExecutor(threads: max(2, ProcessInfo.processInfo.activeProcessorCount))

    private let jobs = Mutex(JobQueue())
    private let ready = DispatchSemaphore(value: 0)

    private init(threads: Int) {
        for i in 0..<threads {
            let thread = Thread { [unowned self] in self.work() }
            thread.name = "httpdiag-probe-\(i)"
            thread.stackSize = 1 << 20
            thread.start()
        }
    }

    public func enqueue(_ job: consuming ExecutorJob) { enqueueUnowned(UnownedJob(job)) }

    func enqueueUnowned(_ job: UnownedJob) {
        jobs.withLock { $0.push(job) }
        ready.signal()
    }

    private func work() {
        while true {
            ready.wait()  // one signal per job
            if let job = jobs.withLock({ $0.pop() }) {
                job.runSynchronously(on: asUnownedTaskExecutor())
            }
        }
    }
}

/// First in, first out, without moving the waiting jobs on every take (`removeFirst` on an
/// array did: hundreds of jobs wait at a fleet run's concurrency).
struct JobQueue {
    private var items: [UnownedJob?] = []
    private var head = 0

    mutating func push(_ job: UnownedJob) { items.append(job) }

    mutating func pop() -> UnownedJob? {
        guard head < items.count else { return nil }
        let job = items[head]
        items[head] = nil
        head += 1
        if head == items.count {
            items.removeAll(keepingCapacity: true)
            head = 0
        } else if head >= 1024 && head * 2 >= items.count {
            items.removeFirst(head)
            head = 0
        }
        return job
    }
}
