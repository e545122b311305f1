import Foundation
import Model
import Theory

/// What `humam theory` prints: per trial whether and how it converged, every distinct fixed point
/// with its stability and rate statistics, and the solve time.
public struct TheorySummary: Sendable {
    public let network: Network
    public let options: TheoryOptions

    public init(network: Network, options: TheoryOptions) {
        self.network = network
        self.options = options
    }

    private func format(_ value: Double, _ digits: Int = 4) -> String { String(format: "%.\(digits)g", value) }

    /// Mean over populations and over neurons, min and max of the non-empty populations' rates.
    private func statistics(_ rates: [Double]) -> String {
        let populations = network.nonEmptyPopulations
        let values = populations.map { rates[$0] }
        let mean = values.reduce(0, +) / Double(max(values.count, 1))
        let neurons = Double(network.totalNeurons)
        let neuronMean = populations.reduce(0) { $0 + rates[$1] * Double(network.neuronCounts[$1]) } / max(neurons, 1)
        return "mean \(format(mean)) Hz per population, \(format(neuronMean)) Hz per neuron; "
            + "min \(format(values.min() ?? 0)) Hz, max \(format(values.max() ?? 0)) Hz"
    }

    private var header: [String] {
        [
            "HuMAM mean-field theory (shifted Siegert) of network \(network.contentHash)",
            "  populations           \(network.nonEmptyPopulations.count) non-empty of \(network.populationCount)",
            "  DC drive              \(options.includeDCDrive ? "included" : "left out (as the original)")",
        ]
    }

    private var initialRatesDescription: String {
        options.initialRates != nil ? "initial rates from file"
            : "seed \(options.seed), initial rates uniform \(format(options.initialRateRangeHz.lowerBound))–\(format(options.initialRateRangeHz.upperBound)) Hz"
    }

    public func text(_ result: TheoryResult) -> String {
        var lines = header
        lines.append("  trials                \(result.trials.count) (\(initialRatesDescription))")
        for trial in result.trials {
            let target = trial.fixedPoint.map { " → fixed point \($0 + 1)" } ?? ""
            lines.append("  trial \(trial.trial + 1): \(trial.converged ? "converged" : "NOT CONVERGED") after \(trial.iterations) iterations, residual max|Φ(ν) − ν| = \(format(trial.residualHz, 2)) Hz\(target)")
            if !trial.converged || trial.message != "converged" { lines.append("    \(trial.message)") }
        }
        if result.fixedPoints.isEmpty {
            lines.append("  no fixed point found: the rates below are where the search stopped, not a solution")
            if let last = result.trials.last { lines.append("    last iterate: \(statistics(last.rates))") }
        }
        for (index, fixedPoint) in result.fixedPoints.enumerated() {
            let trials = fixedPoint.trials.map { String($0 + 1) }.joined(separator: ", ")
            var stability = "stability not computed"
            if let s = fixedPoint.stability {
                let imaginary = s.leadingEigenvalueImaginary > 0 ? " ± \(format(s.leadingEigenvalueImaginary))i" : ""
                stability = "\(s.isStable ? "stable" : "UNSTABLE"), leading eigenvalue \(format(s.leadingEigenvalueReal))\(imaginary)"
            }
            lines.append("  fixed point \(index + 1) (trials \(trials)): \(stability)")
            lines.append("    \(statistics(fixedPoint.rates))")
        }
        if result.fixedPoints.count > 1 {
            lines.append("  \(result.fixedPoints.count) distinct fixed points: the state depends on the initial condition")
        }
        lines.append("  solve time            \(String(format: "%.4f", result.solveSeconds)) s (CPU \(String(format: "%.4f", result.solveCPUSeconds)) s; stability \(String(format: "%.4f", result.stabilitySeconds)) s)")
        return lines.joined(separator: "\n")
    }

    public func pseudoTimeText(_ path: StationaryRates.PseudoTimeResult, end: Double) -> String {
        var lines = header
        lines.append("  pseudo-time path      dν/ds = −ν + Φ(ν) to s = \(format(end)) (\(initialRatesDescription))")
        lines.append("    \(statistics(path.rates))")
        lines.append("    max|dν/ds| at the end \(format(path.finalSpeedHz, 3)) Hz\(path.finalSpeedHz > 1e-6 ? " — still moving: not a fixed point" : "")")
        lines.append("  steps                 \(path.steps) (\(path.rightHandSideEvaluations) evaluations of Φ)")
        lines.append("  solve time            \(String(format: "%.4f", path.seconds)) s")
        return lines.joined(separator: "\n")
    }
}
