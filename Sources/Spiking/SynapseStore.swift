import Model

/// All internal synapses, stored compactly by source neuron: 32-bit target code, 32-bit weight
/// and 16-bit delay, 10 bytes per synapse (NEST: about 40). The synapses of source s that end
/// on neurons of thread t are `offsets[s * threads + t] ..< offsets[s * threads + t + 1]`, in
/// the order they were drawn, so a thread delivers only to its own neurons.
final class SynapseStore: @unchecked Sendable {
    let threadCount: Int
    /// Start of every (source, thread) range; a pointer, as it is read for every spike.
    let offsets: UnsafeMutablePointer<Int>
    /// 2 · target + channel (0 excitatory, 1 inhibitory), the index into `NeuronState.input`.
    let targetCodes: UnsafeMutablePointer<UInt32>
    /// PSC amplitude, pA.
    let weights: UnsafeMutablePointer<Float>
    /// Delay in steps, ≥ 1.
    let delays: UnsafeMutablePointer<UInt16>
    let count: Int
    /// Largest delay in steps.
    private(set) var maximumDelay = 1
    /// Smallest delay, in steps, of a synapse whose source and target belong to different
    /// threads (`Int.max` if there is none): spikes need to be exchanged only this often.
    private(set) var minimumCrossThreadDelay = Int.max
    /// Where `place` puts the next synapse of each (source, thread); emptied by `finish`.
    private var next: [Int]

    static let bytesPerSynapse = 4 + 4 + 2

    /// An empty store with room for `counts[s · threadCount + t + 1]` synapses from source s
    /// onto neurons of thread t (element 0 unused), to be filled by `place`.
    init(threadCount: Int, counts: [Int]) {
        self.threadCount = threadCount
        var offsets = counts
        offsets[0] = 0
        for index in 1..<offsets.count { offsets[index] += offsets[index - 1] }
        count = offsets.last!
        self.offsets = .allocate(capacity: offsets.count)
        self.offsets.initialize(from: offsets, count: offsets.count)
        targetCodes = .allocate(capacity: max(count, 1))
        weights = .allocate(capacity: max(count, 1))
        delays = .allocate(capacity: max(count, 1))
        next = offsets
    }

    /// Stores the next synapse from `source` onto a neuron of `thread`.
    @inline(__always)
    func place(source: Int, thread: Int, targetCode: UInt32, weight: Float, delay: Int, crossesThreads: Bool) {
        let slot = source &* threadCount &+ thread
        let index = next[slot]
        next[slot] = index &+ 1
        targetCodes[index] = targetCode
        weights[index] = weight
        delays[index] = UInt16(delay)
        maximumDelay = max(maximumDelay, delay)
        if crossesThreads { minimumCrossThreadDelay = min(minimumCrossThreadDelay, delay) }
    }

    /// Releases the placement cursors once every synapse is placed.
    func finish() -> SynapseStore {
        next = []
        return self
    }

    deinit {
        offsets.deallocate()
        targetCodes.deallocate()
        weights.deallocate()
        delays.deallocate()
    }

    /// Synapse indices of `source` onto neurons of `thread`.
    @inline(__always)
    func range(source: Int, thread: Int) -> Range<Int> {
        offsets[source &* threadCount &+ thread] ..< offsets[source &* threadCount &+ thread &+ 1]
    }
}
