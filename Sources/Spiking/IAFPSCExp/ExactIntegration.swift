import Foundation
import Model

/// The exact-integration propagators and thresholds of NEST's `iaf_psc_exp` for one parameter
/// set at step `h` (NEST 3.10 `models/iaf_psc_exp.cpp: pre_run_hook` and
/// `libnestutil/iaf_propagator.cpp: IAFPropagatorExp`). Potentials are relative to E_L, as NEST
/// stores them.
public struct ExactIntegration: Sendable, Equatable {
    /// Membrane decay exp(−h/τ_m).
    public var p22: Double
    /// Excitatory / inhibitory current decay exp(−h/τ_syn).
    public var p11Excitatory: Double
    public var p11Inhibitory: Double
    /// Synaptic current → membrane potential, mV/pA.
    public var p21Excitatory: Double
    public var p21Inhibitory: Double
    /// Constant current → membrane potential: τ_m/C_m · (1 − P22), mV/pA.
    public var p20: Double
    /// DC input I_e times P20, mV per step (NEST: `(I_e + i_0) * P20` with i_0 = 0).
    public var constantInput: Double
    /// Threshold and reset relative to E_L, mV.
    public var threshold: Double
    public var reset: Double
    /// Refractory period in steps (NEST: `Time(Time::ms(t_ref)).get_steps()`).
    public var refractorySteps: Int32

    public init(parameters: NeuronParameters, constantCurrent: Double, resolution: Double) {
        let h = resolution
        p11Excitatory = exp(-h / parameters.excitatorySynapticTimeConstant)
        p11Inhibitory = exp(-h / parameters.inhibitorySynapticTimeConstant)
        p22 = exp(-h / parameters.membraneTimeConstant)
        p21Excitatory = Self.currentToPotential(synapticTimeConstant: parameters.excitatorySynapticTimeConstant,
                                                membraneTimeConstant: parameters.membraneTimeConstant,
                                                capacitance: parameters.capacitance, step: h)
        p21Inhibitory = Self.currentToPotential(synapticTimeConstant: parameters.inhibitorySynapticTimeConstant,
                                                membraneTimeConstant: parameters.membraneTimeConstant,
                                                capacitance: parameters.capacitance, step: h)
        p20 = parameters.membraneTimeConstant / parameters.capacitance * (1.0 - p22)
        constantInput = (constantCurrent + 0.0) * p20
        threshold = parameters.threshold - parameters.restingPotential
        reset = parameters.resetPotential - parameters.restingPotential
        refractorySteps = Int32(NESTTime.steps(ms: parameters.refractoryPeriod, resolution: resolution))
    }

    /// NEST's `IAFPropagatorExp::evaluate(h)`: γ·e^(−h/τ_s)·expm1(h/β) with β = τ_s τ_m/(τ_m − τ_s),
    /// γ = β/C_m; falls back to the singular limit h/C_m·e^(−h/τ_m) when that is not a
    /// positive normal number (τ_s = τ_m and nearby).
    static func currentToPotential(synapticTimeConstant tauSyn: Double, membraneTimeConstant tauM: Double,
                                   capacitance: Double, step h: Double) -> Double {
        let beta = tauSyn * tauM / (tauM - tauSyn)
        let gamma = beta / capacitance
        let inverseTauSyn = 1 / tauSyn
        let inverseBeta = (tauM - tauSyn) / (tauSyn * tauM)
        let p32 = gamma * exp(-h * inverseTauSyn) * expm1(h * inverseBeta)
        if p32.isNormal && p32 > 0 { return p32 }
        return h * (1 / capacitance) * exp(-h * (1 / tauM))
    }
}
