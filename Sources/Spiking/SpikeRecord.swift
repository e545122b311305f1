/// Spikes as (neuron index, time stamp in steps) pairs, ordered by stamp, then neuron. A spike
/// with stamp n happened at n · resolution ms (NEST's spike time stamp).
public struct SpikeRecord: Sendable, Equatable {
    public private(set) var neurons: [Int32] = []
    public private(set) var stamps: [Int32] = []

    public init() {}

    public var count: Int { neurons.count }

    mutating func set(neurons: [Int32], stamps: [Int32]) {
        self.neurons = neurons
        self.stamps = stamps
    }

    mutating func append(_ firing: UnsafeBufferPointer<Int32>, stamp: Int32) {
        guard !firing.isEmpty else { return }
        neurons.append(contentsOf: firing)
        stamps.append(contentsOf: repeatElement(stamp, count: firing.count))
    }

    /// Merges the records of threads that own ascending neuron ranges into one record ordered
    /// by stamp, then neuron.
    static func merge(_ records: [SpikeRecord], steps: Int) -> SpikeRecord {
        guard records.count > 1 else { return records.first ?? SpikeRecord() }
        var merged = SpikeRecord()
        let total = records.reduce(0) { $0 + $1.count }
        merged.neurons.reserveCapacity(total)
        merged.stamps.reserveCapacity(total)
        var positions = [Int](repeating: 0, count: records.count)
        for stamp in 1...max(steps, 1) {
            let stamp = Int32(stamp)
            for (thread, record) in records.enumerated() {
                var position = positions[thread]
                while position < record.count && record.stamps[position] == stamp {
                    merged.neurons.append(record.neurons[position])
                    merged.stamps.append(stamp)
                    position += 1
                }
                positions[thread] = position
            }
        }
        return merged
    }
}
