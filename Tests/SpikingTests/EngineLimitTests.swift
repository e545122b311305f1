import Foundation
import Model
import Testing
import TestSupport
@testable import Spiking

/// Every width the engine packs a number into is guarded: a network beyond it is refused with
/// the limit named, before any work, never wrapped around.
@Suite struct EngineLimitTests {
    /// The small test network with `change` applied, simulated with `connectivity`; the error.
    func refusal(_ connectivity: ConnectivityMode, threads: Int = 1, _ change: (inout Network) -> Void) -> String? {
        var network = TestNetworks.small()
        change(&network)
        var parameters = SimulationParameters()
        parameters.duration = 10
        parameters.threads = threads
        parameters.connectivity = connectivity
        return #expect(throws: InputError.self) { _ = try Simulation(network: network, parameters: parameters) }?.description
    }

    /// The element of the local E → E pathway of the first area.
    func localPathway(_ network: Network) -> Int {
        let source = network.layout.index(areaIndex: 0, layer: .layer23, cellType: .excitatory)
        return source * network.populationCount + source
    }

    /// Neuron indices are 32-bit (and input codes 2 · neuron + channel).
    @Test func neuronIndexBeyond32Bits() {
        let message = refusal(.procedural) { $0.neuronCounts[0] = 1 << 30 }
        #expect(message == "\(1 << 30 + 13 * 40) neurons exceed the engine's 32-bit neuron index")
    }

    /// Weights are summed in units of 2⁻³² pA in 64 bits: |w| < 2¹⁹ pA.
    @Test(arguments: [ConnectivityMode.stored, .procedural])
    func weightAt2To19PicoamperesIsRefused(connectivity: ConnectivityMode) {
        let message = refusal(connectivity) { network in
            let element = localPathway(network)
            network.weights[element] = 0x1p19
            network.weightSDs[element] = 0
        }
        #expect(message?.contains("exceeds the engine's limit of 524288.0 pA") == true, "\(message ?? "")")
    }

    /// Delays are 16-bit step counts.
    @Test func storedDelayBeyond65535StepsIsRefused() {
        let message = refusal(.stored) { network in
            let element = localPathway(network)
            network.delayMeans[element] = 7000  // 70,000 steps of 0.1 ms
            network.delaySDs[element] = 0
        }
        #expect(message?.hasSuffix("exceeds 65535 steps") == true, "\(message ?? "")")
    }

    @Test func proceduralDelayLawBeyond65536StepsIsRefused() {
        var table = DelayStepTable()
        let error = #expect(throws: InputError.self) {
            _ = try table.law(mean: 7000, standardDeviation: 3500, minimumDelay: 0.1, distribution: .lognormalClipped, resolution: 0.1)
        }
        #expect(error?.description == "delay law 7000.0 ± 3500.0 ms spans more than 65,536 steps of 0.1 ms")
        // The widest law that fits is accepted.
        #expect(throws: Never.self) { _ = try table.law(mean: 6, standardDeviation: 3, minimumDelay: 0.1, distribution: .lognormalClipped, resolution: 0.1) }
    }

    /// A procedural row's length is 16-bit: 70,000 synapses per source neuron are refused.
    @Test func proceduralRowBeyond65535SynapsesIsRefused() {
        let message = refusal(.procedural) { network in
            network.synapseCounts[localPathway(network)] = 40 * 70_000
        }
        #expect(message?.hasSuffix("holds more than 65535 synapses; use --connectivity stored") == true, "\(message ?? "")")
    }

    /// A row's stream key packs (pathway, source within population) into 64 bits.
    @Test func streamKeyWidths() {
        #expect(ProceduralConnectivity.fitsStreamKey(pathways: (1 << 32) - 1, largestPopulation: (1 << 32) - 1))
        #expect(!ProceduralConnectivity.fitsStreamKey(pathways: 1 << 32, largestPopulation: 1))
        #expect(!ProceduralConnectivity.fitsStreamKey(pathways: 1, largestPopulation: 1 << 32))
    }

    /// A row segment packs (pathway, source within population) into 32 bits: as many bits as
    /// the largest population needs, the rest for the pathways.
    @Test func rowCodeWidths() throws {
        #expect(ProceduralConnectivity.rowCodeShift(pathways: 8394, largestPopulation: 93694) == 17)  // full scale
        #expect(ProceduralConnectivity.rowCodeShift(pathways: 1 << 15, largestPopulation: 1 << 17) == 17)
        #expect(ProceduralConnectivity.rowCodeShift(pathways: (1 << 15) + 1, largestPopulation: 1 << 17) == nil)
        #expect(ProceduralConnectivity.rowCodeShift(pathways: 1 << 14, largestPopulation: (1 << 17) + 1) == 18)
        #expect(ProceduralConnectivity.rowCodeShift(pathways: 1 << 31, largestPopulation: 1) == 1)
        #expect(ProceduralConnectivity.rowCodeShift(pathways: (1 << 31) + 1, largestPopulation: 1) == nil)
        let network = TestNetworks.small()
        let indexing = NeuronIndexing(neuronCounts: network.neuronCounts)
        let rows = try ProceduralConnectivity(network: network, parameters: SimulationParameters(), indexing: indexing,
                                              partition: .engine(indexing: indexing, threads: 1), threads: 1)
        for pathway in [0, 1, rows.pathways.count - 1] {
            for local in [0, 1, 39] {
                let row = rows.row(code: rows.rowCode(pathway: pathway, local: local))
                #expect(row.pathway == pathway && row.local == local)
            }
        }
    }
}
