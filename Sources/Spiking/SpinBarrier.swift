import Foundation
import Synchronization

/// A reusable barrier for a fixed number of threads: spins briefly, then yields the core, so it
/// stays cheap when every thread has a core and harmless on a loaded machine. (A
/// `DispatchQueue.concurrentPerform` per step costs about 12 µs here, more than a whole step of
/// the down-scaled network; see the toolchain notes.)
final class SpinBarrier: Sendable {
    private let parties: Int
    private let arrived = Atomic<Int>(0)
    private let generation = Atomic<Int>(0)

    init(parties: Int) {
        self.parties = parties
    }

    func wait() {
        let current = generation.load(ordering: .acquiring)
        if arrived.wrappingAdd(1, ordering: .acquiringAndReleasing).newValue == parties {
            arrived.store(0, ordering: .relaxed)
            generation.wrappingAdd(1, ordering: .releasing)
            return
        }
        var spins = 0
        while generation.load(ordering: .acquiring) == current {
            spins += 1
            if spins > 256 { sched_yield() }
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
