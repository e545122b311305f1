import Foundation

/// The size of a run's spikes, as the analysis commands report it first.
public struct SpikeTotals: Sendable, Equatable {
    public var spikeCount: Int
    /// Neurons of the run (its GID range).
    public var neuronCount: Int
    /// Simulated time, ms.
    public var simulationTime: Double

    public init(_ spikes: SpikeSource) {
        spikeCount = spikes.spikeCount
        neuronCount = spikes.populations.gidRange.count
        simulationTime = spikes.simulationTime
    }
}
