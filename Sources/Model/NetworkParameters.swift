/// Every parameter of the network construction, with the original model's defaults
/// (`src/default_net_params.py` of INM-6/human-multi-area-model). Coding keys are the
/// original's names, so that an experiment file reads like the original's `experiments/*.py`.
public struct NetworkParameters: Sendable, Equatable, Codable, Hashable {
    /// Surface area of the modelled column of every area, mm².
    public var surfaceArea: Double = 1
    public var cytoarchitecture = Cytoarchitecture()
    public var connectomics = PredictiveConnectomics()
    public var excitatoryNeuron = NeuronParameters.excitatoryDefault
    public var inhibitoryNeuron = NeuronParameters.inhibitoryDefault
    public var excitatorySpread = NeuronParameterSpread()
    public var inhibitorySpread = NeuronParameterSpread()
    public var connection = Connection()
    public var recurrentScaling = RecurrentScaling()
    public var delays = Delays()
    /// Mean external input relative to threshold (eta_ext): external rates are set so that
    /// the external drive alone brings the mean membrane potential to eta_ext · (V_th − E_L).
    public var externalDrive: Double = 1.1
    public var externalScaling = ExternalScaling()
    public var downscaling = Downscaling()

    /// The same parameters at full scale (N_scaling = K_scaling = 1): the network a down-scaled
    /// one stands for, whose theory rates its DC compensation takes.
    public var atFullScale: NetworkParameters {
        var fullScale = self
        fullScale.downscaling.neuronScaling = 1
        fullScale.downscaling.indegreeScaling = 1
        return fullScale
    }

    public init() {}

    enum CodingKeys: String, CodingKey {
        case surfaceArea = "surface_area"
        case cytoarchitecture = "cytoarchitecture_params"
        case connectomics = "predictive_connectomic_params"
        case excitatoryNeuron = "neuron_params_E"
        case inhibitoryNeuron = "neuron_params_I"
        case excitatorySpread = "neuron_param_dist_E"
        case inhibitorySpread = "neuron_param_dist_I"
        case connection = "connection_params"
        case recurrentScaling = "scaling_factors_recurrent"
        case delays = "delay_params"
        case externalDrive = "eta_ext"
        case externalScaling = "scaling_factors_external"
        case downscaling
    }

    /// Which table gives the fraction of excitatory neurons per layer.
    public enum ExcitatoryFractionSource: String, Sendable, Codable, CaseIterable {
        /// Shapson-Coe et al. 2021, human temporal cortex (the original's default).
        case lichtman
        /// Derived from the Potjans & Diesmann 2014 neuron numbers.
        case binzegger
    }

    public struct Cytoarchitecture: Sendable, Equatable, Codable, Hashable {
        public var excitatoryFraction: ExcitatoryFractionSource = .lichtman
        /// Drop layers with fewer neurons than layer I.
        public var removeLayersSmallerThanLayerI = false
        /// Drop layers with fewer neurons than this (in the 1 mm² column).
        public var minimumNeuronsPerLayer: Double = 5000
        public init() {}
        enum CodingKeys: String, CodingKey {
            case excitatoryFraction = "ei_ratio"
            case removeLayersSmallerThanLayerI = "remove_smaller_layerI"
            case minimumNeuronsPerLayer = "min_neurons_per_layer"
        }
    }

    public struct PredictiveConnectomics: Sendable, Equatable, Codable, Hashable {
        /// Fraction of an area's synapses that are intra-area (FLN), from macaque 0.79
        /// (Markov et al. 2011) scaled to human (Herculano-Houzel et al. 2010).
        public var intraAreaFraction = 0.86
        /// Synapse density, 1/mm³ (Cano-Astorga et al. 2021).
        public var synapseDensity = 6.6e8
        /// Fraction of feedback cortico-cortical synapses onto excitatory neurons (Schmidt et al. 2018).
        public var feedbackOntoExcitatory = 0.93
        /// SLN above which a projection is feedforward.
        public var feedforwardSLN = 0.65
        /// SLN below which a projection is feedback.
        public var feedbackSLN = 0.35
        /// Decay length of the local connection probability, µm (Schmidt et al. 2018).
        public var decayLength: Double = 160
        /// SLN fit SLN = Φ(a0 + a1 · log(ρ_target/ρ_source)) (Schmidt et al. 2018, Fig. 5).
        public var slnIntercept = -0.152
        public var slnSlope = -1.534
        public init() {}
        enum CodingKeys: String, CodingKey {
            case intraAreaFraction = "FLN"
            case synapseDensity = "rho_syn"
            case feedbackOntoExcitatory = "Z_i"
            case feedforwardSLN = "SLN_FF"
            case feedbackSLN = "SLN_FB"
            case decayLength = "lmbda"
            case slnIntercept = "a0"
            case slnSlope = "a1"
        }
    }

    public struct Connection: Sendable, Equatable, Codable, Hashable {
        /// Relative inhibitory strength g = PSP_I / PSP_E.
        public var relativeInhibition: Double = -5
        /// Excitatory PSP amplitude of internal synapses, mV (Eyal et al. 2018: 0.3, lowered).
        public var excitatoryPSP = 0.1
        /// PSP amplitude of external synapses, mV.
        public var externalPSP = 0.1
        /// Relative SD of all synaptic weights.
        public var weightRelativeSD = 0.1
        /// Transmission probability of a synapse.
        public var transmissionProbability: Double = 1
        public init() {}
        enum CodingKeys: String, CodingKey {
            case relativeInhibition = "g"
            case excitatoryPSP = "PSP_e"
            case externalPSP = "PSP_ext"
            case weightRelativeSD = "PSP_rel"
            case transmissionProbability = "p_transmit"
        }
    }

    public struct RecurrentScaling: Sendable, Equatable, Codable, Hashable {
        /// Local 4E → 2/3E weight factor (Potjans & Diesmann 2014).
        public var local4EOnto23E: Double = 2
        /// Local 5E → I weight factor.
        public var local5EOntoI: Double = 1
        /// Local E → I weight factor.
        public var localEOntoI: Double = 1
        /// Cortico-cortical E → E weight factor (chi).
        public var corticoCorticalEOntoE: Double = 1
        /// Cortico-cortical E → I weight factor (2 chi in the published model).
        public var corticoCorticalEOntoI: Double = 2
        public init() {}
        enum CodingKeys: String, CodingKey {
            case local4EOnto23E = "local_scaling4Eto23E"
            case local5EOntoI = "local_scaling5EtoI"
            case localEOntoI = "local_scalingEtoI"
            case corticoCorticalEOntoE = "cc_scalingEtoE"
            case corticoCorticalEOntoI = "cc_scalingEtoI"
        }
    }

    public struct Delays: Sendable, Equatable, Codable, Hashable {
        /// Local excitatory delay, ms.
        public var excitatory = 1.5
        /// Local inhibitory delay, ms.
        public var inhibitory = 0.75
        /// Relative SD of all delays.
        public var relativeSD = 0.5
        /// Axonal conduction speed for inter-area delays, mm/ms.
        public var interAreaSpeed = 3.5
        public var distribution = DelayDistribution.lognormalClipped
        public init() {}
        enum CodingKeys: String, CodingKey {
            case excitatory = "delay_e"
            case inhibitory = "delay_i"
            case relativeSD = "delay_rel"
            case interAreaSpeed = "interarea_speed"
            case distribution
        }
    }

    public struct ExternalScaling: Sendable, Equatable, Codable, Hashable {
        /// External weight factor onto layer 5 E.
        public var layer5E = 1.05
        /// External weight factor onto layer 6 E.
        public var layer6E = 1.15
        public init() {}
        enum CodingKeys: String, CodingKey {
            case layer5E = "scaling5E"
            case layer6E = "scaling6E"
        }
    }

    /// How a network smaller than full scale is derived (see `Downscaling.swift` in the docs).
    public enum DownscalingMode: String, Sendable, Codable, CaseIterable {
        /// The original's rule: K × k, J / k (`scaling_type` linear) or J / √k (sqrt), plus a DC of
        /// (1 − factor) × the full-scale mean input — which double-counts the mean for linear.
        case original
        /// Mean- and variance-preserving (van Albada, Helias & Diesmann 2015): K × k, J / √k,
        /// DC = (1 − √k) × the full-scale mean input.
        case balanced
    }

    /// The original's `scaling_type`, used by `DownscalingMode.original` only.
    public enum OriginalScalingType: String, Sendable, Codable, CaseIterable {
        case linear, sqrt
    }

    public struct Downscaling: Sendable, Equatable, Codable, Hashable {
        /// Factor on neuron numbers, in (0, 1].
        public var neuronScaling: Double = 1
        /// Factor on indegrees, in (0, 1].
        public var indegreeScaling: Double = 1
        /// Balanced by default: its simulated rates at 0.006 come closer to the full-scale theory
        /// (see README, "Down-scaling").
        public var mode = DownscalingMode.balanced
        public var originalScalingType = OriginalScalingType.linear
        public init() {}
        enum CodingKeys: String, CodingKey {
            case neuronScaling = "N_scaling"
            case indegreeScaling = "K_scaling"
            case mode
            case originalScalingType = "scaling_type"
        }
        /// Whether the network is smaller than full scale.
        public var isDownscaled: Bool { neuronScaling != 1 || indegreeScaling != 1 }
    }
}

extension NetworkParameters {
    /// Rejects values outside their valid range, naming the key (as in a config file) and the
    /// range; with `source`, the experiment file they came from and the key under `net_params`.
    public func validate(source: String? = nil) throws(InputError) {
        func require(_ condition: Bool, _ key: String, _ value: Double, _ range: String) throws(InputError) {
            guard !condition || !value.isFinite else { return }
            if let source { throw InputError(file: source, field: "net_params.\(key)", "\(value) is invalid; expected \(range)") }
            throw InputError("\(key) = \(value) is invalid; expected \(range)")
        }
        let scaling = downscaling
        try require(scaling.neuronScaling > 0 && scaling.neuronScaling <= 1, "downscaling.N_scaling", scaling.neuronScaling, "0 < N_scaling ≤ 1")
        try require(scaling.indegreeScaling > 0 && scaling.indegreeScaling <= 1, "downscaling.K_scaling", scaling.indegreeScaling, "0 < K_scaling ≤ 1")
        try require(surfaceArea > 0, "surface_area", surfaceArea, "a surface > 0 mm²")
        let recurrent = recurrentScaling
        for (key, value) in [("local_scaling4Eto23E", recurrent.local4EOnto23E), ("local_scaling5EtoI", recurrent.local5EOntoI),
                             ("local_scalingEtoI", recurrent.localEOntoI), ("cc_scalingEtoE", recurrent.corticoCorticalEOntoE),
                             ("cc_scalingEtoI", recurrent.corticoCorticalEOntoI)] {
            try require(value >= 0, "scaling_factors_recurrent.\(key)", value, "a factor ≥ 0")
        }
        let c = connectomics
        try require(c.intraAreaFraction >= 0 && c.intraAreaFraction <= 1, "predictive_connectomic_params.FLN", c.intraAreaFraction, "0 ≤ FLN ≤ 1")
        try require(c.synapseDensity > 0, "predictive_connectomic_params.rho_syn", c.synapseDensity, "a density > 0 per mm³")
        try require(c.feedbackOntoExcitatory >= 0 && c.feedbackOntoExcitatory <= 1, "predictive_connectomic_params.Z_i", c.feedbackOntoExcitatory, "0 ≤ Z_i ≤ 1")
        try require(c.feedbackSLN <= c.feedforwardSLN, "predictive_connectomic_params.SLN_FB", c.feedbackSLN, "SLN_FB ≤ SLN_FF")
        try require(c.decayLength > 0, "predictive_connectomic_params.lmbda", c.decayLength, "a decay length > 0 µm")
        try require(connection.weightRelativeSD >= 0, "connection_params.PSP_rel", connection.weightRelativeSD, "a relative SD ≥ 0")
        try require(connection.excitatoryPSP > 0, "connection_params.PSP_e", connection.excitatoryPSP, "a PSP > 0 mV")
        try require(connection.externalPSP > 0, "connection_params.PSP_ext", connection.externalPSP, "a PSP > 0 mV")
        try require(connection.transmissionProbability > 0 && connection.transmissionProbability <= 1,
                    "connection_params.p_transmit", connection.transmissionProbability, "0 < p_transmit ≤ 1")
        try require(delays.excitatory > 0 && delays.excitatory <= SimulationParameters.longestStepTime, "delay_params.delay_e", delays.excitatory,
                    "0 < delay_e ≤ \(Int(SimulationParameters.longestStepTime)) ms")
        try require(delays.inhibitory > 0 && delays.inhibitory <= SimulationParameters.longestStepTime, "delay_params.delay_i", delays.inhibitory,
                    "0 < delay_i ≤ \(Int(SimulationParameters.longestStepTime)) ms")
        try require(delays.relativeSD >= 0, "delay_params.delay_rel", delays.relativeSD, "a relative SD ≥ 0")
        try require(delays.interAreaSpeed > 0, "delay_params.interarea_speed", delays.interAreaSpeed, "a speed > 0 mm/ms")
        try require(externalDrive > 0, "eta_ext", externalDrive, "a drive > 0 relative to threshold")
        try require(cytoarchitecture.minimumNeuronsPerLayer >= 0, "cytoarchitecture_params.min_neurons_per_layer",
                    cytoarchitecture.minimumNeuronsPerLayer, "a count ≥ 0")
        for (key, neuron) in [("neuron_params_E", excitatoryNeuron), ("neuron_params_I", inhibitoryNeuron)] {
            try require(neuron.capacitance > 0, "\(key).C_m", neuron.capacitance, "a capacitance > 0 pF")
            try require(neuron.membraneTimeConstant > 0, "\(key).tau_m", neuron.membraneTimeConstant, "a time constant > 0 ms")
            try require(neuron.excitatorySynapticTimeConstant > 0 && neuron.excitatorySynapticTimeConstant != neuron.membraneTimeConstant,
                        "\(key).tau_syn_ex", neuron.excitatorySynapticTimeConstant, "a time constant > 0 ms, different from tau_m")
            try require(neuron.inhibitorySynapticTimeConstant > 0 && neuron.inhibitorySynapticTimeConstant != neuron.membraneTimeConstant,
                        "\(key).tau_syn_in", neuron.inhibitorySynapticTimeConstant, "a time constant > 0 ms, different from tau_m")
            try require(neuron.threshold > neuron.resetPotential, "\(key).V_th", neuron.threshold, "V_th > V_reset")
            try require(neuron.refractoryPeriod >= 0 && neuron.refractoryPeriod <= SimulationParameters.longestStepTime,
                        "\(key).t_ref", neuron.refractoryPeriod, "0 ≤ t_ref ≤ \(Int(SimulationParameters.longestStepTime)) ms")
        }
        for (key, spread) in [("neuron_param_dist_E", excitatorySpread), ("neuron_param_dist_I", inhibitorySpread)] {
            for (name, value) in [("V_th", spread.thresholdRelativeSD), ("C_m", spread.capacitanceRelativeSD), ("tau_m", spread.membraneTimeConstantRelativeSD)] {
                try require(value >= 0, "\(key).\(name)", value, "a relative SD ≥ 0")
            }
        }
    }
}
