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
/// steps); near one Δs → ∞ and it is Newton's method, converging quadratically. A step that raises
/// ‖F‖ is rejected and retried with Δs/4, unless Δs < 1e-3 (then it follows the pseudo-time path).
/// A component that would fall below a tenth of its value is updated as ν·exp(δ/ν) instead (the
/// same to first order, always positive), so that rates approach silence geometrically. Started
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
    /// Below this Δs a step is accepted even if it raises ‖F‖: it then follows the pseudo-time path.
    static let minimumStep = 1e-3

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
            let rates = Self.positiveUpdate(state.rates, update, length: 1)
            let candidate = State(model: model, rates: rates)
            let change = zip(state.rates, rates).reduce(0) { max($0, abs($1.0 - $1.1)) }
            if step >= Self.maximumStep && change <= options.toleranceHz && candidate.maximum <= options.toleranceHz {
                return Outcome(rates: rates, converged: true, iterations: iterations, rejectedSteps: rejected,
                               residual: candidate.maximum, message: "converged")
            }
            // Accept steps that lower ‖F‖; with tiny Δs follow the pseudo-time path regardless.
            guard candidate.norm.isFinite, candidate.norm < state.norm || step < Self.minimumStep else {
                rejected += 1
                step = min(step, 1e6) / 4
                continue
            }
            // Switched evolution relaxation; once the residual is tiny, pure Newton steps.
            step = candidate.maximum <= 1e-6 ? Self.maximumStep : min(step * state.norm / candidate.norm, Self.maximumStep)
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
                       message: "no fixed point within \(options.maximumIterations) continuation and \(Self.newtonIterations) Newton iterations (residual max|Φ(ν) − ν| = \(state.maximum) Hz)")
    }

    static let newtonIterations = 50

    /// Newton's method with backtracking on ‖F‖ (Armijo; Dennis & Schnabel 1996 §6.3), or nil.
    private func newton(from start: State, iterations: inout Int) -> Outcome? {
        let n = model.count
        var state = start
        for _ in 0..<Self.newtonIterations {
            iterations += 1
            var matrix = state.jacobian.map { -$0 }
            for i in 0..<n { matrix[i * n + i] += 1 }
            guard let update = DenseLinearAlgebra.solve(rowMajor: matrix, size: n, rightHandSide: state.residual),
                  update.allSatisfy(\.isFinite) else { return nil }
            var length = 1.0
            var accepted: State?
            while length >= 1e-4 {
                let candidate = State(model: model, rates: Self.positiveUpdate(state.rates, update, length: length))
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

    /// ν + λδ, except that a component that would fall below a tenth of its value becomes ν·exp(λδ/ν).
    static func positiveUpdate(_ rates: [Double], _ update: [Double], length: Double) -> [Double] {
        zip(rates, update).map { rate, change in
            let step = length * change
            return rate + step >= 0.1 * rate ? rate + step : rate * exp(step / rate)
        }
    }
}
