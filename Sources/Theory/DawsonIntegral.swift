import Foundation

/// Dawson's integral D(x) = exp(−x²) ∫₀ˣ exp(t²) dt, accurate to about 1e-15 relative
/// (tested against 50-digit mpmath values in `SpecialFunctionTests`). D is odd.
///
/// - |x| < 1: D(x) = exp(−x²) Σₙ x²ⁿ⁺¹ / (n!(2n+1)) — the Taylor series of ∫₀ˣ exp(t²) dt, all
///   terms positive, so no cancellation.
/// - 1 ≤ |x| < 7: Rybicki's sampling formula D(x) ≈ (1/√π) Σ_{n odd} exp(−(x − nh)²)/n
///   (Rybicki 1989; Numerical Recipes 3rd ed. §6.9) with h = 0.2, whose error is of the order
///   exp(−(π/2h)²) ≈ 1e-27, summed over |x − nh| ≤ 8.7 (omitted terms < 1e-33).
/// - |x| ≥ 7: asymptotic series D(x) = 1/(2x) Σₖ (2k−1)!!/(2x²)ᵏ (A&S 7.1.23 with erfi);
///   at x = 7 its smallest term is 1e-23.
public func dawsonIntegral(_ x: Double) -> Double {
    if x.isNaN { return .nan }
    if x < 0 { return -dawsonIntegral(-x) }
    if x < 1 {
        let square = x * x
        var power = x  // x^(2n+1) / n!
        var sum = x
        var n = 1.0
        while n < 60 {
            power *= square / n
            let term = power / (2 * n + 1)
            sum += term
            if term < 1e-17 * sum { break }
            n += 1
        }
        return expOfNegativeSquare(x) * sum
    }
    if x < 7 {
        let step = 0.2
        let reach = 8.7
        // odd n with |x − n·h| ≤ reach
        var n = Int(((x - reach) / step).rounded(.down))
        if n % 2 == 0 { n += 1 }
        let last = Int(((x + reach) / step).rounded(.up))
        var sum = 0.0
        while n <= last {
            let distance = x - Double(n) * step
            sum += exp(-distance * distance) / Double(n)
            n += 2
        }
        return sum / 1.772453850905516027298167  // √π
    }
    let inverseSquare = 1 / (2 * x * x)
    var term = 1.0
    var sum = 1.0
    var k = 1.0
    while k < 40 {
        term *= (2 * k - 1) * inverseSquare
        sum += term
        if term < 1e-17 * sum { break }
        k += 1
    }
    return sum / (2 * x)
}
