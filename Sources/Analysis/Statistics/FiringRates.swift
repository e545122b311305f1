import Model

/// Time-averaged firing rates of spike trains (`PopulationRate`, the original's
/// `Analysis.meanFiringRate`).
public enum FiringRates {
    /// Mean rate per population in layout order, spikes/s: spikes with `start ≤ t < stop`
    /// divided by the population size and the window length (ms). `stop` defaults to the
    /// simulated time. Empty populations and an empty window get NaN.
    public static func populationRates(_ record: SpikeTrains, start: Double = PopulationRate.notebookWindowStart,
                                       stop: Double? = nil) -> [Double] {
        let stop = stop ?? record.simulationTime
        var rates = [Double](repeating: .nan, count: record.populations.layout.count)
        record.times.withUnsafeBufferPointer { times in
            for population in rates.indices where record.populations.neuronCounts[population] > 0 {
                let neurons = record.neurons(ofPopulation: population)
                var count = 0
                for offset in record.neuronOffsets[neurons.lowerBound]..<record.neuronOffsets[neurons.upperBound] {
                    let time = times[offset]
                    if time >= start && time < stop { count += 1 }
                }
                rates[population] = PopulationRate.spikesPerSecond(spikes: count, neurons: neurons.count, windowMs: stop - start)
            }
        }
        return rates
    }
}
