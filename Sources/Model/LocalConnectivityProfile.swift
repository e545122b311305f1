import Foundation

/// Split of an area's intra-area synapses into type I (both neurons in the modelled 1 mm²
/// column) and type II (source elsewhere in the area; replaced by Poisson input), from an
/// exponentially decaying connection probability exp(−d/λ) (Schmidt et al. 2018, Pronold et
/// al. 2024, Methods).
///
/// The original (`SynapseNumbers.populationSpecificSynapseNumbers`) integrates
/// 4 r1 r2 (2π − φ)(z_max − z) exp(−d/λ) over r1, r2, φ, z with scipy `nquad` at epsrel 0.1.
/// That integrand is exactly ∫∫ exp(−|p − q|/λ) over pairs of points p, q of two cylinders
/// (the (2π − φ) and (z_max − z) factors are the pair-difference densities of uniform angles and
/// depths), so here it is reduced to one dimension in the lateral distance s:
///
///   P = ∫ G(s) · 2πs · A(s) ds,   G(s) = 2 ∫_0^{z_max} (z_max − z) exp(−√(s² + z²)/λ) dz,
///
/// where A(s) is the overlap area of the two discs with centres s apart (the lens formula),
/// and both integrals are evaluated by adaptive Gauss–Kronrod to 1e-12 relative.
///
/// Units are the original's: radii in µm (column radius 1000/√π, area radius 1000 √(S/π) with
/// S in mm²), λ in µm, but z_max is the total thickness **in mm** used as if in µm — that is how
/// the published model was built. The accurate type-I fraction is 0.655285 to five digits in
/// every area (0.655282–0.655289, varying with depth); the original's per-area nquad values are
/// 0.65528–0.65530, up to 2.5e-5 away, which moves a local pathway's synapse count by up to
/// 4e-5 relative (type I) and 7e-5 relative (type II).
public struct LocalConnectivityProfile: Sendable {
    /// Integral over pairs within the column (the original's P_in).
    public let inside: Double
    /// Integral over (column, rest of the area) pairs (the original's P_out).
    public let outside: Double

    public init(inside: Double, outside: Double) {
        self.inside = inside
        self.outside = outside
    }

    /// - Parameters:
    ///   - depth: z_max, the area's total thickness in mm, used as µm (see above).
    ///   - areaSurface: area surface, mm².
    ///   - decayLength: λ, µm.
    /// - Throws: when an integral does not converge (e.g. for a non-finite or negative size).
    public init(depth: Double, areaSurface: Double, decayLength: Double) throws(AdaptiveQuadrature.ConvergenceError) {
        let columnRadius = 1e3 / Double.pi.squareRoot()
        let areaRadius = 1e3 * (areaSurface / Double.pi).squareRoot()
        let depthKernel = { (s: Double) throws(AdaptiveQuadrature.ConvergenceError) -> Double in
            2 * (try AdaptiveQuadrature.integrate({ z in (depth - z) * exp(-(s * s + z * z).squareRoot() / decayLength) },
                                                  from: 0, to: depth))
        }
        // Beyond 80 λ the kernel is below e^-80 of its peak: nothing left to integrate.
        let reach = 80 * decayLength
        let inside = try AdaptiveQuadrature.integrate(
            { s throws(AdaptiveQuadrature.ConvergenceError) in try depthKernel(s) * 2 * Double.pi * s * Self.discOverlap(distance: s, columnRadius, columnRadius) },
            from: 0, to: min(2 * columnRadius, reach), breakpoints: [])
        let outerLimit = min(columnRadius + areaRadius, 2 * columnRadius + reach)
        let outside = try AdaptiveQuadrature.integrate(
            { s throws(AdaptiveQuadrature.ConvergenceError) in
                let annulusOverlap = Self.discOverlap(distance: s, columnRadius, areaRadius)
                    - Self.discOverlap(distance: s, columnRadius, columnRadius)
                return try depthKernel(s) * 2 * Double.pi * s * annulusOverlap
            },
            from: 0, to: outerLimit, breakpoints: [2 * columnRadius, areaRadius - columnRadius])
        self.init(inside: inside, outside: outside)
    }

    /// Fraction of intra-area synapses that are type I: P_in / (P_in + P_out).
    public var typeIFraction: Double { inside / (inside + outside) }

    /// Overlap area of discs with radii `a`, `b` whose centres are `distance` apart.
    static func discOverlap(distance d: Double, _ a: Double, _ b: Double) -> Double {
        if d >= a + b { return 0 }
        if d <= abs(a - b) { return Double.pi * min(a, b) * min(a, b) }
        let alpha = acos(max(-1, min(1, (d * d + a * a - b * b) / (2 * d * a))))
        let beta = acos(max(-1, min(1, (d * d + b * b - a * a) / (2 * d * b))))
        let kite = (-d + a + b) * (d + a - b) * (d - a + b) * (d + a + b)
        return a * a * alpha + b * b * beta - 0.5 * max(0, kite).squareRoot()
    }
}
