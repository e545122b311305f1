import Foundation
import Model

/// The stationary firing rate Φ(μ, σ) of a LIF neuron with exponentially filtered synaptic
/// currents: the white-noise Siegert formula with threshold and reset shifted by
/// (α/2)·σ·√(τ_s/τ_m), α = √2·|ζ(1/2)| (Fourcaud & Brunel 2002, after Eq. 4.33; NNMT 1.3
/// `lif.exp._firing_rate_shift`, which the original's `theory.rates.solve` calls).
/// Voltages are relative to the resting potential E_L.
public struct ShiftedSiegert: Sendable, Hashable {
    /// V_th − E_L, mV.
    public var thresholdMV: Double
    /// V_reset − E_L, mV.
    public var resetMV: Double
    /// τ_m, ms.
    public var membraneTimeConstantMS: Double
    /// τ_ref, ms.
    public var refractoryPeriodMS: Double

    /// α = √2·|ζ(1/2)|, ζ(1/2) = −1.4603545088095868128894991525152980125…
    public static let alpha = 2.0.squareRoot() * 1.4603545088095868128894991525152980125

    public init(thresholdMV: Double, resetMV: Double, membraneTimeConstantMS: Double,
                refractoryPeriodMS: Double) {
        self.thresholdMV = thresholdMV
        self.resetMV = resetMV
        self.membraneTimeConstantMS = membraneTimeConstantMS
        self.refractoryPeriodMS = refractoryPeriodMS
    }

    /// Threshold and reset relative to E_L, τ_m and τ_ref of `neuron` (as the original's `solve`).
    public init(neuron: NeuronParameters) {
        self.init(thresholdMV: neuron.threshold - neuron.restingPotential,
                  resetMV: neuron.resetPotential - neuron.restingPotential,
                  membraneTimeConstantMS: neuron.membraneTimeConstant,
                  refractoryPeriodMS: neuron.refractoryPeriod)
    }

    /// Φ and its partial derivatives, kept as ln Φ and derivatives of ln Φ, which stay finite
    /// where Φ underflows.
    public struct Evaluation: Sendable, Hashable {
        /// ln(Φ / Hz); −∞ where Φ = 0 exactly (σ = 0 at or below threshold).
        public var logRate: Double
        /// ∂ln Φ/∂μ (1/mV), ∂ln Φ/∂σ (1/mV; 0 at σ = 0, where Φ is not differentiable in σ),
        /// ∂ln Φ/∂τ_s (1/ms).
        public var logDerivativeByMean: Double
        public var logDerivativeByStandardDeviation: Double
        public var logDerivativeBySynapticTimeConstant: Double

        /// Firing rate, Hz.
        public var rate: Double { exp(logRate) }
        /// ∂Φ/∂μ, Hz/mV.
        public var derivativeByMean: Double { rate * logDerivativeByMean }
        /// ∂Φ/∂σ, Hz/mV.
        public var derivativeByStandardDeviation: Double { rate * logDerivativeByStandardDeviation }
        /// ∂Φ/∂τ_s, Hz/ms.
        public var derivativeBySynapticTimeConstant: Double { rate * logDerivativeBySynapticTimeConstant }
    }

    /// Φ(μ, σ) for mean input μ (mV), input standard deviation σ ≥ 0 (mV, Brunel's convention
    /// σ² = τ_m Σ K J² ν) and synaptic time constant τ_s (ms).
    ///
    /// σ = 0 is the noiseless limit ν = 1/(τ_ref + τ_m ln((μ − V_r)/(μ − V_th))) for μ > V_th and 0
    /// otherwise (the σ → 0 limit of the Siegert integral; NNMT raises an error there).
    public func evaluate(meanMV mean: Double, standardDeviationMV sigma: Double,
                         synapticTimeConstantMS tauS: Double) -> Evaluation {
        let tauM = membraneTimeConstantMS * 1e-3  // s, so that rates come out in Hz
        let tauR = refractoryPeriodMS * 1e-3
        if sigma == 0 {
            guard mean > thresholdMV else {
                return Evaluation(logRate: -.infinity, logDerivativeByMean: 0, logDerivativeByStandardDeviation: 0,
                                  logDerivativeBySynapticTimeConstant: 0)
            }
            let rate = 1 / (tauR + tauM * log((mean - resetMV) / (mean - thresholdMV)))
            let logDerivative = rate * tauM * (thresholdMV - resetMV) / ((mean - resetMV) * (mean - thresholdMV))
            return Evaluation(logRate: log(rate), logDerivativeByMean: logDerivative,
                              logDerivativeByStandardDeviation: 0, logDerivativeBySynapticTimeConstant: 0)
        }
        let shift = 0.5 * Self.alpha * (tauS / membraneTimeConstantMS).squareRoot()
        let yThreshold = (thresholdMV - mean) / sigma + shift
        let yReset = (resetMV - mean) / sigma + shift
        let siegert = SiegertRate(yThreshold: yThreshold, yReset: yReset,
                                  membraneTimeConstant: tauM, refractoryPeriod: tauR)
        let byThreshold = siegert.logDerivativeByThreshold
        let byReset = siegert.logDerivativeByReset
        // ∂y/∂μ = −1/σ;  ∂y/∂σ = −(V − μ)/σ²;  ∂y/∂τ_s = shift/(2τ_s) for both y.
        return Evaluation(
            logRate: siegert.logRate,
            logDerivativeByMean: -(byThreshold + byReset) / sigma,
            logDerivativeByStandardDeviation: -(byThreshold * (thresholdMV - mean)
                                                + byReset * (resetMV - mean)) / (sigma * sigma),
            logDerivativeBySynapticTimeConstant: (byThreshold + byReset) * shift / (2 * tauS))
    }

    /// Φ(μ, σ) in Hz; see `evaluate`.
    public func rate(meanMV mean: Double, standardDeviationMV sigma: Double,
                     synapticTimeConstantMS tauS: Double) -> Double {
        evaluate(meanMV: mean, standardDeviationMV: sigma, synapticTimeConstantMS: tauS).rate
    }
}
