import Foundation
import Synchronization

/// SIGINT and SIGTERM during a simulation: the first asks the run to stop at the next exchange of
/// its threads, so that its unfinished folder is removed, or, in a run with checkpoints, kept
/// with a checkpoint of that step; a second one ends the process at once (the next `humam
/// simulate` removes what is left, or keeps it if it holds a checkpoint).
enum Interruption {
    private static let signals = Atomic<Int>(0)

    static var requested: Bool { signals.load(ordering: .relaxed) > 0 }

    static func install() {
        // A parent may have started humam with these signals blocked (a test runner's
        // `Process` does); they are meant to reach the handler.
        var blocked = sigset_t()
        sigemptyset(&blocked)
        sigaddset(&blocked, SIGINT)
        sigaddset(&blocked, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &blocked, nil)
        for signal in [SIGINT, SIGTERM] {
            _ = Foundation.signal(signal) { number in
                if Interruption.signals.wrappingAdd(1, ordering: .relaxed).oldValue > 0 { _exit(128 + number) }
            }
        }
    }
}
