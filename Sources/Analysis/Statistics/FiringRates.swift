import Model

/// Time-averaged firing rates (the original's `Analysis.meanFiringRate`).
public enum FiringRates {
    /// Mean rate per population in layout order, spikes/s: spikes with `start ≤ t < stop`
    /// divided by the population size and the window length. `stop` defaults to the simulated
    /// time. Empty populations get NaN. One pass over the spikes.
    public static func populationRates<Spikes: SpikeRuns>(_ spikes: Spikes, start: Double = 500,
                                                          stop: Double? = nil) throws(Spikes.Failure) -> [Double] {
        let stop = stop ?? spikes.simulationTime
        let seconds = (stop - start) / 1000
        var counts = [Int](repeating: 0, count: spikes.populations.layout.count)
        try spikes.forEachRun { population, _, times in
            for time in times where time >= start && time < stop { counts[population] += 1 }
        }
        return counts.indices.map { population in
            let neurons = spikes.populations.neuronCounts[population]
            return neurons > 0 ? Double(counts[population]) / Double(neurons) / seconds : .nan
        }
    }
}
