import Foundation
import Model
import Testing
@testable import Theory

/// Fixed points and their stability on one- and two-population networks, checked against an
/// independent evaluation in the test: μ, σ by hand from the network definition (the original's
/// `solve` formulas), Φ through `ShiftedSiegert`, derivatives by central differences.
struct FixedPointStabilityTests {
    /// μ (mV) and σ (mV) of population `row` (0 = E, 1 = I) of a `SmallNetwork`, from rates (Hz):
    /// J[mV] = τ_s J[pA]/C_m, μ = τ_m Σ K J ν + τ_m K_ext J_ext ν_ext, σ² likewise with J².
    static func inputs(_ network: Network, rates: [Double]) -> [(mean: Double, sigma: Double, neuron: NeuronParameters)] {
        let indices = network.nonEmptyPopulations
        let n = network.populationCount
        return indices.map { target in
            let neuron = network.neuronParameters(ofPopulation: target)
            let tauM = neuron.membraneTimeConstant / 1000
            var mean = 0.0, variance = 0.0
            for (column, source) in indices.enumerated() {
                let j = 2 * network.weights[target * n + source] / neuron.capacitance  // τ_s = 2 ms
                let k = Double(network.synapseCounts[target * n + source]) / Double(network.neuronCounts[target])
                mean += tauM * k * j * rates[column]
                variance += tauM * k * j * j * rates[column]
            }
            let jExt = 2 * network.externalWeights[target] / neuron.capacitance
            let kExt = Double(network.externalSynapseCounts[target]) / Double(network.neuronCounts[target])
            mean += tauM * kExt * jExt * network.externalRates[target]
            variance += tauM * kExt * jExt * jExt * network.externalRates[target]
            return (mean, variance.squareRoot(), neuron)
        }
    }

    static func transfer(_ network: Network, rates: [Double]) -> [Double] {
        inputs(network, rates: rates).map {
            ShiftedSiegert(neuron: $0.neuron).rate(meanMV: $0.mean, standardDeviationMV: $0.sigma, synapticTimeConstantMS: 2)
        }
    }

    /// ∂Φ/∂ν − 1 by central differences with relative step 1e-6.
    static func numericJacobian(_ network: Network, rates: [Double]) -> [[Double]] {
        rates.indices.map { i in
            rates.indices.map { j in
                let h = 1e-6 * max(rates[j], 1e-3)
                var up = rates, down = rates
                up[j] += h
                down[j] -= h
                return (transfer(network, rates: up)[i] - transfer(network, rates: down)[i]) / (2 * h) - (i == j ? 1 : 0)
            }
        }
    }

    /// One excitatory population with strong recurrent excitation (K = 100, J = 110 pA = 1 mV;
    /// external 1000 × 20 pA at 8 Hz: μ_ext = 14.5 mV): Φ(ν) = ν has three solutions, a quiet
    /// and a saturated stable one and an unstable one in between (the classic bistable network).
    static let bistable = SmallNetwork.make(populations: 1, indegrees: [[100]], weightsPA: [[110]],
                                            externalIndegrees: [1000], externalWeightsPA: [20], externalRatesHz: [8])

    // Trials started from 0–20 Hz reach both stable states; Newton from near the middle one
    // reaches the unstable one (trials may find it too: the Newton fallback converges to it). Each is a fixed point of the independent Φ to 1e-9 Hz, and the
    // eigenvalue Φ'(ν*) − 1 agrees with the central difference to 1e-5 (difference-quotient error).
    @Test func bistableNetworkHasTwoStableAndOneUnstableFixedPoint() throws {
        let network = Self.bistable
        let e = SmallNetwork.excitatory
        var options = TheoryOptions()
        options.trials = 12
        options.initialRateRangeHz = 0...20
        let fromTrials = StationaryRates.solve(network: network, options: options)
        #expect(fromTrials.allConverged)
        let stableRates = fromTrials.fixedPoints.filter { $0.stability?.isStable == true }.map { $0.rates[e] }
        #expect(stableRates.count == 2, "\(fromTrials.fixedPoints.map { $0.rates[e] })")
        var newtonOptions = TheoryOptions()
        newtonOptions.initialRates = [[Double](repeating: 0, count: network.populationCount)]
        newtonOptions.initialRates![0][e] = 7
        newtonOptions.initialPseudoTimeStep = .infinity
        let middle = StationaryRates.solve(network: network, options: newtonOptions)
        var all: [FixedPoint] = []
        for fixedPoint in fromTrials.fixedPoints + middle.fixedPoints
        where !all.contains(where: { abs($0.rates[e] - fixedPoint.rates[e]) < 1e-6 }) {
            all.append(fixedPoint)
        }
        all.sort { $0.rates[e] < $1.rates[e] }
        #expect(all.count == 3)
        guard all.count == 3 else { return }
        for (index, fixedPoint) in all.enumerated() {
            let rate = fixedPoint.rates[e]
            #expect(abs(Self.transfer(network, rates: [rate])[0] - rate) <= 1e-9 * max(1, rate))
            let stability = try #require(fixedPoint.stability)
            let slope = Self.numericJacobian(network, rates: [rate])[0][0]
            #expect(abs(stability.leadingEigenvalueReal - slope) <= 1e-5 * max(1, abs(slope)),
                    "\(stability.leadingEigenvalueReal) vs \(slope)")
            #expect(stability.isStable == (index != 1), "fixed point at \(rate) Hz")
        }
        #expect(all[0].rates[e] < 1 && all[1].rates[e] > 1 && all[1].rates[e] < 20 && all[2].rates[e] > 300)
    }

    /// E and I with strong E→E, E→I and I→E coupling and no I→I: the fixed point near
    /// (5.6, 8.4) Hz is an unstable focus (complex eigenvalues, positive real part) — rate
    /// oscillations in the pseudo-time dynamics — while a quiet stable state coexists.
    static let oscillatory = SmallNetwork.make(populations: 2, indegrees: [[1500, 250], [1000, 0]],
                                               weightsPA: [[22, -88], [10, 0]],
                                               externalIndegrees: [1000, 1000], externalWeightsPA: [22, 10],
                                               externalRatesHz: [10, 6])

    // The eigenvalues of the 2 × 2 difference-quotient Jacobian, λ = tr/2 ± √(tr²/4 − det), agree
    // with dgeev's to 1e-5 relative (difference-quotient error ~1e-8).
    @Test func excitatoryInhibitoryFocusIsUnstableWithComplexEigenvalues() throws {
        let network = Self.oscillatory
        var options = TheoryOptions()
        var start = [Double](repeating: 0, count: network.populationCount)
        start[SmallNetwork.excitatory] = 5
        start[SmallNetwork.inhibitory] = 8
        options.initialRates = [start]
        options.initialPseudoTimeStep = .infinity
        let result = StationaryRates.solve(network: network, options: options)
        let fixedPoint = try #require(result.fixedPoints.first)
        let rates = [fixedPoint.rates[SmallNetwork.excitatory], fixedPoint.rates[SmallNetwork.inhibitory]]
        let output = Self.transfer(network, rates: rates)
        #expect(abs(output[0] - rates[0]) <= 1e-9 && abs(output[1] - rates[1]) <= 1e-9)
        let jacobian = Self.numericJacobian(network, rates: rates)
        let trace = jacobian[0][0] + jacobian[1][1]
        let determinant = jacobian[0][0] * jacobian[1][1] - jacobian[0][1] * jacobian[1][0]
        let discriminant = trace * trace / 4 - determinant
        #expect(discriminant < 0)  // complex pair
        let stability = try #require(fixedPoint.stability)
        #expect(!stability.isStable)
        #expect(abs(stability.leadingEigenvalueReal - trace / 2) <= 1e-5 * abs(trace / 2))
        #expect(abs(stability.leadingEigenvalueImaginary - (-discriminant).squareRoot()) <= 1e-5 * (-discriminant).squareRoot())
        // The pseudo-time dynamics started next to it do not settle there: after s = 20 the rates
        // are far from it (a growing oscillation leaves the focus at rate Re λ ≈ 3 per unit s).
        let path = StationaryRates.integratePseudoTime(network: network, initialRates: fixedPoint.rates.map { $0 * 1.001 }, end: 20)
        #expect(abs(path.rates[SmallNetwork.excitatory] - rates[0]) > 0.1 * rates[0])
    }

    // A solve that cannot converge says so: with 3 continuation and 2 Newton iterations the
    // solver cannot reach 1e-10 Hz from rates drawn between 200 and 500 Hz.
    @Test func reportsNonConvergence() {
        var options = TheoryOptions()
        options.maximumIterations = 3
        options.maximumNewtonIterations = 2
        options.initialRateRangeHz = 200...500
        let result = StationaryRates.solve(network: Self.bistable, options: options)
        #expect(!result.allConverged)
        #expect(result.fixedPoints.isEmpty)
        #expect(result.rates == nil)
        #expect(result.trials[0].message.contains("no fixed point"))
        #expect(result.trials[0].residualHz > 1e-10)
    }

    // Same seed, same initial rates and results; another seed, other initial rates.
    @Test func trialsAreDeterministic() {
        var options = TheoryOptions()
        options.trials = 3
        options.seed = 7
        let first = StationaryRates.initialRates(network: Self.oscillatory, options: options)
        let second = StationaryRates.initialRates(network: Self.oscillatory, options: options)
        #expect(first == second)
        options.seed = 8
        #expect(StationaryRates.initialRates(network: Self.oscillatory, options: options) != first)
        #expect(first.allSatisfy { $0.allSatisfy { (0...10).contains($0) } })
        let a = StationaryRates.solve(network: Self.oscillatory, options: options)
        let b = StationaryRates.solve(network: Self.oscillatory, options: options)
        #expect(a.trials.map(\.rates) == b.trials.map(\.rates))
    }
}
