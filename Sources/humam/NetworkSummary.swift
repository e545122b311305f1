import Foundation
import Model

/// The few numbers that describe a built network, as printed by `humam network`.
struct NetworkSummary {
    let network: Network
    let seconds: Double

    var text: String {
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
}
