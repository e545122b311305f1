/// Time-averaged firing rates as the original's `Analysis.meanFiringRate` computes them: spikes
/// in a window `start ≤ t < stop` divided by the neurons and the window's length. `humam simulate`
/// (rates.csv, run.json), `humam analyze` and `humam report` all take rates from here.
public enum PopulationRate {
    /// The original's start of the rate window, ms: the initial transient is left out.
    public static let notebookWindowStart = 500.0

    /// The start of the rate window of a run of `duration` ms: `notebookWindowStart`, or 0 when
    /// the run is not longer than that.
    public static func windowStart(duration: Double) -> Double {
        duration > notebookWindowStart ? notebookWindowStart : 0
    }

    /// The mean over neurons of population rates (spikes/s per neuron): Σ rate_p · N_p / Σ N_p over
    /// `populations`, summed in their order; NaN (undefined) without neurons.
    public static func neuronWeightedMean(_ rates: [Double], neuronCounts: [Int], populations: [Int]) -> Double {
        let neurons = populations.reduce(0) { $0 + neuronCounts[$1] }
        return neurons > 0 ? populations.reduce(0) { $0 + rates[$1] * Double(neuronCounts[$1]) } / Double(neurons) : .nan
    }

    /// Spikes/s per neuron: `spikes` of `neurons` neurons in a window of `windowMs` ms; NaN
    /// (undefined) without neurons or for an empty window.
    public static func spikesPerSecond(spikes: Int, neurons: Int, windowMs: Double) -> Double {
        let seconds = windowMs / 1000
        return neurons > 0 && seconds > 0 ? Double(spikes) / Double(neurons) / seconds : .nan
    }
}
