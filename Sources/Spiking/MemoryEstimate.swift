import Foundation
import Model

/// What a simulation will hold in memory, estimated before anything is allocated.
public struct MemoryEstimate: Sendable {
    public var neurons: Int
    public var synapses: Int
    /// Neuron state, parameters and external drive.
    public var neuronBytes: Int
    /// Synapse store: 10 bytes per synapse plus per-source offsets.
    public var synapseBytes: Int
    /// Events in flight and recorded spikes, assuming every neuron fires at `assumedRate`.
    public var activityBytes: Int

    /// Firing rate assumed for the activity part, spikes/s (the down-scaled notebook network
    /// fires at 36/s on average).
    public static let assumedRate = 50.0
    /// Fixed cost of the process (binary, runtime, Foundation), bytes.
    public static let baseBytes = 40_000_000

    public init(network: Network, parameters: SimulationParameters) {
        neurons = network.totalNeurons
        synapses = network.totalSynapses
        neuronBytes = neurons * (NeuronState.bytesPerNeuron + ExternalDrive.bytesPerNeuron)
        synapseBytes = synapses * SynapseStore.bytesPerSynapse + (neurons * parameters.threads + 1) * 8
        var delayWeightedSynapses = 0.0
        for element in network.synapseCounts.indices where network.synapseCounts[element] > 0 {
            delayWeightedSynapses += Double(network.synapseCounts[element]) * network.delayMeans[element]
        }
        // Events in flight: synapses × rate × mean delay; growable slots may hold twice that.
        let eventsInFlight = delayWeightedSynapses * Self.assumedRate * 1e-3
        let recordedSpikes = Double(neurons) * Self.assumedRate * parameters.duration * 1e-3
        activityBytes = Int(2 * eventsInFlight * Double(MemoryLayout<SynapticEvent>.stride) + recordedSpikes * 8 * 2)
    }

    public var totalBytes: Int { Self.baseBytes + neuronBytes + synapseBytes + activityBytes }

    /// Physical memory of the machine, or nil if unknown.
    public static var availableBytes: Int? {
        let bytes = ProcessInfo.processInfo.physicalMemory
        return bytes > 0 ? Int(bytes) : nil
    }
}
