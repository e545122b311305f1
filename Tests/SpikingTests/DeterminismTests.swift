import Model
import Testing
@testable import Spiking

/// Same seed → same spikes; the thread count must not change a single spike.
@Suite struct DeterminismTests {
    static func spikes(threads: Int, seed: UInt64 = 2903, network: Network = TestNetworks.small()) throws -> SpikeRecord {
        var parameters = SimulationParameters()
        parameters.duration = 300
        parameters.threads = threads
        parameters.seed = seed
        return try Simulation(network: network, parameters: parameters).run().spikes
    }

    @Test func sameSeedGivesIdenticalSpikes() throws {
        let first = try Self.spikes(threads: 1)
        let second = try Self.spikes(threads: 1)
        // Activity, so that the comparison means something: the small network fires.
        #expect(first.count > 1000)
        #expect(first == second)
    }

    @Test func oneAndTwoThreadsGiveIdenticalSpikes() throws {
        let one = try Self.spikes(threads: 1)
        let two = try Self.spikes(threads: 2)
        let three = try Self.spikes(threads: 3)
        #expect(one.count > 1000)
        #expect(one == two)
        #expect(one == three)
    }

    @Test func anotherSeedGivesOtherSpikes() throws {
        #expect(try Self.spikes(threads: 1, seed: 1) != Self.spikes(threads: 1, seed: 2))
    }
}
