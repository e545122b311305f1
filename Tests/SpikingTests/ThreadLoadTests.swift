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

    /// On two and three threads, the partition by cost is the best partition at population
    /// boundaries (found by trying every one), and it beats equal neurons when one area is
    /// costlier.
    @Test func costPartitionIsTheBestAtPopulationBoundaries() {
        let load = ThreadLoad(network: network, rates: rates, resolution: 0.1, costs: costs)
        let indexing = NeuronIndexing(neuronCounts: network.neuronCounts)
        let cuts = indexing.firstNeuron
        let bestOfTwo = cuts.map { load.realTimeFactor(ThreadPartition(boundaries: [0, $0, indexing.neuronCount])) }.min()!
        let bestOfThree = cuts.flatMap { first in
            cuts.filter { $0 >= first }.map { load.realTimeFactor(ThreadPartition(boundaries: [0, first, $0, indexing.neuronCount])) }
        }.min()!
        for (threads, best) in [(2, bestOfTwo), (3, bestOfThree)] {
            let byCost = load.costPartition(threads: threads)
            #expect(byCost.threadCount == threads)
            #expect(byCost.boundaries.allSatisfy { cuts.contains($0) })
            #expect(abs(load.realTimeFactor(byCost) - best) <= 1e-8 * best)
        }
        #expect(load.imbalance(load.costPartition(threads: 2)) < load.imbalance(.engine(indexing: indexing, threads: 2)))
    }

    /// No partition of whole populations beats the costliest population's share; with more
    /// threads than populations, the partition by cost leaves some empty.
    @Test func wholePopulationBound() {
        let load = ThreadLoad(network: network, rates: rates, resolution: 0.1, costs: costs)
        let total = load.populationCosts.reduce(0, +)
        #expect(load.wholePopulationBound(threads: 1) == 1)
        let threads = 64
        #expect(load.wholePopulationBound(threads: threads) == load.populationCosts.max()! / (total / Double(threads)))
        let byCost = load.costPartition(threads: threads)
        #expect(byCost.threadCount == threads)
        #expect(load.imbalance(byCost) >= load.wholePopulationBound(threads: threads) * (1 - 1e-12))
        #expect(abs(load.realTimeFactor(byCost) - load.populationCosts.max()!) <= 1e-8 * load.populationCosts.max()!)
    }
}
