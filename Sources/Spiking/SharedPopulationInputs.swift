/// The input of the populations that several threads share (a partition cut inside them,
/// `ThreadPartition.threads(owning:)`), with procedural connectivity. Each sharing thread
/// regenerates its share of the rows that end on the population
/// (`ProceduralConnectivity.OwnedRow.sources`) and adds their synapses into a window of its own
/// that spans the whole population (`add`); after a barrier, each adds the others' windows into
/// its own over its own neurons and zeroes them there (`collect`), and its update consumes the
/// sum. Input sums are integers, so the input, and the spikes, are the same whoever added what.
///
/// Who writes what, when (every thread passes the same barrier between `add` and `collect` of
/// a step, `BatchLoop.simulate`): windows alternate by step parity. Before the barrier of step
/// s, thread t writes its own window of parity s (all of it); after the barrier, thread t
/// writes the neurons it owns in every window of parity s, nothing else. A window of parity s
/// is written again in step s + 2, after the barrier of step s + 1, which every thread reaches
/// only after its update of step s.
final class SharedPopulationInputs: @unchecked Sendable {
    /// A shared population: its neurons, its threads, and per parity and thread its window
    /// (channel by channel: `InputWindow` with neuron stride 1 and channel stride its size).
    struct Share {
        var neurons: Range<Int>
        var threads: Range<Int>
        var windows: [[UnsafeMutablePointer<Int64>]]
    }

    /// Per population, its share if several threads own its neurons.
    let shares: [Share?]

    init(indexing: NeuronIndexing, partition: ThreadPartition) {
        shares = (0..<indexing.populationCount).map { population in
            let neurons = indexing.neurons(ofPopulation: population)
            let threads = partition.threads(owning: neurons)
            guard threads.count > 1 else { return nil }
            let windows = (0..<2).map { _ in
                threads.map { _ in
                    let window = UnsafeMutablePointer<Int64>.allocate(capacity: IAFPSCExp.channelsPerNeuron * neurons.count)
                    window.initialize(repeating: 0, count: IAFPSCExp.channelsPerNeuron * neurons.count)
                    return window
                }
            }
            return Share(neurons: neurons, threads: threads, windows: windows)
        }
    }

    deinit {
        for share in shares.compactMap({ $0 }) {
            for window in share.windows.joined() { window.deallocate() }
        }
    }

    /// Whether any population is shared (the threads then meet at a barrier every step).
    var isEmpty: Bool { shares.allSatisfy { $0 == nil } }

    /// The populations `thread` shares with others, ascending.
    func populations(sharedBy thread: Int) -> [Int] {
        shares.indices.filter { shares[$0]?.threads.contains(thread) == true }
    }

    /// `thread`'s window of `population` for `step`, over all of the population's neurons.
    @inline(__always)
    func window(population: Int, thread: Int, step: Int) -> InputWindow {
        let share = shares[population]!
        return InputWindow(base: share.windows[step & 1][thread - share.threads.lowerBound],
                           firstNeuron: share.neurons.lowerBound, neuronStride: 1, channelStride: share.neurons.count)
    }

    /// After the barrier of `step`: adds the other threads' input of `population` to `neurons`
    /// (those of `thread`) into `thread`'s window and zeroes it in theirs; returns the window.
    func collect(population: Int, thread: Int, neurons: Range<Int>, step: Int) -> InputWindow {
        let share = shares[population]!
        let own = window(population: population, thread: thread, step: step)
        for other in share.threads where other != thread {
            let theirs = window(population: population, thread: other, step: step)
            for channel in 0..<IAFPSCExp.channelsPerNeuron {
                let sum = own.element(neuron: neurons.lowerBound, channel: channel)
                let added = theirs.element(neuron: neurons.lowerBound, channel: channel)
                for index in 0..<neurons.count {
                    sum[index] &+= added[index]
                    added[index] = 0
                }
            }
        }
        return own
    }
}
