import Foundation
import Model
import RunFormat

/// Irregularity of spike trains from their inter-spike intervals, averaged over the neurons of a
/// population that fired at least `minimumSpikes` times in the window (the original's `cvIsi`,
/// `LV` and `calculate_lv` in `src/analysis.py`, used with `min_spikes = 10`). Populations with
/// no such neuron get NaN, as do empty populations: the measure is undefined there (the
/// original writes 0, which reads as perfectly regular firing).
///
/// One pass over the spikes with a few numbers per neuron (`IntervalAccumulator`), so memory
/// grows with the number of neurons, not of spikes.
public enum InterspikeIntervals {
    /// The original's `min_spikes`.
    public static let defaultMinimumSpikes = 10

    /// Mean coefficient of variation of the ISIs, std/mean with the population SD (numpy's
    /// `np.std`; here by Welford's update, equal to numpy's two passes up to rounding).
    /// Window: `t ≥ start` and, if given, `t ≤ stop`.
    public static func coefficientOfVariation<Spikes: SpikeRuns>(_ spikes: Spikes, start: Double = PopulationRate.notebookWindowStart, stop: Double? = nil,
                                                                 minimumSpikes: Int = defaultMinimumSpikes) throws(Spikes.Failure) -> [Double] {
        try irregularity(spikes, start: start, stop: stop, minimumSpikes: minimumSpikes).coefficientOfVariation
    }

    /// Mean revised local variation LvR with refractoriness `refractoryPeriod` (ms)
    /// (Shinomoto et al. 2009, PLoS Comput Biol 5:e1000433, Eq. 3; the original's `calculate_lv`):
    /// LvR = 3/(n−1) Σ (1 − 4 I_i I_{i+1}/(I_i + I_{i+1})²)(1 + 4R/(I_i + I_{i+1})).
    public static func revisedLocalVariation<Spikes: SpikeRuns>(_ spikes: Spikes, refractoryPeriod: Double = 2,
                                                                start: Double = PopulationRate.notebookWindowStart, stop: Double? = nil,
                                                                minimumSpikes: Int = defaultMinimumSpikes) throws(Spikes.Failure) -> [Double] {
        try irregularity(spikes, refractoryPeriod: refractoryPeriod, start: start, stop: stop,
                         minimumSpikes: minimumSpikes).revisedLocalVariation
    }

    /// CV and LvR (as above) from one pass over the spikes. LvR needs at least 3 spikes.
    public static func irregularity<Spikes: SpikeRuns>(_ spikes: Spikes, refractoryPeriod: Double = 2,
                                                       start: Double = PopulationRate.notebookWindowStart, stop: Double? = nil,
                                                       minimumSpikes: Int = defaultMinimumSpikes) throws(Spikes.Failure)
        -> (coefficientOfVariation: [Double], revisedLocalVariation: [Double]) {
        let neurons = try IntervalAccumulator(spikes, start: start, stop: stop, refractoryPeriod: refractoryPeriod)
        let cv = neurons.populationMeans(minimumSpikes: minimumSpikes) { neuron in
            (neurons.squaredDeviations[neuron] / Double(neurons.spikeCounts[neuron] - 1)).squareRoot() / neurons.meanIntervals[neuron]
        }
        let lvr = neurons.populationMeans(minimumSpikes: max(minimumSpikes, 3)) { neuron in
            3 * neurons.localVariationSums[neuron] / Double(neurons.spikeCounts[neuron] - 2)
        }
        return (cv, lvr)
    }
}

/// Per neuron, over its spikes in a window taken in time order: the count, Welford's running
/// mean and sum of squared deviations of the intervals, and the sum of the LvR terms of
/// consecutive interval pairs.
struct IntervalAccumulator {
    let populations: PopulationGIDs
    let firstGID: Int
    private(set) var spikeCounts: [Int32]
    private(set) var meanIntervals: [Double]
    private(set) var squaredDeviations: [Double]
    private(set) var localVariationSums: [Double]

    /// The original filters with `if t_start:` and `if t_stop:`, so a start of 0 means no filter.
    init<Spikes: SpikeRuns>(_ spikes: Spikes, start: Double, stop: Double?, refractoryPeriod: Double) throws(Spikes.Failure) {
        populations = spikes.populations
        let range = spikes.populations.gidRange
        firstGID = range.lowerBound
        let count = max(range.count, 0)
        var spikeCounts = [Int32](repeating: 0, count: count)
        var lastTimes = [Double](repeating: 0, count: count)
        var previousIntervals = [Double](repeating: 0, count: count)
        var means = [Double](repeating: 0, count: count)
        var deviations = [Double](repeating: 0, count: count)
        var localVariation = [Double](repeating: 0, count: count)
        let low = firstGID
        try spikes.forEachRun { _, gids, times in
            for index in 0..<gids.count {
                let time = times[index]
                guard (start == 0 || time >= start) && (stop.map { time <= $0 } ?? true) else { continue }
                let neuron = Int(gids[index]) - low
                let seen = spikeCounts[neuron]
                if seen >= 1 {
                    let interval = time - lastTimes[neuron]
                    let intervals = Double(seen)
                    let delta = interval - means[neuron]
                    means[neuron] += delta / intervals
                    deviations[neuron] += delta * (interval - means[neuron])
                    if seen >= 2 {
                        let previous = previousIntervals[neuron], pair = previous + interval
                        localVariation[neuron] += (1 - 4 * previous * interval / (pair * pair)) * (1 + 4 * refractoryPeriod / pair)
                    }
                    previousIntervals[neuron] = interval
                }
                lastTimes[neuron] = time
                spikeCounts[neuron] = seen + 1
            }
        }
        self.spikeCounts = spikeCounts
        meanIntervals = means
        squaredDeviations = deviations
        localVariationSums = localVariation
    }

    /// `measure` of every neuron with at least `minimumSpikes` (and 2) spikes in the window,
    /// averaged per population; NaN where no neuron qualifies.
    func populationMeans(minimumSpikes: Int, measure: (Int) -> Double) -> [Double] {
        var result = [Double](repeating: .nan, count: populations.layout.count)
        for population in result.indices where populations.neuronCounts[population] > 0 {
            var sum = 0.0
            var neurons = 0
            let first = populations.firstGID[population] - firstGID
            for neuron in first..<first + populations.neuronCounts[population]
            where Int(spikeCounts[neuron]) >= max(minimumSpikes, 2) {
                sum += measure(neuron)
                neurons += 1
            }
            result[population] = neurons > 0 ? sum / Double(neurons) : .nan
        }
        return result
    }
}
