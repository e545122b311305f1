import Foundation

/// The stationary firing rate of a LIF neuron driven by Gaussian white noise (Siegert 1951;
/// Amit & Brunel 1997, Eq. A7; Brunel 2000), in the dimensionless variables y = (V − μ)/σ:
///
///     1/ν = τ_r + τ_m √π ∫_{y_r}^{y_th} erfcx(−u) du,   erfcx(−u) = exp(u²)(1 + erf u),
///
/// evaluated without overflow or cancellation in every regime (NNMT's `lif.delta._siegert_exc`,
/// `_siegert_inh`, `_siegert_interm`, Layer et al. 2022 App. A.1, reformulated):
/// - y_th ≤ 0 (mean-driven): ∫ = ∫_{|y_th|}^{|y_r|} erfcx(v) dv, a bounded, slowly decaying integrand.
/// - y_th > 0 (noise-driven): everything is scaled by exp(−y_th²):
///   exp(−y_th²)∫ = 2[D(y_th) − exp(c² − y_th²) D(c)] − exp(−y_th²)∫_c^{y_th} erfcx
///                  + exp(−y_th²)∫_0^{max(−y_r, 0)} erfcx,   c = max(y_r, 0),
///   using ∫₀ʸ exp(u²) du = exp(y²) D(y), and ln ν = −y_th² − ln(scaled denominator), finite
///   for any rate (ν itself reaches down to the smallest subnormal double).
struct SiegertRate {
    /// ln ν (ν in Hz) — finite even where ν underflows — and its derivatives with respect to y_th
    /// and y_r.
    var logRate: Double
    var logDerivativeByThreshold: Double
    var logDerivativeByReset: Double

    static let squareRootOfPi = 1.772453850905516027298167

    /// - Parameters: y values dimensionless, `yReset < yThreshold`; times in seconds.
    init(yThreshold: Double, yReset: Double, membraneTimeConstant tauM: Double,
         refractoryPeriod tauR: Double) {
        let factor = tauM * Self.squareRootOfPi
        if yThreshold <= 0 {
            let integral = ErfcxIntegral.integral(from: -yThreshold, to: -yReset)
            let rate = 1 / (tauR + factor * integral)
            logRate = log(rate)
            // dν/dy_th = −ν² τ_m√π erfcx(−y_th), dν/dy_r = ν² τ_m√π erfcx(−y_r); divided by ν.
            logDerivativeByThreshold = -rate * factor * erfcx(-yThreshold)
            logDerivativeByReset = rate * factor * erfcx(-yReset)
            return
        }
        let scale = expOfNegativeSquare(yThreshold)  // exp(−y_th²), may underflow to 0 harmlessly
        let lower = max(yReset, 0)
        var scaledIntegral = 2 * (dawsonIntegral(yThreshold)
            - exp(-(yThreshold - lower) * (yThreshold + lower)) * dawsonIntegral(lower))
        if scale > 0 {
            scaledIntegral -= scale * ErfcxIntegral.integral(from: lower, to: yThreshold)
            if yReset < 0 {
                scaledIntegral += scale * ErfcxIntegral.integral(from: 0, to: -yReset)
            }
        }
        let scaledDenominator = scale * tauR + factor * scaledIntegral  // = exp(−y_th²)/ν
        logRate = -yThreshold * yThreshold - log(scaledDenominator)
        // (1/ν) dν/dy_th = −ν τ_m√π erfcx(−y_th) = −τ_m√π erfc(−y_th)/(exp(−y_th²)/ν)
        logDerivativeByThreshold = -factor * erfc(-yThreshold) / scaledDenominator
        // (1/ν) dν/dy_r = ν τ_m√π erfcx(−y_r), with ν·exp(y_r²) = exp(y_r² − y_th²)/(scaled denominator)
        let resetTerm = yReset > 0
            ? exp(-(yThreshold - yReset) * (yThreshold + yReset)) * erfc(-yReset)
            : scale * erfcx(-yReset)
        logDerivativeByReset = factor * resetTerm / scaledDenominator
    }
}
