import Foundation
import Model

/// What a simulation will hold in memory, estimated before anything is allocated.
public struct MemoryEstimate: Sendable {
    public var neurons: Int
    public var synapses: Int
    /// Stored or procedural connectivity.
    public var mode: ConnectivityMode
    /// Neuron state, parameters and external drive.
    public var neuronBytes: Int
    /// Stored: 10 bytes per synapse plus per-source offsets. Procedural: 2 bytes per row
    /// (source neuron × pathway).
    public var synapseBytes: Int
    /// Events in flight, assuming every neuron fires at `assumedRate`. Recorded spikes are not
    /// held: the engine streams them to its sink (the run folder's spike files) as they come, so
    /// the estimate does not grow with the simulated time.
    public var activityBytes: Int

    /// Firing rate assumed for the activity part, spikes/s: stored connectivity serves
    /// down-scaled networks (the notebook's fires at 36/s with the original down-scaling),
    /// procedural connectivity large ones near the full-scale state (0.44/s per neuron in the
    /// chi-1 theory, 0.58/s measured; 17/s in the high state at chi 2.5).
    public static func assumedRate(_ mode: ConnectivityMode) -> Double { mode == .procedural ? 5 : 50 }
    /// Fixed cost of the process (binary, runtime, Foundation), bytes.
    public static let baseBytes = 40_000_000

    public init(network: Network, parameters: SimulationParameters) {
        neurons = network.totalNeurons
        synapses = network.totalSynapses
        mode = (parameters.connectivity ?? .auto).resolved(network: network, rule: parameters.connectionRule)
        neuronBytes = neurons * (IAFPSCExp.bytesPerNeuron + ExternalDrive.bytesPerNeuron)
        if mode == .procedural {
            synapseBytes = ProceduralConnectivity.rowCount(network: network) * ProceduralConnectivity.bytesPerRow
        } else {
            synapseBytes = synapses * SynapseStore.bytesPerSynapse + (neurons * parameters.threads + 1) * 8
        }
        let rate = Self.assumedRate(mode)
        var delayWeightedSynapses = 0.0
        for element in network.synapseCounts.indices where network.synapseCounts[element] > 0 {
            delayWeightedSynapses += Double(network.synapseCounts[element]) * network.delayMeans[element]
        }
        // Events in flight: synapses × rate × mean delay; growable slots may hold twice that.
        let eventsInFlight = delayWeightedSynapses * rate * 1e-3
        // Plus one partly filled chunk per ring slot (at most 4096 slots for delays up to 409.6 ms).
        let chunkSlack = parameters.threads * 4096 * EventRing<SynapticEvent>.chunkSize * MemoryLayout<SynapticEvent>.stride
        // Stored: 8-byte events, pools growing by doubling. Procedural: 7-byte row segments of
        // at least about 6 synapses each (measured at full scale: 12.7 at chi 1, 7.8 at chi 2.5).
        let bytesPerEvent = mode == .procedural
            ? Double(EventRing<RowSegment>.elementSize) / 6 : 2.0 * Double(MemoryLayout<SynapticEvent>.stride)
        // Capped where it would not fit an Int (long delays): far beyond any memory then.
        activityBytes = Int(min(eventsInFlight * bytesPerEvent, 0x1p60)) + chunkSlack
    }

    public var totalBytes: Int { Self.baseBytes + neuronBytes + synapseBytes + activityBytes }

    /// Refuses a simulation whose estimate exceeds `availableBytes`, saying what to change: the
    /// connectivity where procedural rows would fit, else the largest scaling that fits.
    public func check(network: Network, parameters: SimulationParameters, availableBytes: Int) throws(InputError) {
        guard totalBytes > availableBytes else { return }
        let advice: String
        var procedural = parameters
        procedural.connectivity = .procedural
        let proceduralEstimate = MemoryEstimate(network: network, parameters: procedural)
        if mode == .stored, proceduralEstimate.totalBytes <= availableBytes {
            advice = "give --connectivity procedural (about \(proceduralEstimate.totalBytes / 1_000_000) MB: synapses drawn when a spike arrives instead of stored)"
        } else {
            let scaling = network.parameters.downscaling.neuronScaling
            let fitting = largestFittingScaling(scaling: scaling, availableBytes: availableBytes)
            advice = fitting > 0
                ? "lower --scaling to about \(String(format: "%.3g", fitting)) (now \(String(format: "%.3g", scaling)))"
                : "free memory for humam: even the smallest network does not fit"
        }
        throw InputError("the simulation needs about \(totalBytes / 1_000_000) MB with \(mode.rawValue) connectivity (\(synapses) synapses, \(neurons) neurons; neurons \(neuronBytes / 1_000_000) MB, connectivity \(synapseBytes / 1_000_000) MB, events in flight \(activityBytes / 1_000_000) MB) but only \(availableBytes / 1_000_000) MB are available: \(advice). The simulated time does not count: spikes go to disk as they come")
    }

    /// Memory the system can give this process (`MemAvailable` in /proc/meminfo, else the
    /// physical memory), or nil if unknown.
    public static var availableBytes: Int? {
        if let info = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8) {
            for line in info.split(separator: "\n") where line.hasPrefix("MemAvailable:") {
                let fields = line.split(separator: " ", omittingEmptySubsequences: true)
                if fields.count >= 2, let kilobytes = Int(fields[1]) { return kilobytes * 1024 }
            }
        }
        let bytes = ProcessInfo.processInfo.physicalMemory
        return bytes > 0 ? Int(bytes) : nil
    }

    /// The largest down-scaling factor whose network fits in `availableBytes`, if this network
    /// was built with factor `scaling` for both neurons and indegrees: neuron (and procedural
    /// row) memory grows like the factor, stored synapse and activity memory like its square
    /// (N × K).
    public func largestFittingScaling(scaling: Double, availableBytes: Int) -> Double {
        let budget = Double(availableBytes - Self.baseBytes)
        guard budget > 0 else { return 0 }
        let rowsAreLinear = mode == .procedural
        let linear = Double(neuronBytes + (rowsAreLinear ? synapseBytes : 0))
        let quadratic = Double((rowsAreLinear ? 0 : synapseBytes) + activityBytes)
        // Solve quadratic · r² + linear · r = budget for the ratio r of factors.
        let ratio = quadratic > 0 ? (-linear + (linear * linear + 4 * quadratic * budget).squareRoot()) / (2 * quadratic)
                                  : budget / max(linear, 1)
        return min(1, scaling * ratio)
    }
}
