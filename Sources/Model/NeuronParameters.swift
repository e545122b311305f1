import Foundation

/// Parameters of NEST's `iaf_psc_exp` neuron (leaky integrate-and-fire, exponential currents),
/// with the original model's defaults (`src/default_net_params.py`, from the Allen Cell Types
/// GLIF fits; tau_m lowered for the high-conductance state).
public struct NeuronParameters: Sendable, Equatable, Codable, Hashable {
    /// Leak (resting) potential, mV.
    public var restingPotential: Double
    /// Spike threshold, mV.
    public var threshold: Double
    /// Reset potential after a spike, mV.
    public var resetPotential: Double
    /// Membrane capacitance, pF.
    public var capacitance: Double
    /// Membrane time constant, ms.
    public var membraneTimeConstant: Double
    /// Excitatory synaptic current time constant, ms.
    public var excitatorySynapticTimeConstant: Double
    /// Inhibitory synaptic current time constant, ms.
    public var inhibitorySynapticTimeConstant: Double
    /// Absolute refractory period, ms.
    public var refractoryPeriod: Double

    public init(restingPotential: Double, threshold: Double, resetPotential: Double, capacitance: Double,
                membraneTimeConstant: Double, excitatorySynapticTimeConstant: Double,
                inhibitorySynapticTimeConstant: Double, refractoryPeriod: Double) {
        self.restingPotential = restingPotential
        self.threshold = threshold
        self.resetPotential = resetPotential
        self.capacitance = capacitance
        self.membraneTimeConstant = membraneTimeConstant
        self.excitatorySynapticTimeConstant = excitatorySynapticTimeConstant
        self.inhibitorySynapticTimeConstant = inhibitorySynapticTimeConstant
        self.refractoryPeriod = refractoryPeriod
    }

    /// Excitatory neurons: C_m = 220 pF.
    public static let excitatoryDefault = NeuronParameters(
        restingPotential: -70, threshold: -45, resetPotential: -70, capacitance: 220,
        membraneTimeConstant: 10, excitatorySynapticTimeConstant: 2, inhibitorySynapticTimeConstant: 2,
        refractoryPeriod: 2)
    /// Inhibitory neurons: C_m = 100 pF.
    public static let inhibitoryDefault = NeuronParameters(
        restingPotential: -70, threshold: -45, resetPotential: -70, capacitance: 100,
        membraneTimeConstant: 10, excitatorySynapticTimeConstant: 2, inhibitorySynapticTimeConstant: 2,
        refractoryPeriod: 2)

    enum CodingKeys: String, CodingKey {
        case restingPotential = "E_L"
        case threshold = "V_th"
        case resetPotential = "V_reset"
        case capacitance = "C_m"
        case membraneTimeConstant = "tau_m"
        case excitatorySynapticTimeConstant = "tau_syn_ex"
        case inhibitorySynapticTimeConstant = "tau_syn_in"
        case refractoryPeriod = "t_ref"
    }

    /// PSC amplitude (pA) per PSP amplitude (mV) for exponential currents with time constant
    /// `synapticTimeConstant` (ms): C_m · ε^(−1/(1−ε)) / τ_m with ε = τ_s/τ_m
    /// (the original's `Network._getPscOverPsp`, after Potjans & Diesmann 2014).
    public func pscPerPsp(synapticTimeConstant: Double) -> Double {
        let ratio = synapticTimeConstant / membraneTimeConstant
        return capacitance * pow(ratio, -1 / (1 - ratio)) / membraneTimeConstant
    }
}

/// Per-neuron lognormal spread of a neuron parameter (the original's `neuron_param_dist_*`);
/// a relative SD of 0 means every neuron has the population's value.
public struct NeuronParameterSpread: Sendable, Equatable, Codable, Hashable {
    /// Relative SD of V_th.
    public var thresholdRelativeSD: Double = 0
    /// Relative SD of C_m.
    public var capacitanceRelativeSD: Double = 0
    /// Relative SD of tau_m.
    public var membraneTimeConstantRelativeSD: Double = 0

    enum CodingKeys: String, CodingKey {
        case thresholdRelativeSD = "V_th"
        case capacitanceRelativeSD = "C_m"
        case membraneTimeConstantRelativeSD = "tau_m"
    }

    public init(thresholdRelativeSD: Double = 0, capacitanceRelativeSD: Double = 0,
                membraneTimeConstantRelativeSD: Double = 0) {
        self.thresholdRelativeSD = thresholdRelativeSD
        self.capacitanceRelativeSD = capacitanceRelativeSD
        self.membraneTimeConstantRelativeSD = membraneTimeConstantRelativeSD
    }
}
