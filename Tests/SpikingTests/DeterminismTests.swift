import Model
import RunFormat
import Testing
import TestSupport
@testable import Spiking

/// Same seed → same spikes; the thread count must not change a single spike.
@Suite struct DeterminismTests {
    static func spikes(threads: Int, seed: UInt64 = 2903, network: Network = TestNetworks.small()) throws -> SpikeRecord {
        var parameters = SimulationParameters()
        parameters.duration = 300
        parameters.threads = threads
        parameters.seed = seed
        return try Simulation(network: network, parameters: parameters).runKeepingSpikes().spikes
    }

    @Test func sameSeedGivesIdenticalSpikes() throws {
        let first = try Self.spikes(threads: 1)
        let second = try Self.spikes(threads: 1)
        // Activity, so that the comparison means something: the small network fires.
        #expect(first.count > 1000)
        #expect(first == second)
    }

    /// Two threads split the two areas (spikes exchanged every few steps, only inter-area
    /// synapses cross); three threads cut inside an area (exchange every step).
    @Test func oneTwoAndThreeThreadsGiveIdenticalSpikes() throws {
        let one = try Self.spikes(threads: 1)
        let two = try Self.spikes(threads: 2)
        let three = try Self.spikes(threads: 3)
        #expect(one.count > 1000)
        #expect(one == two)
        #expect(one == three)
    }

    /// Threads that share the populations by cost (`balanceRates`, here making area alpha 8
    /// times busier) own other neurons than with equal shares, and the spikes stay the same,
    /// with stored and with procedural connectivity.
    @Test func partitionByCostGivesIdenticalSpikes() throws {
        let network = TestNetworks.small()
        let rates = (0..<network.populationCount).map { network.layout.population(at: $0).area == "alpha" ? 16.0 : 2.0 }
        for connectivity in [ConnectivityMode.stored, .procedural] {
            var parameters = SimulationParameters()
            parameters.duration = 300
            parameters.connectivity = connectivity
            let one = try Simulation(network: network, parameters: parameters).runKeepingSpikes().spikes
            for threads in 2...3 {
                parameters.threads = threads
                let equal = try Simulation(network: network, parameters: parameters)
                let balanced = try Simulation(network: network, parameters: parameters, balanceRates: rates)
                #expect(balanced.partition.boundaries != equal.partition.boundaries)
                #expect(try balanced.runKeepingSpikes().spikes == one)
            }
            #expect(one.count > 1000)
        }
    }

    /// Populations shared by threads (the partition by cost that shares populations, on 2, 3, 5
    /// and 8 threads of 14 populations, cuts inside them) give the same spikes, with procedural
    /// connectivity (each thread regenerates its share of the rows onto a shared population) and
    /// with stored connectivity; and a run checkpointed on 8 threads resumes on 5 with the same
    /// spikes.
    @Test func populationsSharedByThreadsGiveIdenticalSpikes() throws {
        let network = TestNetworks.small()
        let rates = (0..<network.populationCount).map { network.layout.population(at: $0).area == "alpha" ? 16.0 : 2.0 }
        let indexing = NeuronIndexing(neuronCounts: network.neuronCounts)
        let load = ThreadLoad(network: network, rates: rates, resolution: 0.1)
        func shared(_ parameters: SimulationParameters, resuming state: SimulationState? = nil) throws -> Simulation {
            try Simulation(network: network, parameters: parameters, connectivity: nil,
                           partition: load.sharedCostPartition(threads: parameters.threads), resuming: state)
        }
        for connectivity in [ConnectivityMode.procedural, .stored] {
            var parameters = SimulationParameters()
            parameters.duration = 300
            parameters.connectivity = connectivity
            let one = try Simulation(network: network, parameters: parameters).runKeepingSpikes().spikes
            #expect(one.count > 1000)
            for threads in [2, 3, 5, 8] {
                parameters.threads = threads
                let simulation = try shared(parameters)
                let cutInside = simulation.partition.boundaries.filter { !indexing.firstNeuron.contains($0) }
                #expect(!cutInside.isEmpty, "\(threads) threads: \(simulation.partition.boundaries)")
                #expect(try simulation.runKeepingSpikes().spikes == one, "\(connectivity), \(threads) threads")
            }
            parameters.threads = 8
            let checkpointed = CheckpointTests.run(try shared(parameters), checkpointSteps: 1500)
            parameters.threads = 5
            let state = try #require(checkpointed.states.first)
            let continuation = try shared(parameters, resuming: state).runKeepingSpikes().spikes
            #expect(CheckpointTests.joined(one, upTo: state.step, continuation) == CheckpointTests.spikes(one))
        }
    }

    @Test func threadsExchangeSpikesAsRarelyAsTheDelaysAllow() throws {
        var parameters = SimulationParameters()
        parameters.threads = 2
        let split = try Simulation(network: TestNetworks.small(), parameters: parameters)
        // Cut at the area boundary: only inter-area synapses (mean delay 6 ms) cross.
        #expect(split.partition.boundaries == [0, 320, 560])
        #expect(split.batchLength == Self.shortestCrossThreadDelay(split))
        #expect(split.batchLength > 1)
        parameters.threads = 3
        let cutInsideAreas = try Simulation(network: TestNetworks.small(), parameters: parameters)
        // No area boundary near a third: cut at the nearest population boundaries.
        #expect(cutInsideAreas.partition.boundaries == [0, 200, 360, 560])
        // Local synapses cross now: their delays (mean 0.75 / 1.5 ms) reach down to a step or two.
        #expect(cutInsideAreas.batchLength == Self.shortestCrossThreadDelay(cutInsideAreas))
        #expect(cutInsideAreas.batchLength < split.batchLength)
    }

    static func shortestCrossThreadDelay(_ simulation: Simulation) -> Int {
        let store = simulation.synapses
        var shortest = Int.max
        for source in 0..<simulation.neuronCount {
            let sourceThread = simulation.partition.thread(ofNeuron: source)
            for thread in 0..<store.threadCount where thread != sourceThread {
                for index in store.range(source: source, thread: thread) {
                    shortest = min(shortest, Int(store.delays[index]))
                }
            }
        }
        return min(shortest, Simulation.maximumBatch)
    }

    @Test func anotherSeedGivesOtherSpikes() throws {
        #expect(try Self.spikes(threads: 1, seed: 1) != Self.spikes(threads: 1, seed: 2))
    }
}
