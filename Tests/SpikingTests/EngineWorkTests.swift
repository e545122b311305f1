import Model
import Testing
import TestSupport
@testable import Spiking

/// The engine's count of what it did (`EngineWork`): exact, and independent of the thread count.
@Suite struct EngineWorkTests {
    /// Stored connectivity: the events delivered are the synapses of every spike whose arrival
    /// step falls inside the run (emitted in step stamp − 1, arriving delay steps later),
    /// counted here from the synapse store and the spikes.
    @Test(arguments: [1, 2])
    func storedEventsAreCountedExactly(threads: Int) throws {
        var parameters = SimulationParameters()
        parameters.duration = 200
        parameters.threads = threads
        parameters.connectivity = .stored
        let simulation = try Simulation(network: TestNetworks.small(), parameters: parameters)
        let (result, spikes) = try simulation.runKeepingSpikes()
        guard case .stored(let synapses) = simulation.connectivity else {
            Issue.record("expected stored connectivity")
            return
        }
        var expected = 0
        for (neuron, stamp) in zip(spikes.neurons, spikes.stamps) {
            for thread in 0..<simulation.partition.threadCount {
                for index in synapses.range(source: Int(neuron), thread: thread)
                where Int(stamp) - 1 + Int(synapses.delays[index]) < parameters.steps {
                    expected += 1
                }
            }
        }
        #expect(expected > 10_000)
        #expect(result.work.synapticEvents == expected)
        #expect(result.work.rowsRegenerated == 0 && result.work.rowSegments == 0)
        #expect(result.coreNanosecondsPerEvent.map { $0 > 0 } == true)
    }

    /// Procedural connectivity: events, rows and segments are the same on 1, 2 and 3 threads, and
    /// the events equal those of the stored engine fed the same (materialised) rows.
    @Test func proceduralWorkDoesNotDependOnTheThreadCount() throws {
        let network = TestNetworks.small()
        func work(threads: Int, storedRows: Bool = false) throws -> EngineWork {
            var parameters = SimulationParameters()
            parameters.duration = 300
            parameters.threads = threads
            parameters.connectivity = .procedural
            let simulation = try Simulation(network: network, parameters: parameters, connectivity: storedRows ? { partition throws(InputError) in
                .stored(try ProceduralConnectivity(network: network, parameters: parameters,
                                                   indexing: NeuronIndexing(neuronCounts: network.neuronCounts),
                                                   partition: partition, threads: partition.threadCount)
                    .materialize(partition: partition))
            } : nil)
            return try simulation.run().work
        }
        let one = try work(threads: 1)
        #expect(one.synapticEvents > 10_000 && one.rowsRegenerated > 0 && one.rowSegments >= one.rowsRegenerated)
        #expect(try work(threads: 2) == one)
        #expect(try work(threads: 3) == one)
        #expect(try work(threads: 2, storedRows: true).synapticEvents == one.synapticEvents)
    }
}
