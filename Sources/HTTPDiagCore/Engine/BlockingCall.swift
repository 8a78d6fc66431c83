import Foundation

/// A blocking call (the system resolver, a raw-socket follow-up in C) on a thread of its
/// own, so that the task awaiting it holds no executor thread meanwhile.
enum BlockingCall {
    static func run<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            let thread = Thread { continuation.resume(returning: body()) }
            thread.stackSize = 512 * 1024
            thread.start()
        }
    }
}
