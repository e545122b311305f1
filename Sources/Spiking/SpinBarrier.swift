import Foundation
import Synchronization

/// A reusable barrier for a fixed number of threads: spins briefly, then yields the core, then
/// sleeps, so it stays cheap when every thread has a core and costs nothing on a machine with
/// more threads than cores (tests running beside each other, a build beside a run), where a
/// waiting thread would otherwise burn the core its partner needs. (A
/// `DispatchQueue.concurrentPerform` per step costs about 12 µs here, more than a whole step of
/// the down-scaled network; see the toolchain notes.)
final class SpinBarrier: @unchecked Sendable {
    private let parties: Int
    private let arrived = Atomic<Int>(0)
    private let generation = Atomic<Int>(0)
    /// Guards the sleepers' wake-up: the last thread to arrive advances the generation and
    /// broadcasts under it, so that a thread going to sleep cannot miss its wake-up.
    private let lock = NSCondition()

    /// Spins before yielding, and yields before sleeping.
    static let spins = 256
    static let yields = 64

    init(parties: Int) {
        self.parties = parties
    }

    func wait() {
        let current = generation.load(ordering: .acquiring)
        if arrived.wrappingAdd(1, ordering: .acquiringAndReleasing).newValue == parties {
            arrived.store(0, ordering: .relaxed)
            lock.lock()
            generation.wrappingAdd(1, ordering: .releasing)
            lock.broadcast()
            lock.unlock()
            return
        }
        var attempts = 0
        while generation.load(ordering: .acquiring) == current {
            attempts += 1
            if attempts > Self.spins + Self.yields {
                lock.lock()
                while generation.load(ordering: .acquiring) == current { lock.wait() }
                lock.unlock()
                return
            }
            if attempts > Self.spins { sched_yield() }
        }
    }
}

/// Runs `body(thread)` on `count` threads — the caller's thread as thread 0 and `count − 1`
/// persistent worker threads — and returns when all have finished.
func runOnThreads(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
    let finished = DispatchSemaphore(value: 0)
    for thread in 1..<max(count, 1) {
        let worker = Thread {
            body(thread)
            finished.signal()
        }
        worker.start()
    }
    body(0)
    for _ in 1..<max(count, 1) { finished.wait() }
}
