import Foundation
import Model
import Spiking

/// Rates of a finished simulation for the end-of-run summary: E and I mean rates (per neuron)
/// and the busiest and quietest populations, from `rateWindowStart` on.
struct SimulationRateSummary {
    let result: SimulationResult
    let network: Network

    var text: String {
        let rates = result.populationRates()
        let populations = network.nonEmptyPopulations
        func neuronWeightedMean(_ cellType: CellType) -> Double {
            let members = populations.filter { network.layout.population(at: $0).cellType == cellType }
            let neurons = members.reduce(0) { $0 + network.neuronCounts[$1] }
            return neurons > 0 ? members.reduce(0) { $0 + rates[$1] * Double(network.neuronCounts[$1]) } / Double(neurons) : 0
        }
        let sorted = populations.sorted { rates[$0] > rates[$1] }
        func list(_ indices: ArraySlice<Int>) -> String {
            indices.map { "\(network.layout.population(at: $0).label) \(String(format: "%.2f", rates[$0]))" }.joined(separator: ", ")
        }
        return """
              E / I      \(String(format: "%.2f", neuronWeightedMean(.excitatory))) / \(String(format: "%.2f", neuronWeightedMean(.inhibitory))) spikes/s per neuron
              busiest    \(list(sorted.prefix(3)))
              quietest   \(list(sorted.suffix(3).reversed()[...]))
            """
    }
}
