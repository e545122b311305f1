import Foundation
import Model

/// What `humam export nest` writes: `network.json` (every number NEST needs to build the
/// network, exactly as humam built it) and `run_nest.py` (a self-contained PyNEST script that
/// reads it, builds the network with NEST's own rules as the original's `Simulation` class does,
/// simulates and writes a humam run folder). Doubles are written as the shortest decimal that
/// reads back to the same value, so Python's `json` gets humam's numbers bit for bit.
public struct NESTExport {
    public let network: Network
    public let simulation: SimulationParameters
    /// The humam options the network was built from, for the record.
    public let options: [String: String]
    /// The version of humam that exports, for the record.
    public let humamVersion: String

    /// Version of the network.json layout; run_nest.py (its `FORMAT_VERSION`) refuses any other.
    public static let formatVersion = 1

    public init(network: Network, simulation: SimulationParameters, options: [String: String], humamVersion: String) {
        self.network = network
        self.simulation = simulation
        self.options = options
        self.humamVersion = humamVersion
    }

    public var description: Description {
        let layout = network.layout, count = network.populationCount
        let nonEmpty = network.nonEmptyPopulations
        var populations = Populations()
        var position = [Int](repeating: -1, count: count)
        for (slot, index) in nonEmpty.enumerated() {
            position[index] = slot
            let population = layout.population(at: index)
            populations.index.append(index)
            populations.area.append(population.area)
            populations.layer.append(population.layer.label)
            populations.population.append(population.cellType.label)
            populations.neurons.append(network.neuronCounts[index])
            populations.dcDrive.append(network.dcDrive[index])
            populations.externalSynapses.append(network.externalSynapseCounts[index])
            populations.externalRatePerSynapse.append(network.externalRates[index])
            populations.externalWeight.append(network.externalWeights[index])
            populations.externalWeightSD.append(network.externalWeightSDs[index])
        }
        var pathways = Pathways()
        for target in nonEmpty {
            for source in nonEmpty where network.synapseCounts[target * count + source] > 0 {
                let element = target * count + source
                pathways.target.append(position[target])
                pathways.source.append(position[source])
                pathways.synapses.append(network.synapseCounts[element])
                pathways.weight.append(network.weights[element])
                pathways.weightSD.append(network.weightSDs[element])
                pathways.delayMean.append(network.delayMeans[element])
                pathways.delaySD.append(network.delaySDs[element])
                pathways.interArea.append(layout.areaIndex(ofPopulation: target) != layout.areaIndex(ofPopulation: source))
            }
        }
        func spread(_ spread: NeuronParameterSpread) -> [String: ParameterSpread] {
            ["V_th": ParameterSpread(relativeSD: spread.thresholdRelativeSD),
             "C_m": ParameterSpread(relativeSD: spread.capacitanceRelativeSD),
             "tau_m": ParameterSpread(relativeSD: spread.membraneTimeConstantRelativeSD)]
        }
        return Description(
            humamVersion: humamVersion, networkHash: network.contentHash,
            humamOptions: options, simulation: simulation, simulationHash: simulation.contentHash,
            neuronParamsE: network.excitatoryNeuron, neuronParamsI: network.inhibitoryNeuron,
            neuronParamDistE: spread(network.excitatorySpread), neuronParamDistI: spread(network.inhibitorySpread),
            delayDistribution: network.delayDistribution,
            transmissionProbability: network.parameters.connection.transmissionProbability,
            totals: Totals(neurons: network.totalNeurons, synapses: network.totalSynapses,
                           externalSynapses: network.totalExternalSynapses, populations: nonEmpty.count,
                           pathways: pathways.synapses.count),
            populations: populations, pathways: pathways, networkParameters: network.parameters)
    }

    /// Writes network.json and run_nest.py (executable) into `directory`.
    public func write(to directory: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let json = try encoder.encode(description)
        try AtomicFile.write(json + Data("\n".utf8), to: directory.appendingPathComponent("network.json"))
        let script = directory.appendingPathComponent(NESTScript.fileName)
        try AtomicFile.write(NESTScript.text, to: script)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
    }
}
