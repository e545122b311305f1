import Foundation

/// Fixed points of F(ν) = Φ(ν) − ν on the modelled populations by pseudo-transient continuation
/// (Kelley & Keyes 1998, SIAM J. Numer. Anal. 35:508): linearly implicit Euler steps of the
/// original's pseudo-time dynamics dν/ds = F(ν),
///
///     ((1 + 1/Δs) − ∂Φ/∂ν) δ = F(ν),   ν ← ν + δ,
///
/// with the analytic Jacobian (LAPACK dgesv) and Δs grown by switched evolution relaxation,
/// Δs ← Δs·‖F_old‖/‖F_new‖. Far from a fixed point this follows the pseudo-time path (implicit
/// Euler is stable on the stiff inhibitory modes, where explicit integrators need hundreds of
/// steps); near one Δs → ∞ and it is Newton's method, converging quadratically. A step over which
/// F is far from linear is rejected and retried with Δs/4.
/// A component that would fall below a tenth of its value is set to min(ν/10, Φ_i(ν)) instead, which
/// keeps rates positive and lets silent populations reach their tiny rates in one step. Started
/// at Δs = ∞ it is plain Newton. If the continuation does not settle within the iteration cap (the
/// pseudo-time dynamics may oscillate), Newton's method with backtracking takes over from its last
/// point, which also finds unstable fixed points.
struct PseudoTransientContinuation {
    let model: MeanFieldModel
    let options: TheoryOptions

    struct Outcome {
        var rates: [Double]
        var converged: Bool
        var iterations: Int
        var rejectedSteps: Int
        var residual: Double
        var message: String
    }

    static let maximumStep = 1e15

    private struct State {
        var rates: [Double]
        var jacobian: [Double]
        var residual: [Double]  // F = Φ − ν, Hz
        var norm: Double
        var maximum: Double

        init(model: MeanFieldModel, rates: [Double]) {
            self.rates = rates
            let output: [Double]
            (output, jacobian) = model.transferAndJacobian(rates: rates)
            residual = zip(output, rates).map { $0 - $1 }
            norm = residual.reduce(0) { $0 + $1 * $1 }.squareRoot()
            maximum = residual.reduce(0) { max($0, abs($1)) }
        }
    }

    func run(from initial: [Double], initialStep: Double) -> Outcome {
        let n = model.count
        if n == 0 {
            return Outcome(rates: [], converged: true, iterations: 0, rejectedSteps: 0, residual: 0,
                           message: "no populations")
        }
        var state = State(model: model, rates: initial.map { max($0, 0) })
        var step = min(initialStep, Self.maximumStep)
        var iterations = 0
        var rejected = 0
        while iterations < options.maximumIterations {
            iterations += 1
            var matrix = state.jacobian.map { -$0 }
            for i in 0..<n { matrix[i * n + i] += 1 + 1 / step }
            guard let update = DenseLinearAlgebra.solve(rowMajor: matrix, size: n, rightHandSide: state.residual),
                  update.allSatisfy(\.isFinite) else {
                // Singular Newton matrix: go on along the pseudo-time path with a smaller step.
                rejected += 1
                step = min(step, 1) / 4
                continue
            }
            let rates = Self.positiveUpdate(state, update, length: 1)
            let candidate = State(model: model, rates: rates)
            let change = zip(state.rates, rates).reduce(0) { max($0, abs($1.0 - $1.1)) }
            if step >= Self.maximumStep && change <= options.toleranceHz && candidate.maximum <= options.toleranceHz {
                return Outcome(rates: rates, converged: true, iterations: iterations, rejectedSteps: rejected,
                               residual: candidate.maximum, message: "converged")
            }
            // Accept the step if F is close to linear over it: the actual new residual F(ν + δ)
            // differs from the linear prediction F(ν) + (∂F/∂ν)δ = δ/Δs by at most half of ‖F(ν)‖
            // (the trust-region ratio test; at Δs = ∞ it asks Newton to halve ‖F‖). Small steps
            // pass it whatever ‖F‖ does along the path, so transients are followed, not stalled.
            let linearizationError = zip(candidate.residual, update).reduce(0) { sum, pair in
                let deviation = pair.0 - pair.1 / step
                return sum + deviation * deviation
            }.squareRoot()
            guard candidate.norm.isFinite,
                  linearizationError <= 0.5 * state.norm || candidate.maximum <= options.toleranceHz else {
                rejected += 1
                step = min(step, 1e6) / 4
                continue
            }
            // Next Δs: switched evolution relaxation ‖F_old‖/‖F_new‖, or growth by how linear the
            // step was, whichever is larger, at most ×10; pure Newton once the residual is tiny.
            let linearity = min(4, max(0.25, (0.25 * state.norm / max(linearizationError, 1e-300)).squareRoot()))
            let relaxation = state.norm / max(candidate.norm, 1e-300)
            step = candidate.maximum <= 1e-6 ? Self.maximumStep
                : min(step * min(10, max(relaxation, linearity)), Self.maximumStep)
            state = candidate
        }
        // The pseudo-time path did not settle (it need not: the dynamics may oscillate). Newton's
        // method from its last point finds a fixed point nearby if there is one, stable or not.
        if var outcome = newton(from: state, iterations: &iterations) {
            outcome.rejectedSteps = rejected
            outcome.message = "pseudo-time continuation did not settle; Newton's method converged"
            return outcome
        }
        return Outcome(rates: state.rates, converged: false, iterations: iterations, rejectedSteps: rejected,
                       residual: state.maximum,
                       message: "no fixed point within \(options.maximumIterations) continuation and \(options.maximumNewtonIterations) Newton iterations (residual max|Φ(ν) − ν| = \(state.maximum) Hz)")
    }

    /// Newton's method with backtracking on ‖F‖ (Armijo; Dennis & Schnabel 1996 §6.3), or nil.
    private func newton(from start: State, iterations: inout Int) -> Outcome? {
        let n = model.count
        var state = start
        for _ in 0..<options.maximumNewtonIterations {
            iterations += 1
            var matrix = state.jacobian.map { -$0 }
            for i in 0..<n { matrix[i * n + i] += 1 }
            guard let update = DenseLinearAlgebra.solve(rowMajor: matrix, size: n, rightHandSide: state.residual),
                  update.allSatisfy(\.isFinite) else { return nil }
            var length = 1.0
            var accepted: State?
            while length >= 1e-4 {
                let candidate = State(model: model, rates: Self.positiveUpdate(state, update, length: length))
                let change = zip(state.rates, candidate.rates).reduce(0) { max($0, abs($1.0 - $1.1)) }
                if change <= options.toleranceHz && candidate.maximum <= options.toleranceHz {
                    return Outcome(rates: candidate.rates, converged: true, iterations: iterations, rejectedSteps: 0,
                                   residual: candidate.maximum, message: "converged")
                }
                if candidate.norm.isFinite && candidate.norm <= (1 - 1e-4 * length) * state.norm {
                    accepted = candidate
                    break
                }
                length /= 2
            }
            guard let next = accepted else { return nil }
            state = next
        }
        return nil
    }

    /// ν + λδ, except for a component that would fall below a tenth of its value: that one goes to
    /// min(ν/10, Φ_i(ν)), the value its own relaxation heads for with the inputs held — positive,
    /// and at once near a silent population's tiny rate, where ν + δ would overshoot below zero.
    private static func positiveUpdate(_ state: State, _ update: [Double], length: Double) -> [Double] {
        (0..<state.rates.count).map { i in
            let rate = state.rates[i]
            let next = rate + length * update[i]
            return next >= 0.1 * rate ? next : min(0.1 * rate, state.residual[i] + rate)
        }
    }
}
