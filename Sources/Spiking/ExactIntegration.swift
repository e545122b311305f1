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

/// NEST's time grid (`nestkernel/nest_time.h`, default 1000 tics per ms).
public enum NESTTime {
    public static let ticsPerMs = 1000.0

    /// Tics per step for `resolution` ms.
    public static func ticsPerStep(resolution: Double) -> Int64 {
        Int64(resolution * ticsPerMs + 0.5)
    }

    /// `Time(Time::ms(t)).get_steps()`: round to the nearest tic, then up to whole steps.
    public static func steps(ms: Double, resolution: Double) -> Int {
        let tics = Int64(ms * ticsPerMs + 0.5)
        let perStep = ticsPerStep(resolution: resolution)
        return Int((tics + perStep - 1) / perStep)
    }

    /// `Time::delay_ms_to_steps(d)`: `ld_round(d * STEPS_PER_MS)`, midpoints rounded up.
    public static func delaySteps(ms: Double, resolution: Double) -> Int {
        let stepsPerMs = 1 / (Double(ticsPerStep(resolution: resolution)) / ticsPerMs)
        return Int((ms * stepsPerMs + 0.5).rounded(.down))
    }

    /// `Time::step(n).get_ms()`: the time stamp of step `n`, tics × ms-per-tic, so that it prints
    /// exactly as NEST's recorders do.
    public static func milliseconds(step: Int, resolution: Double) -> Double {
        (1 / ticsPerMs) * Double(Int64(step) * ticsPerStep(resolution: resolution))
    }
}
