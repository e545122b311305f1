import COpenBLAS
import Model

/// Mean pairwise Pearson correlation of binned spike counts within each population (the
/// original's `correlation`, `instantaneous_spike_count` and `strip_binned_spiketrains`, taken
/// from INM-6/correlation-toolbox). Per population: the neurons that fired at least once (in GID
/// order, as the original's spike-train list), their spike counts in bins of `binWidth` from
/// `start` to `stop` (last bin closed), trains with constant counts dropped, then the first
/// `subsample` of them; the result is the mean of the off-diagonal correlation coefficients
/// (NaN, undefined, with fewer than two such trains and for empty populations; the original
/// writes 0 for fewer than two).
///
/// The original takes the *first* `subsample` trains, not a random draw, so the result is
/// deterministic; with fewer trains than `subsample` (every population of the down-scaled
/// network) all are used. The correlation matrix is one `dsyrk` of the centred, normalised counts.
///
/// Two passes over the spikes: the first counts each neuron's spikes in the window, which selects
/// the trains (a train without spikes there is constant, whether or not the neuron fired
/// elsewhere); the second bins the selected trains' spikes only. So memory grows
/// with the neurons and the selected trains, not with all spikes.
public enum SpikeCountCorrelation {
    public static func populationMeans<Spikes: SpikeRuns>(_ spikes: Spikes, binWidth: Double = 1, start: Double = PopulationRate.notebookWindowStart,
                                                          stop: Double? = nil, subsample: Int = 2000) throws(Spikes.Failure) -> [Double] {
        let populations = spikes.populations
        let stop = stop ?? spikes.simulationTime
        // np.arange(tmin, tmax + tbin, tbin) edges.
        let edgeCount = Int(((stop + binWidth - start) / binWidth).rounded(.up))
        let binCount = edgeCount - 1
        let edges = (0..<edgeCount).map { start + Double($0) * binWidth }
        let firstGID = populations.gidRange.lowerBound
        let neuronCount = max(populations.gidRange.count, 0)

        // Pass 1: spikes per neuron in the binned window.
        var inWindow = [Int32](repeating: 0, count: neuronCount)
        try spikes.forEachRun { _, gids, times in
            for index in 0..<gids.count where times[index] >= edges[0] && times[index] <= edges[binCount] {
                inWindow[Int(gids[index]) - firstGID] += 1
            }
        }
        // The trains of each population: those that fired, in GID order, up to `subsample`
        // whose counts certainly vary (some spikes in the window, fewer than bins). A train with
        // a spike in every bin may be constant; such trains are kept as candidates and decided
        // once binned.
        var row = [Int32](repeating: -1, count: neuronCount)
        var selected: [[Int]] = Array(repeating: [], count: populations.layout.count)
        for population in 0..<populations.layout.count where populations.neuronCounts[population] > 0 {
            var varying = 0
            let first = populations.firstGID[population] - firstGID
            for neuron in first..<first + populations.neuronCounts[population] where varying < subsample {
                guard inWindow[neuron] > 0 else { continue }
                row[neuron] = Int32(selected[population].count)
                selected[population].append(neuron)
                if Int(inWindow[neuron]) < binCount { varying += 1 }
            }
        }
        // Pass 2: the selected trains' bins, as (row, bin) per spike, per population.
        var binned: [[(row: Int32, bin: Int32)]] = Array(repeating: [], count: populations.layout.count)
        try spikes.forEachRun { population, gids, times in
            for index in 0..<gids.count {
                let neuron = Int(gids[index]) - firstGID
                let time = times[index]
                guard row[neuron] >= 0, time >= edges[0] && time <= edges[binCount] else { continue }
                binned[population].append((row[neuron], Int32(bin(of: time, edges: edges))))
            }
        }

        var result = [Double](repeating: .nan, count: populations.layout.count)
        var counts: [Double] = []
        var matrix: [Double] = []
        var product: [Double] = []
        for population in result.indices where !selected[population].isEmpty {
            counts = [Double](repeating: 0, count: selected[population].count * binCount)
            for spike in binned[population] { counts[Int(spike.row) * binCount + Int(spike.bin)] += 1 }
            binned[population] = []
            matrix.removeAll(keepingCapacity: true)
            var rows = 0
            for candidate in selected[population].indices where rows < subsample {
                let train = counts[candidate * binCount..<(candidate + 1) * binCount]
                guard let low = train.min(), let high = train.max(), abs(high - low) > 1e-16 else { continue }
                matrix.append(contentsOf: PearsonCorrelation.standardized(Array(train)))
                rows += 1
            }
            guard rows > 1 else { continue }
            product = [Double](repeating: 0, count: rows * rows)
            humam_blas_use_one_thread()
            cblas_dsyrk(CblasRowMajor, CblasUpper, CblasNoTrans, Int32(rows), Int32(binCount), 1,
                        matrix, Int32(binCount), 0, &product, Int32(rows))
            var sum = 0.0
            for i in 0..<rows { for j in i + 1..<rows { sum += min(max(product[i * rows + j], -1), 1) } }
            result[population] = 2 * sum / Double(rows * (rows - 1))
        }
        return result
    }

    /// Bin of `time` for arbitrary ascending `edges`, numpy's rule (last bin closed).
    private static func bin(of time: Double, edges: [Double]) -> Int {
        var low = 0
        var high = edges.count - 1
        while high - low > 1 {
            let middle = (low + high) / 2
            if time >= edges[middle] { low = middle } else { high = middle }
        }
        return low
    }
}
