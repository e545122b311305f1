import Foundation
import Model

/// Draws the internal synapses of a network as the original's `Simulation.connect_neurons` has
/// NEST draw them: for every pathway with synapses and a non-zero weight, endpoints by the
/// connection rule, weights Normal(w, σ_w) clipped at 0 keeping the sign of w, and delays
/// lognormal (μ, σ from the mean and relative SD, `mu_sigma_lognorm`) or normal, clipped below
/// at the resolution (intra-area) or max(delay_cc_min, resolution) (inter-area), then rounded
/// to steps as NEST does.
///
/// Each pathway has two random streams keyed by its index (target · P + source): one for the
/// endpoints, one for weights and delays. The endpoints are drawn twice, once to count the
/// synapses per source and once to place them, so no temporary copy of the synapses is needed.
struct ConnectivityBuilder {
    let network: Network
    let parameters: SimulationParameters
    let indexing: NeuronIndexing
    let partition: ThreadPartition

    /// One pathway to connect.
    struct Pathway {
        var target: Int
        var source: Int
        /// Synapses to draw (fixed total number) or per target neuron (fixed indegree).
        var number: Int
        var weightMean: Double
        var weightSD: Double
        var delayMean: Double
        var delaySD: Double
        var minimumDelay: Double
        var streamIndex: UInt64
    }

    /// The pathways in the original's loop order (target outer, source inner).
    var pathways: [Pathway] {
        let count = network.populationCount
        var result: [Pathway] = []
        for target in 0..<count where network.neuronCounts[target] > 0 {
            for source in 0..<count where network.neuronCounts[source] > 0 {
                let element = target * count + source
                let synapses = network.synapseCounts[element]
                guard synapses > 0, network.weights[element] != 0 else { continue }
                let number: Int
                switch parameters.connectionRule {
                case .fixedTotalNumber:
                    number = synapses
                case .fixedIndegree:
                    number = Int((Double(synapses) / Double(network.neuronCounts[target])).rounded(.toNearestOrEven))
                }
                let interArea = network.layout.areaIndex(ofPopulation: target) != network.layout.areaIndex(ofPopulation: source)
                let minimumDelay = interArea ? max(parameters.minimumInterAreaDelay, parameters.resolution)
                                             : parameters.resolution
                result.append(Pathway(target: target, source: source, number: number,
                                      weightMean: network.weights[element], weightSD: network.weightSDs[element],
                                      delayMean: network.delayMeans[element], delaySD: network.delaySDs[element],
                                      minimumDelay: minimumDelay, streamIndex: UInt64(element)))
            }
        }
        return result
    }

    /// Synapses that `pathway` will hold.
    func synapseCount(of pathway: Pathway) -> Int {
        switch parameters.connectionRule {
        case .fixedTotalNumber: pathway.number
        case .fixedIndegree: pathway.number * network.neuronCounts[pathway.target]
        }
    }

    /// Calls `body(source, target)` for every synapse of `pathway` in drawing order.
    @inline(__always)
    func forEachEndpoint(of pathway: Pathway, _ body: (Int, Int) -> Void) {
        var stream = RandomStream(seed: parameters.seed, purpose: .connectionEndpoints, index: pathway.streamIndex)
        let sources = indexing.neurons(ofPopulation: pathway.source)
        let targets = indexing.neurons(ofPopulation: pathway.target)
        switch parameters.connectionRule {
        case .fixedTotalNumber:
            for _ in 0..<pathway.number {
                let source = sources.lowerBound + stream.integer(below: sources.count)
                let target = targets.lowerBound + stream.integer(below: targets.count)
                body(source, target)
            }
        case .fixedIndegree:
            for target in targets {
                for _ in 0..<pathway.number {
                    body(sources.lowerBound + stream.integer(below: sources.count), target)
                }
            }
        }
    }

    /// Largest PSC amplitude the engine takes, pA: 2¹⁹ pA, below which
    /// `NeuronState.inputUnits(weight:)` is exact (sums of up to 2³¹ pA fit the input).
    static let largestWeight = 0x1p19

    func build() throws(InputError) -> SynapseStore {
        let threads = partition.threadCount
        let pathways = self.pathways
        // Pass 1: synapses per (source, thread of target).
        var counts = [Int](repeating: 0, count: indexing.neuronCount * threads + 1)
        counts.withUnsafeMutableBufferPointer { counts in
            for pathway in pathways {
                forEachEndpoint(of: pathway) { source, target in
                    counts[source * threads + partition.thread(ofNeuron: target) + 1] += 1
                }
            }
        }
        // Pass 2: place every synapse with its weight and delay.
        let store = SynapseStore(threadCount: threads, counts: counts)
        var drawError: InputError?
        for pathway in pathways where drawError == nil {
            var values = RandomStream(seed: parameters.seed, purpose: .connectionValues, index: pathway.streamIndex)
            let channel = IAFPSCExp.channel(weight: pathway.weightMean)
            let lognormal = network.delayDistribution == .lognormalClipped && pathway.delayMean > 0
                ? lognormalParameters(mean: pathway.delayMean, relativeSD: pathway.delaySD / pathway.delayMean) : nil
            forEachEndpoint(of: pathway) { source, target in
                let drawn = values.normal(mean: pathway.weightMean, standardDeviation: pathway.weightSD)
                let weight = pathway.weightMean < 0 ? min(drawn, 0) : max(drawn, 0)
                if abs(weight) >= Self.largestWeight {
                    drawError = InputError(
                        "weight \(weight) pA of pathway \(network.layout.population(at: pathway.source).label) → \(network.layout.population(at: pathway.target).label) exceeds the engine's limit of \(Self.largestWeight) pA")
                    return
                }
                let delayMs: Double
                switch network.delayDistribution {
                case .lognormalClipped:
                    delayMs = max(lognormal.map { values.lognormal(mu: $0.mu, sigma: $0.sigma) } ?? 0,
                                  pathway.minimumDelay)
                case .normalClipped:
                    delayMs = max(values.normal(mean: pathway.delayMean, standardDeviation: pathway.delaySD),
                                  pathway.minimumDelay)
                }
                let steps = NESTTime.delaySteps(ms: delayMs, resolution: parameters.resolution)
                if steps > Int(UInt16.max) {
                    drawError = InputError(
                        "delay \(delayMs) ms of pathway \(network.layout.population(at: pathway.source).label) → \(network.layout.population(at: pathway.target).label) exceeds \(UInt16.max) steps")
                    return
                }
                let targetThread = partition.thread(ofNeuron: target)
                store.place(source: source, thread: targetThread, targetCode: IAFPSCExp.inputCode(neuron: target, channel: channel),
                            weight: Float(weight), delay: steps,
                            crossesThreads: targetThread != partition.thread(ofNeuron: source))
            }
        }
        if let drawError { throw drawError }
        return store.finish()
    }
}
