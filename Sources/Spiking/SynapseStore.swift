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
    let maximumDelay: Int
    /// Smallest delay, in steps, of a synapse whose source and target belong to different
    /// threads (`Int.max` if there is none): spikes need to be exchanged only this often.
    let minimumCrossThreadDelay: Int

    static let bytesPerSynapse = 4 + 4 + 2

    init(threadCount: Int, offsets: [Int], targetCodes: UnsafeMutablePointer<UInt32>,
         weights: UnsafeMutablePointer<Float>, delays: UnsafeMutablePointer<UInt16>, maximumDelay: Int,
         minimumCrossThreadDelay: Int) {
        self.threadCount = threadCount
        self.offsets = .allocate(capacity: offsets.count)
        self.offsets.initialize(from: offsets, count: offsets.count)
        self.targetCodes = targetCodes
        self.weights = weights
        self.delays = delays
        count = offsets.last!
        self.maximumDelay = maximumDelay
        self.minimumCrossThreadDelay = minimumCrossThreadDelay
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
