import Foundation
import Model
import Spiking

/// What `humam export nest` writes: `network.json` (every number NEST needs to build the
/// network, exactly as humam built it) and `run_nest.py` (a self-contained PyNEST script that
/// reads it, builds the network with NEST's own rules as the original's `Simulation` class does,
/// simulates and writes a humam run folder). Doubles are written as the shortest decimal that
/// reads back to the same value, so Python's `json` gets humam's numbers bit for bit.
struct NESTExport {
    let network: Network
    let simulation: SimulationParameters
    /// The humam options the network was built from, for the record.
    let options: [String: String]

    /// Version of the network.json layout; run_nest.py refuses any other.
    static let formatVersion = 1

    struct Description: Codable {
        var format = "humam-nest-export"
        var formatVersion = NESTExport.formatVersion
        var humamVersion: String
        var networkHash: String
        var humamOptions: [String: String]
        var simulation: SimulationParameters
        /// Hash of `simulation`, threads excluded (see `SimulationParameters.contentHash`).
        var simulationHash: String
        var neuronModel = "iaf_psc_exp"
        var neuronParamsE: NeuronParameters
        var neuronParamsI: NeuronParameters
        var neuronParamDistE: [String: ParameterSpread]
        var neuronParamDistI: [String: ParameterSpread]
        var delayDistribution: DelayDistribution
        var transmissionProbability: Double
        var totals: Totals
        var populations: Populations
        var pathways: Pathways
        /// Every parameter of the network construction, for the record (not read by the script).
        var networkParameters: NetworkParameters

        enum CodingKeys: String, CodingKey {
            case format, totals, populations, pathways
            case simulation = "sim_params"
            case simulationHash = "simulation_hash"
            case formatVersion = "format_version"
            case humamVersion = "humam_version"
            case networkHash = "network_hash"
            case humamOptions = "humam_options"
            case neuronModel = "neuron_model"
            case neuronParamsE = "neuron_params_E"
            case neuronParamsI = "neuron_params_I"
            case neuronParamDistE = "neuron_param_dist_E"
            case neuronParamDistI = "neuron_param_dist_I"
            case delayDistribution = "delay_distribution"
            case transmissionProbability = "p_transmit"
            case networkParameters = "net_params"
        }
    }

    /// The original's `neuron_param_dist_*` entry: a lognormal spread of one parameter.
    struct ParameterSpread: Codable {
        var relativeSD: Double
        var distribution = "lognormal"
        enum CodingKeys: String, CodingKey {
            case relativeSD = "rel_sd"
            case distribution
        }
    }

    struct Totals: Codable {
        var neurons: Int
        var synapses: Int
        var externalSynapses: Int
        var populations: Int
        var pathways: Int
        enum CodingKeys: String, CodingKey {
            case neurons, synapses, populations, pathways
            case externalSynapses = "external_synapses"
        }
    }

    /// The non-empty populations in layout order (the order NEST creates them, so GIDs are
    /// consecutive as in the original), column-wise.
    struct Populations: Codable {
        /// Index in humam's 272-population layout.
        var index: [Int] = []
        var area: [String] = []
        var layer: [String] = []
        var population: [String] = []
        var neurons: [Int] = []
        /// NEST `I_e`, pA.
        var dcDrive: [Double] = []
        var externalSynapses: [Int] = []
        /// Rate of each external synapse, spikes/s.
        var externalRatePerSynapse: [Double] = []
        var externalWeight: [Double] = []
        var externalWeightSD: [Double] = []
        enum CodingKeys: String, CodingKey {
            case index, area, layer, population, neurons
            case dcDrive = "dc_drive_pA"
            case externalSynapses = "external_synapses"
            case externalRatePerSynapse = "external_rate_per_synapse_hz"
            case externalWeight = "external_weight_pA"
            case externalWeightSD = "external_weight_sd_pA"
        }
    }

    /// Every pathway with synapses, target outer and source inner in layout order (the
    /// original's loop order, which fixes NEST's random draws), column-wise. `target` and
    /// `source` are positions in `Populations`.
    struct Pathways: Codable {
        var target: [Int] = []
        var source: [Int] = []
        var synapses: [Int] = []
        var weight: [Double] = []
        var weightSD: [Double] = []
        var delayMean: [Double] = []
        var delaySD: [Double] = []
        /// Source and target in different areas (delay clipped at max(delay_cc_min, resolution)).
        var interArea: [Bool] = []
        enum CodingKeys: String, CodingKey {
            case target, source, synapses
            case weight = "weight_pA"
            case weightSD = "weight_sd_pA"
            case delayMean = "delay_mean_ms"
            case delaySD = "delay_sd_ms"
            case interArea = "inter_area"
        }
    }

    var description: Description {
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
            humamVersion: Humam.configuration.version, networkHash: network.contentHash,
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
    func write(to directory: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let json = try encoder.encode(description)
        try AtomicFile.write(json + Data("\n".utf8), to: directory.appendingPathComponent("network.json"))
        let script = directory.appendingPathComponent("run_nest.py")
        try AtomicFile.write(NESTScript.text + "\n", to: script)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
    }
}
