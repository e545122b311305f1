import Foundation
import Model
import Spiking

/// The rates of a finished simulation in brief, for the end-of-run summary: neuron-weighted mean
/// rates of the excitatory and the inhibitory populations, and the busiest and the quietest
/// populations (rates from `SimulationResult.rateWindowStart` on).
public struct PopulationRateSummary: Sendable {
    /// Mean rate over the neurons of all excitatory populations, spikes/s (0 without neurons).
    public var excitatoryHz: Double
    /// Mean rate over the neurons of all inhibitory populations, spikes/s (0 without neurons).
    public var inhibitoryHz: Double
    /// The `count` non-empty populations with the highest rates, highest first: label, spikes/s.
    public var busiest: [(label: String, rateHz: Double)]
    /// The `count` non-empty populations with the lowest rates, lowest first: label, spikes/s.
    public var quietest: [(label: String, rateHz: Double)]

    public init(result: SimulationResult, network: Network, count: Int = 3) {
        let rates = result.populationRates()
        let populations = network.nonEmptyPopulations
        func neuronWeightedMean(_ cellType: CellType) -> Double {
            PopulationRate.neuronWeightedMean(rates, neuronCounts: network.neuronCounts,
                                              populations: populations.filter { network.layout.population(at: $0).cellType == cellType })
        }
        let sorted = populations.sorted { rates[$0] > rates[$1] }
        func entries(_ indices: some Sequence<Int>) -> [(label: String, rateHz: Double)] {
            indices.map { (network.layout.population(at: $0).label, rates[$0]) }
        }
        excitatoryHz = neuronWeightedMean(.excitatory)
        inhibitoryHz = neuronWeightedMean(.inhibitory)
        busiest = entries(sorted.prefix(count))
        quietest = entries(sorted.suffix(count).reversed())
    }
}
