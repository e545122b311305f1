import Model

extension NESTExport {
    /// network.json: what `humam export nest` hands to NEST (run_nest.py reads it). Keys are the
    /// original's names where it has them (`sim_params`, `neuron_params_E`, …); per-population
    /// and per-pathway values are stored column-wise.
    public struct Description: Codable {
        public var format = "humam-nest-export"
        public var formatVersion = NESTExport.formatVersion
        public var humamVersion: String
        public var networkHash: String
        public var humamOptions: [String: String]
        public var simulation: SimulationParameters
        /// Hash of `simulation`, threads excluded (see `SimulationParameters.contentHash`).
        public var simulationHash: String
        public var neuronModel = "iaf_psc_exp"
        public var neuronParamsE: NeuronParameters
        public var neuronParamsI: NeuronParameters
        public var neuronParamDistE: [String: ParameterSpread]
        public var neuronParamDistI: [String: ParameterSpread]
        public var delayDistribution: DelayDistribution
        public var transmissionProbability: Double
        public var totals: Totals
        public var populations: Populations
        public var pathways: Pathways
        /// Every parameter of the network construction, for the record (not read by the script).
        public var networkParameters: NetworkParameters

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
    public struct ParameterSpread: Codable {
        public var relativeSD: Double
        public var distribution = "lognormal"
        enum CodingKeys: String, CodingKey {
            case relativeSD = "rel_sd"
            case distribution
        }
    }

    public struct Totals: Codable {
        public var neurons: Int
        public var synapses: Int
        public var externalSynapses: Int
        public var populations: Int
        public var pathways: Int
        enum CodingKeys: String, CodingKey {
            case neurons, synapses, populations, pathways
            case externalSynapses = "external_synapses"
        }
    }

    /// The non-empty populations in layout order (the order NEST creates them, so GIDs are
    /// consecutive as in the original), column-wise.
    public struct Populations: Codable {
        /// Index in humam's 272-population layout.
        public var index: [Int] = []
        public var area: [String] = []
        public var layer: [String] = []
        public var population: [String] = []
        public var neurons: [Int] = []
        /// NEST `I_e`, pA.
        public var dcDrive: [Double] = []
        public var externalSynapses: [Int] = []
        /// Rate of each external synapse, spikes/s.
        public var externalRatePerSynapse: [Double] = []
        public var externalWeight: [Double] = []
        public var externalWeightSD: [Double] = []
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
    public struct Pathways: Codable {
        public var target: [Int] = []
        public var source: [Int] = []
        public var synapses: [Int] = []
        public var weight: [Double] = []
        public var weightSD: [Double] = []
        public var delayMean: [Double] = []
        public var delaySD: [Double] = []
        /// Source and target in different areas (delay clipped at max(delay_cc_min, resolution)).
        public var interArea: [Bool] = []
        enum CodingKeys: String, CodingKey {
            case target, source, synapses
            case weight = "weight_pA"
            case weightSD = "weight_sd_pA"
            case delayMean = "delay_mean_ms"
            case delaySD = "delay_sd_ms"
            case interArea = "inter_area"
        }
    }
}
