import Foundation
import Model

/// The few numbers that describe a built network, as printed by `humam network` and written by
/// `humam network --out` as summary.json.
public struct NetworkSummary: Sendable {
    public let network: Network
    /// Construction time, s.
    public let seconds: Double

    public init(network: Network, seconds: Double) {
        self.network = network
        self.seconds = seconds
    }

    public var text: String {
        let populations = network.nonEmptyPopulations.count
        let neurons = network.totalNeurons
        let meanIndegree = neurons > 0 ? Double(network.totalSynapses) / Double(neurons) : 0
        let scaling = network.parameters.downscaling
        var lines = [
            "HuMAM network \(network.contentHash)",
            "  areas                 \(network.layout.areas.count)",
            "  populations           \(populations) non-empty of \(network.populationCount)",
            "  neurons               \(neurons.formatted())",
            "  internal synapses     \(network.totalSynapses.formatted())",
            "  external synapses     \(network.totalExternalSynapses.formatted())",
            "  mean indegree         \(String(format: "%.1f", meanIndegree)) internal synapses per neuron",
        ]
        if scaling.isDownscaled {
            lines.append("  down-scaling          N × \(scaling.neuronScaling), K × \(scaling.indegreeScaling) (\(scaling.mode.rawValue))")
        }
        lines.append("  built in              \(String(format: "%.3f", seconds)) s")
        return lines.joined(separator: "\n")
    }

    /// summary.json: totals, scaling, `network_hash` and the construction time (s).
    public func json() throws -> String {
        let summary: [String: Any] = [
            "network_hash": network.contentHash,
            "neurons": network.totalNeurons,
            "synapses_internal": network.totalSynapses,
            "synapses_external": network.totalExternalSynapses,
            "populations": network.nonEmptyPopulations.count,
            "areas": network.layout.areas.count,
            "N_scaling": network.parameters.downscaling.neuronScaling,
            "K_scaling": network.parameters.downscaling.indegreeScaling,
            "downscaling": network.parameters.downscaling.mode.rawValue,
            "construction_seconds": seconds,
        ]
        let data = try JSONSerialization.data(withJSONObject: summary, options: [.prettyPrinted, .sortedKeys])
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
