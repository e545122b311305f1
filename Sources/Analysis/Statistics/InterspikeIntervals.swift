import Foundation
import Model

/// Irregularity of spike trains from their inter-spike intervals, averaged over the neurons of a
/// population that fired at least `minimumSpikes` times in the window (the original's `cvIsi`,
/// `LV` and `calculate_lv` in `src/analysis.py`, used with `min_spikes = 10`). Populations with
/// no such neuron get `undefined`: 0 as in the original by default, NaN where "undefined" must
/// not read as a measured 0 (`humam analyze`); empty populations NaN.
public enum InterspikeIntervals {
    /// Mean coefficient of variation of the ISIs, std/mean with the population SD (numpy's `np.std`).
    /// Window: `t ≥ start` and, if given, `t ≤ stop`.
    public static func coefficientOfVariation(_ record: SpikeTrains, start: Double = 500, stop: Double? = nil,
                                              minimumSpikes: Int = 10, undefined: Double = 0) -> [Double] {
        perPopulation(record, start: start, stop: stop, minimumSpikes: minimumSpikes, undefined: undefined) { intervals in
            let mean = intervals.reduce(0, +) / Double(intervals.count)
            var squares = 0.0
            for interval in intervals { squares += (interval - mean) * (interval - mean) }
            return (squares / Double(intervals.count)).squareRoot() / mean
        }
    }

    /// Mean revised local variation LvR with refractoriness `refractoryPeriod` (ms)
    /// (Shinomoto et al. 2009, PLoS Comput Biol 5:e1000433, Eq. 3; the original's `calculate_lv`):
    /// LvR = 3/(n−1) Σ (1 − 4 I_i I_{i+1}/(I_i + I_{i+1})²)(1 + 4R/(I_i + I_{i+1})).
    public static func revisedLocalVariation(_ record: SpikeTrains, refractoryPeriod: Double = 2,
                                             start: Double = 500, stop: Double? = nil,
                                             minimumSpikes: Int = 10, undefined: Double = 0) -> [Double] {
        perPopulation(record, start: start, stop: stop, minimumSpikes: max(minimumSpikes, 3), undefined: undefined) { intervals in
            var sum = 0.0
            for index in 0..<intervals.count - 1 {
                let pair = intervals[index] + intervals[index + 1]
                sum += (1 - 4 * intervals[index] * intervals[index + 1] / (pair * pair)) * (1 + 4 * refractoryPeriod / pair)
            }
            return 3 * sum / Double(intervals.count - 1)
        }
    }

    /// Applies `measure` to the ISIs of every qualifying neuron and averages per population.
    /// The original filters with `if t_start:` and `if t_stop:`, so a start of 0 means no filter.
    private static func perPopulation(_ record: SpikeTrains, start: Double, stop: Double?, minimumSpikes: Int,
                                      undefined: Double, measure: ([Double]) -> Double) -> [Double] {
        var result = [Double](repeating: .nan, count: record.populations.layout.count)
        var intervals: [Double] = []
        for population in result.indices where record.populations.neuronCounts[population] > 0 {
            var sum = 0.0
            var neurons = 0
            for neuron in record.neurons(ofPopulation: population) {
                let train = record.train(neuron).filter { time in (start == 0 || time >= start) && (stop.map { time <= $0 } ?? true) }
                guard train.count >= minimumSpikes, train.count >= 2 else { continue }
                intervals.removeAll(keepingCapacity: true)
                for index in 1..<train.count { intervals.append(train[index] - train[index - 1]) }
                sum += measure(intervals)
                neurons += 1
            }
            result[population] = neurons > 0 ? sum / Double(neurons) : undefined
        }
        return result
    }
}
