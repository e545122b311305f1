import Foundation
import Synchronization

/// The input of the populations that several threads share (a partition cut inside them,
/// `ThreadPartition.threads(owning:)`), with procedural connectivity. Each sharing thread
/// regenerates its share of the rows that end on the population
/// (`ProceduralConnectivity.OwnedRow.sources`) and adds their synapses into a window of its own
/// that spans the whole population (`window`, then `finishAdding`); when it comes to update its
/// neurons of the population, it adds the others' windows into its own over those neurons and
/// zeroes them there (`collect`), and the update consumes the sum. Input sums are integers, so
/// the input, and the spikes, are the same whoever added what.
///
/// Who writes what, when: windows alternate by step parity, and per population every sharing
/// thread publishes the last step it has added (`added`) and the last it has collected
/// (`collected`). Thread t writes its own window of parity s (all of it) in step s, once every
/// sharing thread has collected step s − 2 (`window` waits for it); it writes its own neurons'
/// elements of every window of parity s in `collect` of step s, once every sharing thread has
/// added step s (`collect` waits for it). A thread thus waits only for the others to have
/// added their parts of the step, early in their step, not for their whole step.
final class SharedPopulationInputs: @unchecked Sendable {
    /// A shared population: its neurons, the threads that own some of them, per parity and
    /// thread its window (channel by channel: `InputWindow` with neuron stride 1 and channel
    /// stride its size), and per thread the last step added and collected.
    struct Share {
        var neurons: Range<Int>
        var threads: [Int]
        var windows: [[UnsafeMutablePointer<Int64>]]
        var added: [StepCounter]
        var collected: [StepCounter]

        func slot(of thread: Int) -> Int { threads.firstIndex(of: thread)! }
    }

    /// Per population, its share if several threads own its neurons.
    let shares: [Share?]

    /// The shared populations of `partition` (nil: none shared, as with stored connectivity,
    /// where every event lands on its target's thread), for a run that starts at `startStep`.
    init(indexing: NeuronIndexing, partition: ThreadPartition?, startStep: Int) {
        let shared = Set(partition?.sharedPopulations(of: indexing) ?? [])
        shares = (0..<indexing.populationCount).map { population in
            guard let partition, shared.contains(population) else { return nil }
            let neurons = indexing.neurons(ofPopulation: population)
            // Threads with a part of it (a thread whose range is empty owns none).
            let threads = partition.threads(owning: neurons).filter { !neurons.clamped(to: partition.neurons(ofThread: $0)).isEmpty }
            let size = IAFPSCExp.channelsPerNeuron * neurons.count
            let windows = (0..<2).map { _ in
                threads.map { _ in
                    let window = UnsafeMutablePointer<Int64>.allocate(capacity: size)
                    window.initialize(repeating: 0, count: size)
                    return window
                }
            }
            return Share(neurons: neurons, threads: threads, windows: windows,
                         added: threads.map { _ in StepCounter(startStep - 1) },
                         collected: threads.map { _ in StepCounter(startStep - 1) })
        }
    }

    deinit {
        for share in shares.compactMap({ $0 }) {
            for window in share.windows.joined() { window.deallocate() }
        }
    }

    /// The populations `thread` shares with others, ascending.
    func populations(sharedBy thread: Int) -> [Int] {
        shares.indices.filter { shares[$0]?.threads.contains(thread) == true }
    }

    /// `thread`'s window of `population` for `step`, over all of the population's neurons, to
    /// add its part into, once every sharing thread has collected step − 2 from it.
    func window(population: Int, thread: Int, step: Int) -> InputWindow {
        let share = shares[population]!
        for counter in share.collected { counter.wait(until: step - 2) }
        return window(share, slot: share.slot(of: thread), step: step)
    }

    /// `thread` has added its part of `population`'s input of `step`.
    func finishAdding(population: Int, thread: Int, step: Int) {
        let share = shares[population]!
        share.added[share.slot(of: thread)].publish(step)
    }

    /// Adds the other threads' input of `population` for `step` to `neurons` (those of
    /// `thread`) into `thread`'s window, once they have added it, and zeroes it in theirs;
    /// returns the window.
    func collect(population: Int, thread: Int, neurons: Range<Int>, step: Int) -> InputWindow {
        let share = shares[population]!
        let slot = share.slot(of: thread)
        let own = window(share, slot: slot, step: step)
        for other in share.threads.indices where other != slot {
            share.added[other].wait(until: step)
            let theirs = window(share, slot: other, step: step)
            for channel in 0..<IAFPSCExp.channelsPerNeuron {
                let sum = own.element(neuron: neurons.lowerBound, channel: channel)
                let added = theirs.element(neuron: neurons.lowerBound, channel: channel)
                for index in 0..<neurons.count {
                    sum[index] &+= added[index]
                    added[index] = 0
                }
            }
        }
        share.collected[slot].publish(step)
        return own
    }

    private func window(_ share: Share, slot: Int, step: Int) -> InputWindow {
        .population(share.neurons, base: share.windows[step & 1][slot])
    }
}

/// The last step a thread has done something for (written by that thread, read by others):
/// `publish` releases what it wrote before, `wait` acquires it. A waiting thread spins, yields
/// (`Backoff`), then naps 20 µs at a time (more threads than cores).
final class StepCounter: Sendable {
    private let step: Atomic<Int>

    init(_ step: Int) {
        self.step = Atomic(step)
    }

    func publish(_ value: Int) {
        step.store(value, ordering: .releasing)
    }

    func wait(until value: Int) {
        var backoff = Backoff()
        while step.load(ordering: .acquiring) < value {
            if !backoff.pause() { usleep(20) }
        }
    }
}
