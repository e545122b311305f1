import Foundation
import Model
import Testing
import TestSupport
@testable import Spiking

/// The synapses the engine draws, against the network description they come from.
@Suite struct ConnectivityTests {
    /// Every synapse as (source population, target population, weight pA, delay steps).
    static func synapsesByPathway(_ simulation: Simulation) -> [Int: (weights: [Double], delays: [Int])] {
        let store = simulation.synapses
        let indexing = simulation.indexing
        let populations = (0..<indexing.neuronCount).map { indexing.population(ofNeuron: $0) }
        let count = simulation.network.populationCount
        var result: [Int: (weights: [Double], delays: [Int])] = [:]
        for source in 0..<indexing.neuronCount {
            for thread in 0..<store.threadCount {
                for index in store.range(source: source, thread: thread) {
                    let target = Int(store.targetCodes[index] / 2)
                    let element = populations[target] * count + populations[source]
                    result[element, default: ([], [])].weights.append(Double(store.weights[index]))
                    result[element, default: ([], [])].delays.append(Int(store.delays[index]))
                }
            }
        }
        return result
    }

    static func meanAndSD(_ values: [Double]) -> (mean: Double, sd: Double) {
        let mean = values.reduce(0, +) / Double(values.count)
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)
        return (mean, variance.squareRoot())
    }

    /// Moments of max(X, clip) rounded to the 0.1 ms grid, X lognormal with the given mean and
    /// relative SD, by numerical integration over the normal underlying X.
    static func roundedDelayMoments(mean: Double, relativeSD: Double, clip: Double, resolution: Double) -> (mean: Double, sd: Double) {
        let (mu, sigma) = lognormalParameters(mean: mean, relativeSD: relativeSD)
        var total = 0.0, first = 0.0, second = 0.0
        let points = 200_000
        for index in 0..<points {
            let z = -8 + 16 * (Double(index) + 0.5) / Double(points)
            let density = exp(-z * z / 2)
            let steps = Double(NESTTime.delaySteps(ms: max(exp(mu + sigma * z), clip), resolution: resolution))
            total += density
            first += density * steps
            second += density * steps * steps
        }
        let m = first / total
        return (m, (second / total - m * m).squareRoot())
    }

    @Test func fixedIndegreeGivesEveryTargetTheSameNumberOfSynapses() throws {
        let network = TestNetworks.small()
        var parameters = SimulationParameters()
        parameters.connectionRule = .fixedIndegree
        parameters.threads = 2
        let simulation = try Simulation(network: network, parameters: parameters)
        let store = simulation.synapses
        let indexing = simulation.indexing
        let count = network.populationCount
        var perTarget = [Int: Int]()
        for source in 0..<indexing.neuronCount {
            let sourcePopulation = indexing.population(ofNeuron: source)
            for thread in 0..<store.threadCount {
                for index in store.range(source: source, thread: thread) {
                    let target = Int(store.targetCodes[index] / 2)
                    perTarget[target * count + sourcePopulation, default: 0] += 1
                }
            }
        }
        for target in 0..<indexing.neuronCount {
            let targetPopulation = indexing.population(ofNeuron: target)
            for source in 0..<count where network.neuronCounts[source] > 0 {
                let element = targetPopulation * count + source
                let indegree = Int((Double(network.synapseCounts[element]) / Double(network.neuronCounts[targetPopulation]))
                    .rounded(.toNearestOrEven))
                #expect(perTarget[target * count + source, default: 0] == indegree)
            }
        }
    }

    /// Channel by the sign of the pathway weight (NEST: by the sign of the weight), and delays
    /// never below one step.
    @Test func inhibitorySynapsesUseTheInhibitoryChannelAndDelaysAreAtLeastOneStep() throws {
        let network = TestNetworks.small(delayDistribution: .normalClipped)
        let simulation = try Simulation(network: network, parameters: SimulationParameters())
        let store = simulation.synapses
        var minimumDelay = Int.max
        for index in 0..<store.count {
            let channel = store.targetCodes[index] & 1
            #expect((store.weights[index] > 0 && channel == 0) || (store.weights[index] <= 0 && channel == 1)
                    || store.weights[index] == 0)
            minimumDelay = min(minimumDelay, Int(store.delays[index]))
        }
        #expect(minimumDelay == 1)
    }
}

/// The stored connectivity of the notebook network against its pathway tables (validation tier).
@Suite struct ConnectivityValidationTests {
    @Test func downscaledNetworkPathwaysHaveTheirSynapseNumbersWeightsAndDelays() throws {
        let network = try TestNetworks.downscaled()
        var parameters = SimulationParameters()
        parameters.threads = 2
        let simulation = try Simulation(network: network, parameters: parameters)
        // The reference totals (`Tests/Fixtures/downscaled/totals.json`, README): 1,539,948
        // internal synapses; NEST's 1,581,578 connections include the recorder and generators.
        #expect(simulation.synapseCount == 1_539_948)
        let pathways = ConnectivityTests.synapsesByPathway(simulation)
        let count = network.populationCount
        var checkedPathways = 0, checkedInterArea = 0
        for element in network.synapseCounts.indices {
            let expected = network.weights[element] == 0 ? 0 : network.synapseCounts[element]
            // fixed_total_number: exactly N synapses per pathway.
            #expect((pathways[element]?.weights.count ?? 0) == expected)
            guard expected >= 2000 else { continue }
            checkedPathways += 1
            let (target, source) = (element / count, element % count)
            let samples = Double(expected)
            let weights = ConnectivityTests.meanAndSD(pathways[element]!.weights)
            // Weights Normal(w, 0.1|w|): the clip at 0 is 10 SD away, so mean and SD are those of
            // the normal. Bounds: 5 standard errors (mean: σ/√n; SD: σ/√(2n)), plus Float storage.
            let sd = network.weightSDs[element]
            #expect(abs(weights.mean - network.weights[element]) < 5 * sd / samples.squareRoot() + 1e-6 * abs(network.weights[element]))
            #expect(abs(weights.sd - sd) < 5 * sd / (2 * samples).squareRoot())
            // Clipped at the resolution: delay_cc_min is 0, so both local and inter-area clips are 0.1 ms.
            let interArea = network.layout.areaIndex(ofPopulation: target) != network.layout.areaIndex(ofPopulation: source)
            checkedInterArea += interArea ? 1 : 0
            let delays = ConnectivityTests.meanAndSD(pathways[element]!.delays.map(Double.init))
            let expectedDelays = ConnectivityTests.roundedDelayMoments(mean: network.delayMeans[element], relativeSD: 0.5,
                                                          clip: 0.1, resolution: 0.1)
            #expect(abs(delays.mean - expectedDelays.mean) < 5 * expectedDelays.sd / samples.squareRoot())
            // SD of a lognormal sample: standard error about σ·√((κ − 1)/(4n)); κ (kurtosis) of
            // this lognormal is below 10, so 5 · σ · √(9/(4n)) bounds it.
            #expect(abs(delays.sd - expectedDelays.sd) < 5 * expectedDelays.sd * (9 / (4 * samples)).squareRoot())
        }
        // All 181 pathways with at least 2000 synapses (local ones and the largest inter-area ones).
        #expect(checkedPathways == 181)
        #expect(checkedInterArea > 0)
    }
}
