import Model
import RunFormat

/// Time-resolved firing rates in fixed bins from 0 to the simulated time (the original's
/// `calc_rates` and `firingRateHistogram`): spike counts per bin, divided by the bin width and
/// the number of neurons, in kHz (spikes/ms per neuron) as the original: × 1000 for spikes/s.
/// Bins follow `np.histogram(range=(0, t_sim))`: `[t_k, t_k+1)`, the last bin closed.
public struct RateHistogram: Sendable {
    /// Bin width, ms.
    public let binWidth: Double
    public let binCount: Int
    /// Bins of population `p`: `populationRatesKHz[p * binCount ..< (p + 1) * binCount]`, kHz
    /// (spikes/ms per neuron), layout order; zero for empty populations.
    public let populationRatesKHz: [Double]
    /// Bins of area `a`: `areaRatesKHz[a * binCount ..< (a + 1) * binCount]`, kHz (spikes/ms per neuron).
    public let areaRatesKHz: [Double]
    /// Spike counts per population and bin (`populationRatesKHz` before normalisation).
    public let populationCounts: [Double]

    /// Start time of bin `k`, ms.
    public func binStart(_ k: Int) -> Double { Double(k) * binWidth }

    /// The histogram of a run's spikes in one pass over them: memory independent of the
    /// number of spikes.
    public init<Spikes: SpikeRuns>(_ spikes: Spikes, binWidth: Double = 1) throws(Spikes.Failure) {
        try self.init(populations: spikes.populations, simulationTime: spikes.simulationTime, binWidth: binWidth) {
            (add) throws(Spikes.Failure) in
            try spikes.forEachRun { population, _, times in add(population, times) }
        }
    }

    /// Counts the spike times that `feed` hands over per population (layout index).
    private init<Failure: Error>(populations: PopulationGIDs, simulationTime end: Double, binWidth: Double,
                                 feed: ((Int, UnsafeBufferPointer<Double>) -> Void) throws(Failure) -> Void) throws(Failure) {
        let binCount = Int(end / binWidth)
        let layout = populations.layout
        var counts = [Double](repeating: 0, count: layout.count * binCount)
        // np.histogram's uniform-bin rule: index = floor((t − lo)·n/(hi − lo)), corrected
        // against the linspace edges, t = hi in the last bin, outside values dropped.
        let scale = Double(binCount) / end
        let edgeStep = end / Double(binCount)
        try counts.withUnsafeMutableBufferPointer { (counts) throws(Failure) in
            try feed { population, times in
                let base = population * binCount
                for time in times {
                    guard time >= 0 && time <= end else { continue }
                    var bin = Int(time * scale)
                    if bin == binCount { bin -= 1 }
                    if time < Double(bin) * edgeStep { bin -= 1 }
                    if bin + 1 < binCount && time >= Double(bin + 1) * edgeStep { bin += 1 }
                    counts[base + bin] += 1
                }
            }
        }
        var populationRates = counts
        for population in 0..<layout.count {
            let neurons = Double(populations.neuronCounts[population])
            guard neurons > 0 else { continue }
            for bin in 0..<binCount { populationRates[population * binCount + bin] /= binWidth * neurons }
        }
        var areaRates = [Double](repeating: 0, count: layout.areas.count * binCount)
        for area in 0..<layout.areas.count {
            let neurons = Double(populations.neuronCount(ofArea: area))
            guard neurons > 0 else { continue }
            for population in area * PopulationLayout.populationsPerArea..<(area + 1) * PopulationLayout.populationsPerArea {
                for bin in 0..<binCount { areaRates[area * binCount + bin] += counts[population * binCount + bin] }
            }
            for bin in 0..<binCount { areaRates[area * binCount + bin] /= binWidth * neurons }
        }
        self.binWidth = binWidth
        self.binCount = binCount
        self.populationRatesKHz = populationRates
        self.areaRatesKHz = areaRates
        self.populationCounts = counts
    }
}

extension RateHistogram {
    /// Index of the area with the highest mean rate from `start` (ms) to the end.
    public func busiestArea(from start: Double) -> Int {
        let firstBin = min(binCount, Int(start / binWidth))
        let areas = areaRatesKHz.count / max(binCount, 1)
        let sum = { (area: Int) in areaRatesKHz[area * binCount + firstBin..<(area + 1) * binCount].reduce(0, +) }
        return (0..<areas).max { sum($0) < sum($1) } ?? 0
    }
}
