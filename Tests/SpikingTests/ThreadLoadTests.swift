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

    /// On two and three threads, the best partition into whole populations is the best found by
    /// trying every cut at a population boundary, and it beats equal neurons when one area is
    /// costlier.
    @Test func wholePopulationPartitionIsTheBestAtPopulationBoundaries() {
        let load = ThreadLoad(network: network, rates: rates, resolution: 0.1, costs: costs)
        let indexing = NeuronIndexing(neuronCounts: network.neuronCounts)
        let cuts = indexing.firstNeuron
        let bestOfTwo = cuts.map { load.realTimeFactor(ThreadPartition(boundaries: [0, $0, indexing.neuronCount])) }.min()!
        let bestOfThree = cuts.flatMap { first in
            cuts.filter { $0 >= first }.map { load.realTimeFactor(ThreadPartition(boundaries: [0, first, $0, indexing.neuronCount])) }
        }.min()!
        for (threads, best) in [(2, bestOfTwo), (3, bestOfThree)] {
            let whole = load.wholePopulationPartition(threads: threads)
            #expect(whole.threadCount == threads)
            #expect(whole.boundaries.allSatisfy { cuts.contains($0) })
            #expect(abs(load.realTimeFactor(whole) - best) <= 1e-8 * best)
        }
        #expect(load.imbalance(load.wholePopulationPartition(threads: 2)) < load.imbalance(.engine(indexing: indexing, threads: 2)))
    }

    /// The partition by cost that shares populations gives every thread its share of the cost to
    /// within twice the snap (1 % of a share) and one neuron's cost, however many threads: with
    /// more threads than populations it shares populations, where whole populations leave the
    /// costliest one's cost as the real-time factor.
    @Test func sharedCostPartitionSharesLargePopulations() {
        let load = ThreadLoad(network: network, rates: rates, resolution: 0.1, costs: costs)
        let indexing = NeuronIndexing(neuronCounts: network.neuronCounts)
        let total = load.populationCosts.reduce(0, +)
        let neuronCost = load.populationCosts.indices.map { load.populationCosts[$0] / Double(max(network.neuronCounts[$0], 1)) }.max()!
        for threads in [1, 2, 3, 8, 64] {
            let byCost = load.sharedCostPartition(threads: threads)
            #expect(byCost.threadCount == threads)
            let share = total / Double(threads)
            for cost in load.threadCosts(byCost) {
                #expect(abs(cost - share) <= 2 * (0.01 * share + neuronCost), "\(threads) threads: \(cost) against \(share)")
            }
        }
        let many = load.sharedCostPartition(threads: 64)
        #expect(!many.boundaries.allSatisfy { indexing.firstNeuron.contains($0) })
        let whole = load.wholePopulationPartition(threads: 64)
        #expect(abs(load.realTimeFactor(whole) - load.populationCosts.max()!) <= 1e-8 * load.populationCosts.max()!)
        #expect(load.realTimeFactor(many) < load.realTimeFactor(whole) / 4)
    }

    /// Where a population boundary lies within the snap of a cut, the partition by cost cuts
    /// there, else inside the population. Without events the cost is the neurons': on three
    /// threads of 560 the cuts fall at 186.7 and 373.3, 13.3 neurons (7 % of a share) from the
    /// population boundaries at 200 and 360.
    @Test func costPartitionSnapsToPopulationBoundaries() {
        let load = ThreadLoad(network: network, rates: (0..<network.populationCount).map { _ in 0 }, resolution: 0.1,
                              costs: ThreadLoad.UnitCosts(neuronStep: 1e-9, event: 0))
        #expect(load.sharedCostPartition(threads: 3).boundaries == [0, 187, 373, 560])
        #expect(load.sharedCostPartition(threads: 3, snap: 0.1).boundaries == [0, 200, 360, 560])
    }

    /// The partition by cost is whichever of whole populations and shared ones is predicted
    /// faster, the lock-step factor of shared populations counted: with a factor of 1.3, whole
    /// populations on 2 threads (imbalance near 1 either way) and shared ones on 64 (where one
    /// population is several threads' share).
    @Test func costPartitionSharesOnlyWhereItPays() {
        for lockstep in [1, ThreadLoad.UnitCosts.measured.lockstep, 1.3] {
            var lockstepCosts = costs
            lockstepCosts.lockstep = lockstep
            let load = ThreadLoad(network: network, rates: rates, resolution: 0.1, costs: lockstepCosts)
            for threads in [1, 2, 3, 8, 64] {
                let whole = load.wholePopulationPartition(threads: threads), shared = load.sharedCostPartition(threads: threads)
                let byCost = load.costPartition(threads: threads)
                #expect(load.realTimeFactor(byCost) == min(load.realTimeFactor(whole), load.realTimeFactor(shared)))
                let slowest = load.threadCosts(shared).max()!
                #expect(load.realTimeFactor(shared) == slowest * (load.sharesPopulations(shared) ? lockstep : 1))
            }
            if lockstep == 1.3 {
                #expect(!load.sharesPopulations(load.costPartition(threads: 2)))
            }
            #expect(load.sharesPopulations(load.costPartition(threads: 64)))
        }
    }
}
