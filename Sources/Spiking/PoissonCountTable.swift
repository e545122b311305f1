import Foundation

/// Poisson counts with mean λ by the inverse CDF on 32 random bits: the count is the number of
/// thresholds ⌊P(N ≤ k) · 2³²⌉ that the bits reach, found from a 256-entry guide table
/// (Chen & Asau 1974) in about one comparison. Probabilities are resolved to 2⁻³²; counts
/// whose cumulative probability rounds to 1 are never drawn (for λ = 1.84, N > 15, p < 1e-10).
/// This is NEST's `poisson_generator` law: an independent count per target and step.
final class PoissonCountTable: Sendable {
    let mean: Double
    /// thresholds[k] = round(P(N ≤ k) · 2³²); the last one is 2³² (never reached).
    private nonisolated(unsafe) let thresholds: UnsafeMutablePointer<UInt64>
    /// guide[g] = the smallest k with thresholds[k] > g · 2²⁴.
    private nonisolated(unsafe) let guide: UnsafeMutablePointer<UInt16>

    init(mean: Double) {
        precondition(mean >= 0 && mean.isFinite, "Poisson mean must be finite and ≥ 0")
        self.mean = mean
        var thresholds: [UInt64] = []
        var cumulative = 0.0
        var k = 0
        // Probabilities in log space, so that large means do not underflow e^−λ.
        while true {
            let logProbability = mean > 0 ? -mean + Double(k) * log(mean) - lgamma(Double(k + 1)) : (k == 0 ? 0 : -.infinity)
            cumulative += exp(logProbability)
            let threshold = UInt64(min(cumulative, 1) * 0x1p32 + 0.5)
            if threshold >= 1 << 32 || (Double(k) > mean && exp(logProbability) == 0) {
                thresholds.append(1 << 32)
                break
            }
            thresholds.append(threshold)
            k += 1
        }
        self.thresholds = .allocate(capacity: thresholds.count)
        self.thresholds.initialize(from: thresholds, count: thresholds.count)
        guide = .allocate(capacity: 256)
        var index = 0
        for entry in 0..<256 {
            while thresholds[index] <= UInt64(entry) << 24 { index += 1 }
            guide[entry] = UInt16(index)
        }
    }

    deinit {
        thresholds.deallocate()
        guide.deallocate()
    }

    /// The count for the random bits `bits` (the low 32 bits are used).
    @inline(__always)
    func count(_ bits: UInt64) -> Int {
        let u = bits & 0xFFFF_FFFF
        var k = Int(guide[Int(truncatingIfNeeded: u >> 24)])
        while u >= thresholds[k] { k &+= 1 }
        return k
    }
}
