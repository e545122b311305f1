import Model
import RunFormat

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
    public init(populations: PopulationGIDs, senders: [Int32], times: [Double],
                simulationTime: Double, source: String) throws(InputError) {
        var columns = NESTSpikeFiles.Columns()
        columns.senders = senders
        columns.times = times
        try self.init(try SpikeSource(columns: columns, populations: populations, simulationTime: simulationTime, origin: source))
    }

    /// Groups the spikes of `source` by neuron in two passes over it (counts, then times), so
    /// that only the grouped times are held: 8 bytes per kept spike. `keep`, if given, selects
    /// the populations (layout indices) whose spikes are kept, and `window` (ms) the times; the
    /// other spikes are left out.
    public init(_ source: SpikeSource, keep: ((Int) -> Bool)? = nil, during window: ClosedRange<Double>? = nil) throws(InputError) {
        let populations = source.populations
        let range = populations.gidRange
        let neuronCount = max(range.count, 0)
        let low = range.lowerBound
        var counts = [Int](repeating: 0, count: neuronCount + 1)
        try source.forEachPopulationRun { population, senders, times in
            guard keep?(population) ?? true else { return }
            for index in 0..<senders.count where window?.contains(times[index]) ?? true { counts[Int(senders[index]) - low + 1] += 1 }
        }
        for slot in 0..<neuronCount { counts[slot + 1] += counts[slot] }
        var fill = counts
        var grouped = [Double](repeating: 0, count: counts[neuronCount])
        try grouped.withUnsafeMutableBufferPointer { (grouped) throws(InputError) in
            try source.forEachPopulationRun { population, senders, times in
                guard keep?(population) ?? true else { return }
                for index in 0..<senders.count where window?.contains(times[index]) ?? true {
                    let slot = Int(senders[index]) - low
                    grouped[fill[slot]] = times[index]
                    fill[slot] += 1
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
        self.simulationTime = source.simulationTime
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
