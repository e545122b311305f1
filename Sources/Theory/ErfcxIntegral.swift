import Foundation

/// ∫ₐᵇ erfcx(v) dv for 0 ≤ a ≤ b < ∞ — the integral in the Siegert formula (NNMT's
/// `_erfcx_integral`, which uses one Gauss–Legendre rule whose order it searches adaptively
/// and which fails for very wide ranges such as sigma → 0).
///
/// Here through the antiderivative G(x) = ∫₀ˣ erfcx, tabulated once at knots 0, 0.25, …, 8 and
/// then ×1.125 up to 1024 (each knot interval integrated with a 16-point Gauss–Legendre rule), and
/// completed between the knot below x and x by an 8-point rule. erfcx is entire and behaves like
/// 1/(v√π) for large v, so on a knot interval the 8-point rule converges with a Bernstein-ellipse
/// ratio ≥ 34 (error < 1e-24 relative). Above 1024 the antiderivative of the asymptotic series,
/// (1/√π)(ln v + 1/(4v²) − 3/(16v⁴) + 5/(16v⁶)), is exact to 1e-25. Ranges narrower than a
/// quarter are integrated directly, so that G(b) − G(a) never cancels.
enum ErfcxIntegral {
    static let asymptoticStart = 1024.0
    static let uniformStep = 0.25
    static let uniformEnd = 8.0
    static let geometricRatio = 1.125
    static let directRule = GaussLegendreRule(order: 16)
    static let pieceRule = GaussLegendreRule(order: 8)

    /// Knots and G at the knots.
    static let table: (knots: [Double], antiderivative: [Double]) = {
        var knots: [Double] = []
        var x = 0.0
        while x < uniformEnd {
            knots.append(x)
            x += uniformStep
        }
        x = uniformEnd
        while x < asymptoticStart {
            knots.append(x)
            x *= geometricRatio
        }
        knots.append(asymptoticStart)
        var values = [0.0]
        for k in 1..<knots.count {
            values.append(values[k - 1] + directRule.integrate(from: knots[k - 1], to: knots[k], erfcx))
        }
        return (knots, values)
    }()

    /// G(x) = ∫₀ˣ erfcx for 0 ≤ x ≤ 1024.
    static func antiderivative(_ x: Double) -> Double {
        let knots = table.knots
        var k = x < uniformEnd ? Int(x / uniformStep)
            : Int(uniformEnd / uniformStep) + Int(log(x / uniformEnd) / log(geometricRatio))
        k = min(max(k, 0), knots.count - 1)
        // Guard against the rounding of the index formula at a knot.
        while k > 0 && knots[k] > x { k -= 1 }
        while k + 1 < knots.count && knots[k + 1] <= x { k += 1 }
        return table.antiderivative[k] + pieceRule.integrate(from: knots[k], to: x, erfcx)
    }

    static func integral(from a: Double, to b: Double) -> Double {
        precondition(a >= 0 && b >= a, "erfcx integral needs 0 ≤ a ≤ b")
        if a == b { return 0 }
        if a >= asymptoticStart { return asymptoticTail(from: a, to: b) }
        if b - a <= uniformStep && b <= asymptoticStart { return directRule.integrate(from: a, to: b, erfcx) }
        if b <= asymptoticStart { return antiderivative(b) - antiderivative(a) }
        return table.antiderivative[table.knots.count - 1] - antiderivative(a)
            + asymptoticTail(from: asymptoticStart, to: b)
    }

    /// ∫ₐᵇ erfcx for a ≥ 1024 from the asymptotic antiderivative; ln(b/a) via log1p keeps
    /// narrow ranges exact.
    static func asymptoticTail(from a: Double, to b: Double) -> Double {
        func correction(_ v: Double) -> Double {
            let inverseSquare = 1 / (v * v)
            return inverseSquare * (0.25 + inverseSquare * (-3.0 / 16 + inverseSquare * (5.0 / 16)))
        }
        let logarithm = log1p((b - a) / a)
        return (logarithm + correction(b) - correction(a)) / 1.772453850905516027298167
    }
}
