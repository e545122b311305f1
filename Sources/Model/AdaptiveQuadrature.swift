import Foundation

/// Adaptive Gauss–Kronrod (7/15-point) quadrature of a smooth function on [a, b]:
/// intervals are bisected until the Kronrod–Gauss difference meets the tolerance
/// (Piessens et al. 1983, QUADPACK's QAG rule; nodes and weights from QUADPACK `qk15`).
public enum AdaptiveQuadrature {
    private static let kronrodNodes: [Double] = [
        0.991455371120812639206854697526329, 0.949107912342758524526189684047851,
        0.864864423359769072789712788640926, 0.741531185599394439863864773280788,
        0.586087235467691130294144845693013, 0.405845151377397166906606412076961,
        0.207784955007898467600689403773245, 0.0,
    ]
    private static let kronrodWeights: [Double] = [
        0.022935322010529224963732008058970, 0.063092092629978553290700663189204,
        0.104790010322250183839876322541518, 0.140653259715525918745189590510238,
        0.169004726639267902826583426598550, 0.190350578064785409913256402421014,
        0.204432940075298892414161999234649, 0.209482141084727828012999174891714,
    ]
    /// Gauss weights for the odd-indexed Kronrod nodes (±0.949…, ±0.741…, ±0.405…, 0).
    private static let gaussWeights: [Double] = [
        0.129484966168869693270611432679082, 0.279705391489276667901467771423780,
        0.381830050505118944950369775488975, 0.417959183673469387755102040816327,
    ]

    /// The integral could not be computed to the requested tolerance.
    public struct ConvergenceError: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    /// One 15-point Kronrod estimate and its difference from the embedded 7-point Gauss rule.
    private static func rule(_ function: (Double) throws(ConvergenceError) -> Double, _ a: Double,
                             _ b: Double) throws(ConvergenceError) -> (value: Double, error: Double) {
        let center = 0.5 * (a + b), halfLength = 0.5 * (b - a)
        let centerValue = try function(center)
        var kronrod = kronrodWeights[7] * centerValue
        var gauss = gaussWeights[3] * centerValue
        for index in 0..<7 {
            let offset = halfLength * kronrodNodes[index]
            let pair = try function(center - offset) + function(center + offset)
            kronrod += kronrodWeights[index] * pair
            if index % 2 == 1 { gauss += gaussWeights[index / 2] * pair }
        }
        guard kronrod.isFinite && gauss.isFinite else {
            throw ConvergenceError(description: "the integrand is not finite on [\(a), \(b)]")
        }
        return (kronrod * halfLength, abs((kronrod - gauss) * halfLength))
    }

    /// ∫_a^b f with absolute error ≲ max(absoluteTolerance, relativeTolerance · |∫|), splitting
    /// first at `breakpoints` (where f or a derivative is not smooth). Throws when a bound or
    /// the integrand is not finite, or when `maximumIntervals` do not reach the tolerance.
    public static func integrate(_ function: (Double) throws(ConvergenceError) -> Double, from a: Double, to b: Double,
                                 breakpoints: [Double] = [], relativeTolerance: Double = 1e-12,
                                 absoluteTolerance: Double = 0, maximumIntervals: Int = 10_000) throws(ConvergenceError) -> Double {
        guard a.isFinite && b.isFinite && a <= b else {
            throw ConvergenceError(description: "cannot integrate over [\(a), \(b)]; expected finite bounds a ≤ b")
        }
        let points = ([a] + breakpoints.filter { $0 > a && $0 < b }.sorted() + [b])
        var intervals: [(a: Double, b: Double, value: Double, error: Double)] = []
        for index in 0..<(points.count - 1) {
            let estimate = try rule(function, points[index], points[index + 1])
            intervals.append((points[index], points[index + 1], estimate.value, estimate.error))
        }
        while true {
            let total = intervals.reduce(0) { $0 + $1.value }
            let error = intervals.reduce(0) { $0 + $1.error }
            if error <= max(absoluteTolerance, relativeTolerance * abs(total)) { return total }
            guard intervals.count < maximumIntervals else {
                throw ConvergenceError(description: "∫ over [\(a), \(b)] did not converge: estimated error \(error) on \(total) after \(intervals.count) intervals (tolerance \(max(absoluteTolerance, relativeTolerance * abs(total))))")
            }
            let worst = intervals.indices.max { intervals[$0].error < intervals[$1].error }!
            let interval = intervals.remove(at: worst)
            let middle = 0.5 * (interval.a + interval.b)
            let left = try rule(function, interval.a, middle), right = try rule(function, middle, interval.b)
            intervals.append((interval.a, middle, left.value, left.error))
            intervals.append((middle, interval.b, right.value, right.error))
        }
    }
}
