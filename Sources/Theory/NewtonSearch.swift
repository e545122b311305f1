import Foundation

/// Newton's method for F(ν) = Φ(ν) − ν = 0 on the modelled populations, with the analytic
/// Jacobian ∂Φ/∂ν − 1 (LAPACK dgesv), a backtracking line search on ‖F‖₂ (Armijo condition,
/// Dennis & Schnabel 1996 §6.3), iterates projected onto ν ≥ 0, and pseudo-time integration of
/// dν/ds = F(ν) whenever no step length reduces the residual (or the Jacobian is singular).
struct NewtonSearch {
    let model: MeanFieldModel
    let options: TheoryOptions

    struct Outcome {
        var rates: [Double]
        var converged: Bool
        var iterations: Int
        var fallbacks: Int
        var residual: Double
        var message: String
    }

    func run(from initial: [Double]) -> Outcome {
        let n = model.count
        var rates = initial.map { max($0, 0) }
        var iterations = 0
        var fallbacks = 0
        var message = ""
        let integrator = PseudoTimeIntegration(relativeTolerance: 1e-6, absoluteTolerance: 1e-9)
        func residualVector(_ output: [Double], _ rates: [Double]) -> [Double] {
            (0..<n).map { output[$0] - rates[$0] }
        }
        func norm(_ v: [Double]) -> Double { v.reduce(0) { $0 + $1 * $1 }.squareRoot() }
        func maximum(_ v: [Double]) -> Double { v.reduce(0) { max($0, abs($1)) } }
        if n == 0 {
            return Outcome(rates: [], converged: true, iterations: 0, fallbacks: 0, residual: 0,
                           message: "no populations")
        }
        while iterations < options.maximumIterations {
            iterations += 1
            let (output, jacobian) = model.transferAndJacobian(rates: rates)
            let residual = residualVector(output, rates)
            var matrix = jacobian
            for i in 0..<n { matrix[i * n + i] -= 1 }
            var step: [Double]?
            if let solution = DenseLinearAlgebra.solve(rowMajor: matrix, size: n,
                                                       rightHandSide: residual.map { -$0 }),
               solution.allSatisfy(\.isFinite) {
                step = solution
            }
            if let step, maximum(step) <= options.toleranceHz, maximum(residual) <= options.toleranceHz {
                let final = (0..<n).map { max(rates[$0] + step[$0], 0) }
                let finalResidual = maximum(residualVector(model.transfer(rates: final), final))
                if finalResidual <= options.toleranceHz {
                    return Outcome(rates: final, converged: true, iterations: iterations, fallbacks: fallbacks,
                                   residual: finalResidual, message: "converged")
                }
            }
            var accepted = false
            if let step {
                let currentNorm = norm(residual)
                var length = 1.0
                while length >= 1e-6 {
                    let candidate = (0..<n).map { max(rates[$0] + length * step[$0], 0) }
                    let candidateResidual = residualVector(model.transfer(rates: candidate), candidate)
                    let candidateNorm = norm(candidateResidual)
                    if candidateNorm.isFinite && candidateNorm <= (1 - 1e-4 * length) * currentNorm {
                        rates = candidate
                        accepted = true
                        break
                    }
                    length *= 0.5
                }
            }
            if !accepted {
                guard fallbacks < options.maximumFallbacks else {
                    message = "no Newton step reduces the residual and \(fallbacks) pseudo-time integrations of \(options.fallbackPseudoTime) did not reach a fixed point"
                    break
                }
                fallbacks += 1
                rates = integrator.integrate(model: model, from: rates, duration: options.fallbackPseudoTime).rates
            }
        }
        if message.isEmpty {
            message = "no convergence within \(options.maximumIterations) Newton iterations"
        }
        let residual = maximum(residualVector(model.transfer(rates: rates), rates))
        return Outcome(rates: rates, converged: false, iterations: iterations, fallbacks: fallbacks,
                       residual: residual, message: message)
    }
}
