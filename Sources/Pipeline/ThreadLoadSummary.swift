import Foundation
import Model
import Spiking

/// How evenly a network's work spreads over 1 to 256 threads at given population rates
/// (`ThreadLoad`), as printed by `humam network --thread-load RATES.csv`: per thread count, the
/// imbalance (slowest thread over the mean) and the predicted real-time factor of the engine's
/// partition (equal neurons per thread), of the partition by cost (`simulate --balance-rates`,
/// which shares populations where that is predicted faster) and of the best partition by cost
/// into whole populations (what the partition by cost would be without shared populations).
public struct ThreadLoadSummary: Sendable {
    public struct Row: Sendable {
        public var threads: Int
        public var engineImbalance: Double
        public var engineRealTimeFactor: Double
        public var costImbalance: Double
        public var costRealTimeFactor: Double
        public var wholePopulationImbalance: Double
        public var wholePopulationRealTimeFactor: Double
    }

    public let rows: [Row]
    public let costs: ThreadLoad.UnitCosts
    /// Events per second over the network and the costliest population.
    public let eventsPerSecond: Double
    public let costliestPopulation: String

    public static let threadCounts = [1, 2, 3, 4, 8, 16, 32, 64, 128, 256]

    /// The load of `network` at the rates of `ratesFile` (a CSV area,layer,population,rate_hz:
    /// `humam theory --out` or a run's rates.csv), simulated at `resolution` ms per step.
    public init(network: Network, ratesFile: URL, resolution: Double, costs: ThreadLoad.UnitCosts = .measured) throws(InputError) {
        let rates = try PopulationTable.readRates(ratesFile, of: network)
        let load = ThreadLoad(network: network, rates: rates, resolution: resolution, costs: costs)
        let indexing = NeuronIndexing(neuronCounts: network.neuronCounts)
        rows = Self.threadCounts.map { threads in
            let engine = ThreadPartition.engine(indexing: indexing, threads: threads)
            let byCost = load.costPartition(threads: threads)
            let whole = load.wholePopulationPartition(threads: threads)
            return Row(threads: threads, engineImbalance: load.imbalance(engine), engineRealTimeFactor: load.realTimeFactor(engine),
                       costImbalance: load.imbalance(byCost), costRealTimeFactor: load.realTimeFactor(byCost),
                       wholePopulationImbalance: load.imbalance(whole), wholePopulationRealTimeFactor: load.realTimeFactor(whole))
        }
        self.costs = costs
        eventsPerSecond = load.eventsPerSecond.reduce(0, +)
        let costliest = load.populationCosts.indices.max { load.populationCosts[$0] < load.populationCosts[$1] } ?? 0
        costliestPopulation = network.layout.population(at: costliest).label
    }

    public var text: String {
        var lines = [
            "thread load: \(String(format: "%.3g", eventsPerSecond)) synaptic events per simulated second; costliest population \(costliestPopulation)",
            "  model: \(String(format: "%.1f", costs.neuronStep * 1e9)) ns per neuron step, \(String(format: "%.1f", costs.event * 1e9)) ns per event on the thread of its target population, ×\(String(format: "%.2f", costs.lockstep)) where threads share a population; real-time factors assume a core per thread at the measured unit costs",
            "  threads   equal neurons: imbalance   RTF   by cost: imbalance   RTF   whole populations by cost: imbalance   RTF",
        ]
        for row in rows {
            lines.append(String(format: "  %7d   %24.2f %6.4g   %18.2f %6.4g   %36.2f %6.4g",
                                row.threads, row.engineImbalance, row.engineRealTimeFactor, row.costImbalance,
                                row.costRealTimeFactor, row.wholePopulationImbalance, row.wholePopulationRealTimeFactor))
        }
        return lines.joined(separator: "\n")
    }
}
