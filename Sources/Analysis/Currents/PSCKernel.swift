import Foundation

/// The normalised causal exponential kernel that turns population rates into synaptic currents
/// (the original's `kernel_for_psc`): samples `exp(−t/τ)/τ` at `t = −10τ, −10τ + dt, … < 10τ`,
/// zero for `t < −dt/2`, divided by its sum, applied as `scipy.signal.convolve(…, mode='same')`.
///
/// Two choices of the sample spacing `dt`:
/// - `.synapticTimeConstant` (default): `dt` = the rate-histogram bin width, so one kernel step is
///   one bin and the current decays with the intended τ_syn.
/// - `.original`: `dt` = the simulation resolution (0.1 ms) as in the original, although the kernel
///   is applied to 1 ms bins; each kernel step then spans a whole bin and the effective decay time
///   is τ_syn · bin/dt = 20 ms. Reproduces the original's numbers exactly.
///
/// In both, the 'same'-mode centring of a kernel whose causal half starts at its middle delays
/// the current by one bin: the current in bin i is driven by the rates of bins i−1, i−2, …
public enum PSCKernel: String, Sendable, CaseIterable {
    case synapticTimeConstant = "tau-syn"
    case original

    /// Kernel samples and the 'same'-mode offset `(L − 1) / 2` for time constant `tau` (ms).
    public static func samples(timeConstant tau: Double, spacing dt: Double) -> (weights: [Double], centre: Int) {
        let start = -10 * tau
        let stop = 10 * tau
        // np.arange: length ceil((stop − start)/dt), element i = start + i·((start + dt) − start).
        let length = Int(((stop - start) / dt).rounded(.up))
        let delta = (start + dt) - start
        var weights = (0..<length).map { index -> Double in
            let t = index == 0 ? start : start + Double(index) * delta
            return t < -dt / 2 ? 0 : exp(-t / tau) / tau
        }
        let sum = weights.reduce(0, +)
        for index in weights.indices { weights[index] /= sum }
        return (weights, (length - 1) / 2)
    }

    /// `series` convolved with the kernel, same length ('same' mode, zero outside).
    public static func convolve(_ series: UnsafeBufferPointer<Double>, weights: [Double], centre: Int,
                                into output: UnsafeMutableBufferPointer<Double>) {
        let n = series.count
        // output[i] = Σ_k series[i + centre − k] · weights[k]; skip the kernel's zero half.
        let firstNonZero = weights.firstIndex { $0 != 0 } ?? weights.count
        weights.withUnsafeBufferPointer { weights in
            for i in 0..<n {
                var sum = 0.0
                let kLow = max(firstNonZero, i + centre - (n - 1))
                let kHigh = min(weights.count - 1, i + centre)
                if kLow <= kHigh {
                    for k in kLow...kHigh { sum += series[i + centre - k] * weights[k] }
                }
                output[i] = sum
            }
        }
    }
}
