import Foundation

/// Gauss–Legendre quadrature nodes and weights on [−1, 1], computed once by Newton's method on
/// the three-term recurrence of the Legendre polynomials (Golub & Welsch; Numerical Recipes
/// 3rd ed. §4.6 `gauleg`). Exact for polynomials of degree 2·order − 1.
struct GaussLegendreRule: Sendable {
    let nodes: [Double]
    let weights: [Double]

    init(order: Int) {
        var nodes = [Double](repeating: 0, count: order)
        var weights = [Double](repeating: 0, count: order)
        let n = Double(order)
        for i in 0..<(order + 1) / 2 {
            // Chebyshev-like initial guess for the i-th largest root.
            var z = cos(Double.pi * (Double(i) + 0.75) / (n + 0.5))
            var derivative = 0.0
            for _ in 0..<100 {
                var p1 = 1.0, p2 = 0.0
                for j in 1...order {
                    let p3 = p2
                    p2 = p1
                    p1 = ((2 * Double(j) - 1) * z * p2 - (Double(j) - 1) * p3) / Double(j)
                }
                derivative = n * (z * p1 - p2) / (z * z - 1)
                let previous = z
                z = previous - p1 / derivative
                if abs(z - previous) <= 1e-16 { break }
            }
            nodes[i] = -z
            nodes[order - 1 - i] = z
            weights[i] = 2 / ((1 - z * z) * derivative * derivative)
            weights[order - 1 - i] = weights[i]
        }
        self.nodes = nodes
        self.weights = weights
    }

    /// ∫ₐᵇ f(x) dx by this rule.
    @inline(__always)
    func integrate(from a: Double, to b: Double, _ f: (Double) -> Double) -> Double {
        let halfLength = 0.5 * (b - a)
        let center = 0.5 * (b + a)
        var sum = 0.0
        for k in nodes.indices {
            sum += weights[k] * f(center + halfLength * nodes[k])
        }
        return halfLength * sum
    }
}
