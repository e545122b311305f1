import Model

/// Time-averaged firing rates (the original's `Analysis.meanFiringRate`).
public enum FiringRates {
    /// Mean rate per population in layout order, spikes/s: spikes with `start ≤ t < stop`
    /// divided by the population size and the window length. `stop` defaults to the simulated
    /// time. Empty populations get NaN.
    public static func populationRates(_ record: SpikeTrains, start: Double = 500,
                                       stop: Double? = nil) -> [Double] {
        let stop = stop ?? record.simulationTime
        let seconds = (stop - start) / 1000
        var rates = [Double](repeating: .nan, count: record.populations.layout.count)
        record.times.withUnsafeBufferPointer { times in
            for population in rates.indices where record.populations.neuronCounts[population] > 0 {
                let neurons = record.neurons(ofPopulation: population)
                var count = 0
                for offset in record.neuronOffsets[neurons.lowerBound]..<record.neuronOffsets[neurons.upperBound] {
                    let time = times[offset]
                    if time >= start && time < stop { count += 1 }
                }
                rates[population] = Double(count) / Double(neurons.count) / seconds
            }
        }
        return rates
    }
}
