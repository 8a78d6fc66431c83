import CHTTPDiag
import Foundation
import Synchronization

/// The one event loop every libcurl transfer of the process goes through: a dedicated
/// thread that owns a curl multi handle and runs `curl_multi_poll` / `curl_multi_perform`
/// / `curl_multi_info_read`. Other threads hand it transfers (and cancellations) through a
/// small inbox and `curl_multi_wakeup`; it calls back once per transfer, from the loop
/// thread, when libcurl is done with it or it was cancelled.
///
/// Everything libcurl calls during a transfer (TransferSink's header/data/debug callbacks,
/// the TLS and socket observers) runs on the loop thread, one transfer at a time, exactly
/// as it ran on the probing thread under `curl_easy_perform`.
///
/// The loop also waits for sockets of its own among libcurl's (`watch`): the direct DNS
/// queries, so that no lookup of ours blocks a thread (curl_multi_poll's extra_fds).
///
/// The inbox holds at most one entry per transfer its callers are awaiting: the bound on
/// transfers in flight is the callers' (a fleet run's concurrency), not a queue here.
final class CurlMultiLoop: @unchecked Sendable {
    static let shared = CurlMultiLoop()

    /// One transfer handed to the loop. `finish` is called exactly once, on the loop thread.
    final class Transfer: @unchecked Sendable {
        let easy: CurlEasy
        fileprivate let finish: @Sendable (CURLcode) -> Void
        /// Set by `cancel` (under the inbox lock): a transfer cancelled before the loop
        /// added it is finished without being started.
        fileprivate var cancelled = false
        fileprivate var done = false

        init(easy: CurlEasy, finish: @escaping @Sendable (CURLcode) -> Void) {
            self.easy = easy
            self.finish = finish
        }
    }

    /// A socket of ours the loop waits for (readable) until a deadline. Its callbacks run
    /// on the loop thread, exactly one of `readable` returning true or `ended`.
    final class Watch: @unchecked Sendable {
        let fd: Int32
        let deadlineNs: Int64
        /// The socket is readable: true when the watch is done (false: wait again).
        fileprivate let readable: () -> Bool
        /// The deadline passed (false) or the watch was cancelled (true) first.
        fileprivate let ended: (_ cancelled: Bool) -> Void
        fileprivate var cancelled = false
        fileprivate var done = false

        init(fd: Int32, deadlineNs: Int64, readable: @escaping () -> Bool, ended: @escaping (Bool) -> Void) {
            self.fd = fd
            self.deadlineNs = deadlineNs
            self.readable = readable
            self.ended = ended
        }
    }

    private struct Inbox {
        var adds: [Transfer] = []
        var cancels: [Transfer] = []
        var watches: [Watch] = []
        var unwatches: [Watch] = []
    }

    private let multi: UnsafeMutableRawPointer
    private let inbox = Mutex(Inbox())
    /// Loop-thread only: the transfers libcurl is running, by easy handle.
    private var running: [UnsafeMutableRawPointer: Transfer] = [:]

    /// Loop-thread only: the sockets of ours being waited for.
    private var watching: [Watch] = []
    private var waitFDs: [curl_waitfd] = []

    /// Transfers libcurl is running now (for tests; read from any thread, approximately).
    private let activeCount = Atomic<Int>(0)
    var active: Int { activeCount.load(ordering: .relaxed) }

    private init() {
        _ = CurlEasy.ensureGlobalInit()
        guard let m = hd_multi_init() else { fatalError("curl_multi_init failed") }
        multi = m
        let thread = Thread { [unowned self] in self.loop() }
        thread.name = "httpdiag-curl-loop"
        thread.stackSize = 1 << 20
        thread.start()
    }

    /// Hands a configured easy handle to the loop. `finish` gets libcurl's result, or
    /// CURLE_ABORTED_BY_CALLBACK when the transfer was cancelled.
    @discardableResult
    func submit(_ easy: CurlEasy, finish: @escaping @Sendable (CURLcode) -> Void) -> Transfer {
        let transfer = Transfer(easy: easy, finish: finish)
        inbox.withLock { $0.adds.append(transfer) }
        hd_multi_wakeup(multi)
        return transfer
    }

    /// Stops a transfer: the loop removes its easy handle from the multi handle (closing
    /// its connection) and finishes it with CURLE_ABORTED_BY_CALLBACK. A transfer already
    /// done is left alone.
    func cancel(_ transfer: Transfer) {
        inbox.withLock {
            transfer.cancelled = true
            $0.cancels.append(transfer)
        }
        hd_multi_wakeup(multi)
    }

    /// Waits for `fd` to be readable until `deadlineNs` (hd_monotonic_ns), on the loop
    /// thread: `readable` is called each time it is (true: done), `ended` if the deadline
    /// passes or `unwatch` comes first. The caller owns the socket and closes it after.
    @discardableResult
    func watch(fd: Int32, deadlineNs: Int64, readable: @escaping () -> Bool, ended: @escaping (Bool) -> Void) -> Watch {
        let w = Watch(fd: fd, deadlineNs: deadlineNs, readable: readable, ended: ended)
        inbox.withLock { $0.watches.append(w) }
        hd_multi_wakeup(multi)
        return w
    }

    /// Ends a watch at once (`ended(true)`), unless it is done already.
    func unwatch(_ w: Watch) {
        inbox.withLock {
            w.cancelled = true
            $0.unwatches.append(w)
        }
        hd_multi_wakeup(multi)
    }

    /// Runs one transfer and waits for it, blocking the calling thread (the synchronous
    /// surface; the loop thread does the work).
    func performBlocking(_ easy: CurlEasy) -> CURLcode {
        let semaphore = DispatchSemaphore(value: 0)
        let result = ResultBox()
        submit(easy) { rc in
            result.code = rc  // written before the signal, read after the wait
            semaphore.signal()
        }
        semaphore.wait()
        return result.code
    }

    /// Runs one transfer, suspending the task. Task cancellation stops the transfer at once
    /// (its easy handle leaves the multi handle) and returns CURLE_ABORTED_BY_CALLBACK.
    func perform(_ easy: CurlEasy) async -> CURLcode {
        let slot = CancelSlot<Transfer>()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<CURLcode, Never>) in
                let transfer = submit(easy) { rc in continuation.resume(returning: rc) }
                if slot.attach(transfer) { cancel(transfer) }
            }
        } onCancel: {
            if let transfer = slot.cancelRequested() { cancel(transfer) }
        }
    }

    private final class ResultBox: @unchecked Sendable { var code = CURLE_OK }

    /// Meets a cancellation that may come before or after the transfer (or watch) was submitted.
    final class CancelSlot<Item>: @unchecked Sendable {
        private let lock = NSLock()
        private var transfer: Item?
        private var cancelled = false

        /// Records the transfer; true when cancellation was already requested.
        func attach(_ t: Item) -> Bool {
            lock.withLock {
                transfer = t
                return cancelled
            }
        }
        /// Records the request; the transfer to cancel, when it was already submitted.
        func cancelRequested() -> Item? {
            lock.withLock {
                cancelled = true
                return transfer
            }
        }
    }

    // MARK: the loop thread

    private func loop() {
        var stillRunning: Int32 = 0
        while true {
            drainInbox()
            hd_multi_perform(multi, &stillRunning)
            collectFinished()
            var fds: Int32 = 0
            // Without transfers, wait for a wakeup only; with some, libcurl's own timeouts
            // are honoured by curl_multi_poll (it waits at most until the next one). Our
            // sockets are waited for alongside, until the nearest of their deadlines.
            var timeoutMs: Int32 = running.isEmpty && watching.isEmpty ? 10_000 : 1_000
            if watching.isEmpty {
                hd_multi_poll(multi, timeoutMs, &fds)
                continue
            }
            let now = hd_monotonic_ns()
            waitFDs.removeAll(keepingCapacity: true)
            for w in watching {
                let leftMs = (w.deadlineNs - now + 999_999) / 1_000_000
                timeoutMs = Int32(max(0, min(Int64(timeoutMs), leftMs)))
                waitFDs.append(curl_waitfd(fd: w.fd, events: Int16(POLLIN), revents: 0))
            }
            waitFDs.withUnsafeMutableBufferPointer { buffer in
                _ = hd_multi_poll_fds(multi, buffer.baseAddress, UInt32(buffer.count), timeoutMs, &fds)
            }
            serviceWatches()
        }
    }

    /// After a poll: the readable sockets first (a reply that came in time counts), then
    /// the deadlines. `waitFDs` is in the order of `watching`.
    private func serviceWatches() {
        var kept: [Watch] = []
        kept.reserveCapacity(watching.count)
        let now = hd_monotonic_ns()
        for (i, w) in watching.enumerated() {
            if w.done { continue }
            if i < waitFDs.count, waitFDs[i].revents != 0, w.readable() {
                w.done = true
                continue
            }
            if now >= w.deadlineNs {
                w.done = true
                w.ended(false)
                continue
            }
            kept.append(w)
        }
        watching = kept
    }

    private func drainInbox() {
        let (adds, cancels, watches, unwatches) = inbox.withLock { box in
            defer {
                box.adds.removeAll(keepingCapacity: true)
                box.cancels.removeAll(keepingCapacity: true)
                box.watches.removeAll(keepingCapacity: true)
                box.unwatches.removeAll(keepingCapacity: true)
            }
            return (box.adds, box.cancels, box.watches, box.unwatches)
        }
        watching += watches
        for w in unwatches where !w.done {
            w.done = true
            w.ended(true)
        }
        if !unwatches.isEmpty { watching.removeAll { $0.done } }
        for transfer in adds {
            if inbox.withLock({ _ in transfer.cancelled }) {
                complete(transfer, CURLE_ABORTED_BY_CALLBACK)
                continue
            }
            // The transfer starts now (libcurl's own timers start here too), not when it was handed over.
            transfer.easy.startedNs = hd_monotonic_ns()
            let rc = hd_multi_add(multi, transfer.easy.handle)
            if rc != CURLM_OK {
                complete(transfer, CURLE_FAILED_INIT)
                continue
            }
            running[transfer.easy.handle] = transfer
        }
        activeCount.store(running.count, ordering: .relaxed)
        for transfer in cancels where running[transfer.easy.handle] === transfer {
            running[transfer.easy.handle] = nil
            hd_multi_remove(multi, transfer.easy.handle)
            complete(transfer, CURLE_ABORTED_BY_CALLBACK)
        }
    }

    private func collectFinished() {
        var easy: UnsafeMutableRawPointer?
        var result = CURLE_OK
        while hd_multi_next_done(multi, &easy, &result) == 1 {
            guard let handle = easy, let transfer = running.removeValue(forKey: handle) else { continue }
            hd_multi_remove(multi, handle)
            complete(transfer, result)
        }
        activeCount.store(running.count, ordering: .relaxed)
    }

    private func complete(_ transfer: Transfer, _ rc: CURLcode) {
        guard !transfer.done else { return }
        transfer.done = true
        transfer.finish(rc)
    }
}
