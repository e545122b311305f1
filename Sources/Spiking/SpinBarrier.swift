import Foundation
import Synchronization

/// A reusable barrier for a fixed number of threads: spins briefly, then yields the core, and
/// after `Backoff.sleepAfterNanoseconds` of yielding sleeps until the last thread arrives. With a core per
/// thread the wait is short and never reaches the sleep (a batch's imbalance of the notebook
/// network is a few µs; at full scale a batch takes ~0.1 s, so an occasional wake-up's ~30 µs
/// do not count); on a machine with more threads than cores (tests beside each other, a build
/// beside a run) a waiting thread no longer spends its partner's core on `sched_yield`. (A
/// `DispatchQueue.concurrentPerform` per step costs about 12 µs here, more than a whole step of
/// the down-scaled network; see the toolchain notes.)
final class SpinBarrier: @unchecked Sendable {
    private let parties: Int
    private let arrived = Atomic<Int>(0)
    private let generation = Atomic<Int>(0)
    /// Guards the sleepers' wake-up: the last thread to arrive advances the generation and
    /// broadcasts under it, so that a thread going to sleep cannot miss its wake-up.
    private let lock = NSCondition()

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
        var backoff = Backoff()
        while generation.load(ordering: .acquiring) == current {
            if !backoff.pause() {
                lock.lock()
                while generation.load(ordering: .acquiring) == current { lock.wait() }
                lock.unlock()
                return
            }
        }
    }
}

/// How a thread waits for others (`SpinBarrier`, `StepCounter`): it spins briefly, then yields
/// the core; once it has yielded for `sleepAfterNanoseconds`, the partner evidently has no core
/// of its own, and the waiting thread should sleep instead.
struct Backoff {
    static let spins = 256
    static let sleepAfterNanoseconds: UInt64 = 200_000
    private var spins = 0
    private var yieldingSince: UInt64 = 0

    /// Spins or yields once; false, without yielding, once the wait should sleep.
    mutating func pause() -> Bool {
        spins += 1
        guard spins > Self.spins else { return true }
        let now = DispatchTime.now().uptimeNanoseconds
        if yieldingSince == 0 {
            yieldingSince = now
        } else if now - yieldingSince > Self.sleepAfterNanoseconds {
            return false
        }
        sched_yield()
        return true
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
