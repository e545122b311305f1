import Foundation

/// Standard normal cumulative distribution Φ(x), evaluated as Cephes `ndtr` (which scipy's
/// `stats.norm.cdf` uses): 0.5 + 0.5 erf(x/√2) near 0, erfc in the tails.
public func standardNormalCDF(_ x: Double) -> Double {
    let halfSqrt2 = 0.5.squareRoot()
    let scaled = x * halfSqrt2
    let magnitude = abs(scaled)
    if magnitude < halfSqrt2 { return 0.5 + 0.5 * erf(scaled) }
    let tail = 0.5 * erfc(magnitude)
    return scaled > 0 ? 1 - tail : tail
}
