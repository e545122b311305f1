/// Spikes as (neuron index, time stamp in steps) pairs, ordered by stamp, then neuron. A spike
/// with stamp n happened at n · resolution ms (NEST's spike time stamp).
public struct SpikeRecord: Sendable, Equatable {
    public private(set) var neurons: [Int32] = []
    public private(set) var stamps: [Int32] = []

    public init() {}

    public var count: Int { neurons.count }

    mutating func append(_ firing: UnsafeBufferPointer<Int32>, stamp: Int32) {
        guard !firing.isEmpty else { return }
        neurons.append(contentsOf: firing)
        stamps.append(contentsOf: repeatElement(stamp, count: firing.count))
    }
}
