import COpenBLAS
import Model

/// Mean pairwise Pearson correlation of binned spike counts within each population (the
/// original's `correlation`, `instantaneous_spike_count` and `strip_binned_spiketrains`, taken
/// from INM-6/correlation-toolbox). Per population: the neurons that fired at least once (in GID
/// order, as the original's spike-train list), their spike counts in bins of `binWidth` from
/// `start` to `stop` (last bin closed), trains with constant counts dropped, then the first
/// `subsample` of them; the result is the mean of the off-diagonal correlation coefficients
/// (`undefined` with fewer than two trains: 0 as in the original by default; NaN for empty
/// populations).
///
/// The original takes the *first* `subsample` trains, not a random draw, so the result is
/// deterministic; with fewer trains than `subsample` (every population of the down-scaled
/// network) all are used. The correlation matrix is one `dsyrk` of the centred, normalised counts.
public enum SpikeCountCorrelation {
    public static func populationMeans(_ record: SpikeTrains, binWidth: Double = 1, start: Double = 500,
                                       stop: Double? = nil, subsample: Int = 2000, undefined: Double = 0) -> [Double] {
        let stop = stop ?? record.simulationTime
        // np.arange(tmin, tmax + tbin, tbin) edges.
        let edgeCount = Int(((stop + binWidth - start) / binWidth).rounded(.up))
        let binCount = edgeCount - 1
        let edges = (0..<edgeCount).map { start + Double($0) * binWidth }
        var result = [Double](repeating: .nan, count: record.populations.layout.count)
        var matrix: [Double] = []
        var product: [Double] = []
        var row = [Double](repeating: 0, count: binCount)
        for population in result.indices where record.populations.neuronCounts[population] > 0 {
            matrix.removeAll(keepingCapacity: true)
            var rows = 0
            for neuron in record.neurons(ofPopulation: population) where rows < subsample {
                let train = record.train(neuron)
                guard !train.isEmpty else { continue }
                for bin in 0..<binCount { row[bin] = 0 }
                for time in train where time >= edges[0] && time <= edges[binCount] {
                    row[bin(of: time, edges: edges)] += 1
                }
                guard let low = row.min(), let high = row.max(), abs(high - low) > 1e-16 else { continue }
                matrix.append(contentsOf: PearsonCorrelation.standardized(row))
                rows += 1
            }
            guard rows > 1 else { result[population] = undefined; continue }
            product = [Double](repeating: 0, count: rows * rows)
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
