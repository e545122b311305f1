import Foundation
import Model
import Testing
import TestSupport
@testable import Spiking

/// Writes a network instance (initial potentials, DC, every synapse) and humam's spikes for
/// `scripts/validate-nest` (step 1), which builds the identical network in NEST 3.10 and
/// compares the spikes. Without Poisson input the dynamics are deterministic, so the two
/// simulators must agree spike for spike. Runs only with `HUMAM_NEST_EXPORT=<folder>`.
@Suite struct NESTExportTests {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["HUMAM_NEST_EXPORT"] != nil))
    func exportDeterministicNetworkForNEST() throws {
        let folder = URL(fileURLWithPath: ProcessInfo.processInfo.environment["HUMAM_NEST_EXPORT"]!)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var network = TestNetworks.small()
        network.externalRates = network.externalRates.map { _ in 0 }
        // DC above threshold for every neuron (E: 600 pA · 10 ms / 220 pF = 27 mV > 25 mV).
        network.dcDrive = network.dcDrive.map { _ in 600 }
        var parameters = SimulationParameters()
        parameters.duration = 300
        parameters.initialPotentialMean = -60
        parameters.initialPotentialSD = 10
        let simulation = try Simulation(network: network, parameters: parameters)
        var neurons = "neuron,population,cell_type,V_m,I_e\n"
        for neuron in 0..<simulation.neuronCount {
            let population = simulation.indexing.population(ofNeuron: neuron)
            let parameters = network.neuronParameters(ofPopulation: population)
            neurons += "\(neuron),\(population),\(network.layout.population(at: population).cellType.label),"
                + "\((simulation.state.potential[neuron] + parameters.restingPotential).description),\(network.dcDrive[population])\n"
        }
        try neurons.write(to: folder.appendingPathComponent("neurons.csv"), atomically: true, encoding: .utf8)
        var synapses = "source,target,weight,delay_steps\n"
        let store = simulation.synapses
        for source in 0..<simulation.neuronCount {
            for thread in 0..<store.threadCount {
                for index in store.range(source: source, thread: thread) {
                    synapses += "\(source),\(store.targetCodes[index] / 2),\(Double(store.weights[index]).description),\(store.delays[index])\n"
                }
            }
        }
        try synapses.write(to: folder.appendingPathComponent("synapses.csv"), atomically: true, encoding: .utf8)
        let spikes = try simulation.runKeepingSpikes().spikes
        var text = "neuron,stamp\n"
        for index in 0..<spikes.count {
            text += "\(spikes.neurons[index]),\(spikes.stamps[index])\n"
        }
        try text.write(to: folder.appendingPathComponent("spikes_humam.csv"), atomically: true, encoding: .utf8)
        #expect(spikes.count > 0)
    }
}
