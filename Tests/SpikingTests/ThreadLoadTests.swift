import Model
import Testing
import TestSupport
@testable import Spiking

/// The thread-load model against sums done by hand on the small test network, and its
/// partitions against the engine's and against the best cut found by trying every one.
@Suite struct ThreadLoadTests {
    let network = TestNetworks.small()
    let costs = ThreadLoad.UnitCosts(neuronStep: 4e-9, event: 20e-9)

    /// Rates that make area alpha's populations costlier than beta's.
    var rates: [Double] {
        (0..<network.populationCount).map { network.layout.population(at: $0).area == "alpha" ? 12 : 1.5 }
    }

    /// Events on a population are the synapses from each source times the source's rate; a
    /// population costs its neuron steps and its events.
    @Test func eventsAndCostsAreTheHandSums() {
        let load = ThreadLoad(network: network, rates: rates, resolution: 0.1, costs: costs)
        let count = network.populationCount
        for target in 0..<count {
            var events = 0.0
            for source in 0..<count where network.weights[target * count + source] != 0 {
                events += Double(network.synapseCounts[target * count + source]) * rates[source]
            }
            #expect(load.eventsPerSecond[target] == events)
            let cost = Double(network.neuronCounts[target]) * 10_000 * 4e-9 + events * 20e-9
            #expect(abs(load.populationCosts[target] - cost) <= 1e-15 * cost)
        }
    }

    /// One thread carries everything; a thread's cost is its populations' sum, and the real-time
    /// factor the slowest thread's.
    @Test func threadCostsSumThePopulations() {
        let load = ThreadLoad(network: network, rates: rates, resolution: 0.1, costs: costs)
        let indexing = NeuronIndexing(neuronCounts: network.neuronCounts)
        let total = load.populationCosts.reduce(0, +)
        let one = ThreadPartition.engine(indexing: indexing, threads: 1)
        #expect(abs(load.realTimeFactor(one) - total) <= 1e-12 * total)
        #expect(load.imbalance(one) == 1)
        for threads in 2...4 {
            let partition = ThreadPartition.engine(indexing: indexing, threads: threads)
            let perThread = load.threadCosts(partition)
            #expect(abs(perThread.reduce(0, +) - total) <= 1e-12 * total)
            #expect(load.realTimeFactor(partition) == perThread.max())
            #expect(abs(load.imbalance(partition) - perThread.max()! / (total / Double(threads))) <= 1e-12)
        }
    }

    /// The engine's partition is the one a simulation uses.
    @Test func enginePartitionIsTheSimulations() throws {
        let indexing = NeuronIndexing(neuronCounts: network.neuronCounts)
        for threads in 1...3 {
            var parameters = SimulationParameters()
            parameters.threads = threads
            parameters.duration = 1
            let simulation = try Simulation(network: network, parameters: parameters)
            #expect(simulation.partition.boundaries == ThreadPartition.engine(indexing: indexing, threads: threads).boundaries)
        }
    }

    /// On two threads, the partition by cost is the best cut at a population boundary (found by
    /// trying each), and it beats equal neurons when one area is costlier.
    @Test func costPartitionIsTheBestCutOnTwoThreads() {
        let load = ThreadLoad(network: network, rates: rates, resolution: 0.1, costs: costs)
        let indexing = NeuronIndexing(neuronCounts: network.neuronCounts)
        let best = indexing.firstNeuron.map { cut in
            load.imbalance(ThreadPartition(boundaries: [0, cut, indexing.neuronCount]))
        }.min()!
        let byCost = load.costPartition(threads: 2)
        #expect(load.imbalance(byCost) == best)
        #expect(indexing.firstNeuron.contains(byCost.boundaries[1]))
        #expect(load.imbalance(byCost) < load.imbalance(.engine(indexing: indexing, threads: 2)))
    }

    /// No partition of whole populations beats the costliest population's share, and with more
    /// threads than populations some threads stay empty.
    @Test func wholePopulationBound() {
        let load = ThreadLoad(network: network, rates: rates, resolution: 0.1, costs: costs)
        let total = load.populationCosts.reduce(0, +)
        #expect(load.wholePopulationBound(threads: 1) == 1)
        let threads = 64
        #expect(load.wholePopulationBound(threads: threads) == load.populationCosts.max()! / (total / Double(threads)))
        #expect(load.imbalance(load.costPartition(threads: threads)) >= load.wholePopulationBound(threads: threads) * (1 - 1e-12))
    }
}
