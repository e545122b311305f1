import Foundation

/// Integration of the pseudo-time rate dynamics dν/ds = −ν + Φ(ν), the path the original takes
/// (`theory.rates.solve`: scipy `solve_ivp` LSODA, rtol 1e-3, atol 1e-6, stopped at s = 9.9 in
/// `figure_theory.py`). Here with the Dormand–Prince 5(4) embedded Runge–Kutta pair (Dormand &
/// Prince 1980; Hairer, Nørsett & Wanner, Solving ODEs I, §II.4–5) with standard step-size
/// control, at a tolerance far tighter than the original's, so that the result is the ODE's
/// solution rather than an artefact of the integrator.
struct PseudoTimeIntegration {
    var relativeTolerance = 1e-8
    var absoluteTolerance = 1e-10  // Hz

    struct Outcome {
        /// Rates at the end time, Hz.
        var rates: [Double]
        /// max_i |−ν_i + Φ_i(ν)| at the end time, Hz per unit pseudo-time.
        var finalSpeed: Double
        var steps: Int
        var rightHandSideEvaluations: Int
    }

    // Butcher tableau of DOPRI5.
    private static let c: [Double] = [0, 1.0 / 5, 3.0 / 10, 4.0 / 5, 8.0 / 9, 1, 1]
    private static let a: [[Double]] = [
        [],
        [1.0 / 5],
        [3.0 / 40, 9.0 / 40],
        [44.0 / 45, -56.0 / 15, 32.0 / 9],
        [19372.0 / 6561, -25360.0 / 2187, 64448.0 / 6561, -212.0 / 729],
        [9017.0 / 3168, -355.0 / 33, 46732.0 / 5247, 49.0 / 176, -5103.0 / 18656],
        [35.0 / 384, 0, 500.0 / 1113, 125.0 / 192, -2187.0 / 6784, 11.0 / 84],
    ]
    /// 5th-order weights (= last row of a) minus the embedded 4th-order weights.
    private static let errorWeights: [Double] = [
        35.0 / 384 - 5179.0 / 57600, 0, 500.0 / 1113 - 7571.0 / 16695, 125.0 / 192 - 393.0 / 640,
        -2187.0 / 6784 + 92097.0 / 339200, 11.0 / 84 - 187.0 / 2100, -1.0 / 40,
    ]

    /// Integrates from `rates` (Hz) over pseudo-time `duration`.
    func integrate(model: MeanFieldModel, from rates: [Double], duration: Double) -> Outcome {
        let n = model.count
        var evaluations = 0
        func speed(_ state: [Double]) -> [Double] {
            evaluations += 1
            let clamped = state.map { max($0, 0) }
            let output = model.transfer(rates: clamped)
            return (0..<n).map { output[$0] - state[$0] }
        }
        var state = rates
        var stages = [[Double]](repeating: [], count: 7)
        stages[0] = speed(state)
        var time = 0.0
        var step = min(0.05, duration)
        var steps = 0
        var stage = [Double](repeating: 0, count: n)
        while time < duration {
            step = min(step, duration - time)
            for s in 1..<7 {
                for i in 0..<n {
                    var sum = 0.0
                    for k in 0..<s { sum += Self.a[s][k] * stages[k][i] }
                    stage[i] = state[i] + step * sum
                }
                stages[s] = speed(stage)
            }
            // stage now holds the 5th-order solution (row 7 of a = 5th-order weights; FSAL).
            var errorNorm = 0.0
            for i in 0..<n {
                var error = 0.0
                for k in 0..<7 { error += Self.errorWeights[k] * stages[k][i] }
                let scale = absoluteTolerance + relativeTolerance * max(abs(state[i]), abs(stage[i]))
                let ratio = step * error / scale
                errorNorm += ratio * ratio
            }
            errorNorm = n > 0 ? (errorNorm / Double(n)).squareRoot() : 0
            if errorNorm <= 1 {
                time += step
                state = stage
                stages[0] = stages[6]
                steps += 1
            }
            let factor = errorNorm == 0 ? 5 : min(5, max(0.2, 0.9 * pow(errorNorm, -0.2)))
            step *= errorNorm <= 1 ? factor : min(1, factor)
        }
        let finalSpeed = stages[0].reduce(0) { max($0, abs($1)) }
        return Outcome(rates: state.map { max($0, 0) }, finalSpeed: finalSpeed, steps: steps,
                       rightHandSideEvaluations: evaluations)
    }
}
