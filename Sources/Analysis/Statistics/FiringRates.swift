import Model

/// Time-averaged firing rates (`PopulationRate`, the original's `Analysis.meanFiringRate`).
public enum FiringRates {
    /// Mean rate per population in layout order, spikes/s: spikes with `start ≤ t < stop`
    /// divided by the population size and the window length (ms). `stop` defaults to the
    /// simulated time. Empty populations and an empty window get NaN. One pass over the spikes.
    public static func populationRates<Spikes: SpikeRuns>(_ spikes: Spikes, start: Double = PopulationRate.notebookWindowStart,
                                                          stop: Double? = nil) throws(Spikes.Failure) -> [Double] {
        let stop = stop ?? spikes.simulationTime
        var counts = [Int](repeating: 0, count: spikes.populations.layout.count)
        try spikes.forEachRun { population, _, times in
            for time in times where time >= start && time < stop { counts[population] += 1 }
        }
        return counts.indices.map { population in
            PopulationRate.spikesPerSecond(spikes: counts[population], neurons: spikes.populations.neuronCounts[population],
                                           windowMs: stop - start)
        }
    }
}
