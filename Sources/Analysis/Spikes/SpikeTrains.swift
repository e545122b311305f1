import Model

/// All spikes of a run, grouped by neuron: neuron `n` (GID `firstGID + n`) fired at
/// `times[neuronOffsets[n] ..< neuronOffsets[n + 1]]`, ascending (ms). This is the original's
/// per-population list of spike trains (`Analysis._readSpikesFromDAT`) in one contiguous array.
public struct SpikeTrains: Sendable {
    public let populations: PopulationGIDs
    /// GID of neuron 0.
    public let firstGID: Int
    /// `neuronCount + 1` offsets into `times`.
    public let neuronOffsets: [Int]
    /// Spike times, ms, ascending within each neuron.
    public let times: [Double]
    /// Simulated time, ms (the original's `sim_dict['t_sim']`): the end of the histograms.
    public let simulationTime: Double

    public var neuronCount: Int { neuronOffsets.count - 1 }
    public var spikeCount: Int { times.count }

    /// Groups spikes given as parallel arrays of sender GIDs and times (in any order) by neuron.
    /// A GID outside every population is an error naming `source`.
    public init(populations: PopulationGIDs, senders: [Int32], times unsortedTimes: [Double],
                simulationTime: Double, source: String) throws(InputError) {
        precondition(senders.count == unsortedTimes.count)
        let range = populations.gidRange
        let neuronCount = max(range.count, 0)
        // Map GID -> neuron slot; GIDs between populations (if any) stay invalid.
        var valid = [Bool](repeating: false, count: neuronCount)
        for index in 0..<populations.layout.count where populations.neuronCounts[index] > 0 {
            let start = populations.firstGID[index] - range.lowerBound
            for slot in start..<start + populations.neuronCounts[index] { valid[slot] = true }
        }
        var counts = [Int](repeating: 0, count: neuronCount + 1)
        let low = range.lowerBound
        for (position, gid) in senders.enumerated() {
            let slot = Int(gid) - low
            guard slot >= 0, slot < neuronCount, valid[slot] else {
                throw InputError(file: source,
                                 "spike \(position + 1) comes from neuron \(gid), which is in no population of population_GIDs.dat")
            }
            counts[slot + 1] += 1
        }
        for slot in 0..<neuronCount { counts[slot + 1] += counts[slot] }
        var fill = counts
        var grouped = [Double](repeating: 0, count: unsortedTimes.count)
        grouped.withUnsafeMutableBufferPointer { grouped in
            senders.withUnsafeBufferPointer { senders in
                unsortedTimes.withUnsafeBufferPointer { times in
                    for position in 0..<senders.count {
                        let slot = Int(senders[position]) - low
                        grouped[fill[slot]] = times[position]
                        fill[slot] += 1
                    }
                }
            }
            // Files are written in time order, so trains are usually sorted already;
            // several files (one per NEST thread/process) may interleave.
            for slot in 0..<neuronCount {
                var train = UnsafeMutableBufferPointer(rebasing: grouped[counts[slot]..<counts[slot + 1]])
                var sorted = true
                for index in train.indices.dropFirst() where train[index] < train[index - 1] { sorted = false; break }
                if !sorted { train.sort() }
            }
        }
        self.populations = populations
        self.firstGID = low
        self.neuronOffsets = counts
        self.times = grouped
        self.simulationTime = simulationTime
    }

    /// Neuron slots (indices into `neuronOffsets`) of population `index`.
    public func neurons(ofPopulation index: Int) -> Range<Int> {
        let count = populations.neuronCounts[index]
        guard count > 0 else { return 0..<0 }
        let start = populations.firstGID[index] - firstGID
        return start..<start + count
    }

    /// Spike times of neuron slot `neuron`.
    public func train(_ neuron: Int) -> ArraySlice<Double> {
        times[neuronOffsets[neuron]..<neuronOffsets[neuron + 1]]
    }
}
