import Foundation
import Model

/// Stationary rates of a network in the mean-field theory: fixed points ν = Φ(ν) of the shifted
/// Siegert rate equations (see `MeanFieldModel`), their stability, and the original's pseudo-time
/// path for comparison.
public enum StationaryRates {
    /// Finds the fixed points from `options.trials` initial conditions by pseudo-transient
    /// continuation — implicit pseudo-time steps that turn into Newton's method with the analytic
    /// Jacobian (LAPACK dgesv) near a fixed point (`PseudoTransientContinuation`) — and classifies
    /// each distinct fixed point by the eigenvalues of the linearised dynamics (LAPACK dgeev).
    public static func solve(network: Network, options: TheoryOptions = TheoryOptions()) -> TheoryResult {
        let clock = ContinuousClock()
        let start = clock.now
        let startCPU = threadCPUSeconds()
        let model = MeanFieldModel(network: network, includeDCDrive: options.includeDCDrive)
        let total = network.populationCount
        let initialConditions = initialRates(model: model, populationCount: total, options: options)
        var fixedPoints: [FixedPoint] = []
        var outcomes: [TrialOutcome] = []
        for (trial, initial) in initialConditions.enumerated() {
            let search = PseudoTransientContinuation(model: model, options: options)
            let outcome = search.run(from: model.modelled(initial), initialStep: options.initialPseudoTimeStep)
            var trialOutcome = TrialOutcome(
                trial: trial, converged: outcome.converged, iterations: outcome.iterations,
                rejectedSteps: outcome.rejectedSteps, residualHz: outcome.residual, fixedPoint: nil,
                message: outcome.message, rates: model.layoutRates(outcome.rates, populationCount: total))
            if outcome.converged {
                if let known = fixedPoints.firstIndex(where: { isSame($0.rates, trialOutcome.rates, options) }) {
                    fixedPoints[known].trials.append(trial)
                    trialOutcome.fixedPoint = known
                } else {
                    let inputs = model.inputs(rates: outcome.rates)
                    fixedPoints.append(FixedPoint(
                        rates: trialOutcome.rates,
                        meanInputMV: model.layoutRates(inputs.mean, populationCount: total),
                        inputStandardDeviationMV: model.layoutRates(inputs.standardDeviation, populationCount: total),
                        residualHz: outcome.residual, stability: nil, trials: [trial]))
                    trialOutcome.fixedPoint = fixedPoints.count - 1
                }
            }
            outcomes.append(trialOutcome)
        }
        let solved = clock.now
        let solvedCPU = threadCPUSeconds()
        if options.computeStability {
            for index in fixedPoints.indices {
                fixedPoints[index].stability = stability(model: model, rates: model.modelled(fixedPoints[index].rates))
            }
        }
        let end = clock.now
        return TheoryResult(layout: network.layout, modelledPopulations: model.populations,
                            fixedPoints: fixedPoints, trials: outcomes,
                            solveSeconds: seconds(solved - start), solveCPUSeconds: solvedCPU - startCPU,
                            stabilitySeconds: seconds(end - solved))
    }

    /// Result of integrating the pseudo-time dynamics.
    public struct PseudoTimeResult: Sendable {
        /// Rates at the end time, layout order, Hz.
        public var rates: [Double]
        /// max_i |dν_i/ds| at the end time, Hz per unit pseudo-time: 0 at a fixed point.
        public var finalSpeedHz: Double
        public var steps: Int
        public var rightHandSideEvaluations: Int
        public var seconds: Double
        /// Pseudo-times of the samples and the rates there (layout order, Hz), when requested.
        public var sampleTimes: [Double]
        public var samples: [[Double]]
    }

    /// Integrates dν/ds = −ν + Φ(ν) from `initialRates` (layout order, Hz) to pseudo-time `end`
    /// (the original stops at 9.9), accurately (Dormand–Prince 5(4), rtol 1e-8, atol 1e-10 Hz),
    /// recording the rates every `sampleInterval` if given (the original samples every 0.1).
    public static func integratePseudoTime(network: Network, initialRates: [Double], end: Double = 9.9,
                                           includeDCDrive: Bool = true,
                                           sampleInterval: Double? = nil) -> PseudoTimeResult {
        let clock = ContinuousClock()
        let start = clock.now
        precondition(initialRates.count == network.populationCount, "one initial rate per population of the layout")
        let model = MeanFieldModel(network: network, includeDCDrive: includeDCDrive)
        let outcome = PseudoTimeIntegration().integrate(model: model, from: model.modelled(initialRates), duration: end,
                                                        sampleInterval: sampleInterval)
        return PseudoTimeResult(
            rates: model.layoutRates(outcome.rates, populationCount: network.populationCount),
            finalSpeedHz: outcome.finalSpeed, steps: outcome.steps,
            rightHandSideEvaluations: outcome.rightHandSideEvaluations, seconds: seconds(clock.now - start),
            sampleTimes: outcome.samples.indices.map { Double($0) * (sampleInterval ?? 0) },
            samples: outcome.samples.map { model.layoutRates($0, populationCount: network.populationCount) })
    }

    /// The initial rates of every trial, layout order: `options.initialRates`, or uniform draws
    /// from `options.initialRateRangeHz` by SplitMix64(seed), one per modelled population, trial
    /// after trial.
    public static func initialRates(network: Network, options: TheoryOptions) -> [[Double]] {
        initialRates(model: MeanFieldModel(network: network, includeDCDrive: false),
                     populationCount: network.populationCount, options: options)
    }

    static func initialRates(model: MeanFieldModel, populationCount: Int, options: TheoryOptions) -> [[Double]] {
        if let given = options.initialRates {
            precondition(given.allSatisfy { $0.count == populationCount },
                         "initial rates must have one value per population of the layout (\(populationCount))")
            return given
        }
        var generator = SplitMix64(seed: options.seed)
        let low = options.initialRateRangeHz.lowerBound
        let width = options.initialRateRangeHz.upperBound - low
        return (0..<options.trials).map { _ in
            let rates = (0..<model.count).map { _ in low + width * generator.nextUniform() }
            return model.layoutRates(rates, populationCount: populationCount)
        }
    }

    /// Two converged solutions are the same fixed point if they agree to 1e-6 Hz + 1e-6 relative
    /// per population — 10⁴ times the convergence tolerance, far below any physical difference.
    static func isSame(_ a: [Double], _ b: [Double], _ options: TheoryOptions) -> Bool {
        let tolerance = max(1e-6, 1e4 * options.toleranceHz)
        return zip(a, b).allSatisfy { abs($0 - $1) <= tolerance * (1 + abs($0)) }
    }

    /// Eigenvalues of the pseudo-time dynamics' Jacobian ∂Φ/∂ν − 1 at the fixed point, computed from
    /// the similar matrix ∂ln Φ/∂ln ν − 1 (see `MeanFieldModel.logarithmicJacobian`).
    static func stability(model: MeanFieldModel, rates: [Double]) -> FixedPointStability? {
        let n = model.count
        var matrix = model.logarithmicJacobian(rates: rates)
        for i in 0..<n { matrix[i * n + i] -= 1 }
        guard let (real, imaginary) = DenseLinearAlgebra.eigenvalues(rowMajor: matrix, size: n),
              let leading = real.indices.max(by: { real[$0] < real[$1] }) else { return nil }
        return FixedPointStability(leadingEigenvalueReal: real[leading],
                                   leadingEigenvalueImaginary: abs(imaginary[leading]),
                                   eigenvaluesReal: real, eigenvaluesImaginary: imaginary)
    }

    /// CPU time of the calling thread, s: with BLAS on this thread, the solve's own work,
    /// unaffected by other processes competing for the cores.
    static func threadCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }
}

extension StationaryRates {
    /// The full-scale network with `parameters` (N_scaling = K_scaling = 1, everything else as
    /// given) solved as `solve` does — the stationary rates a down-scaled network's DC
    /// compensation needs (`Network.build(…, fullscaleRates: result.rates)`), computed instead of
    /// read from the notebook's base_theory_rates.csv.
    public static func solveFullScale(data: ModelData, parameters: NetworkParameters,
                                      options: TheoryOptions = TheoryOptions(),
                                      localProfiles: [LocalConnectivityProfile]? = nil) throws(InputError) -> TheoryResult {
        let network = try Network.build(data: data, parameters: parameters.atFullScale, localProfiles: localProfiles)
        return solve(network: network, options: options)
    }
}
