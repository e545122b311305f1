import Foundation
import Model

/// The Poisson background of every neuron (the original's `create_poisson` / `connect_poisson`):
/// one `poisson_generator` per population at rate K_ext · rate_ext, connected all-to-all with a
/// weight drawn per neuron from Normal(w_ext, σ_ext) clipped at 0 and delay one step. NEST's
/// generator draws an independent Poisson count per target and step; here each neuron's train
/// is generated as a Poisson process in continuous time with its own random stream, and the
/// arrivals are counted per step, which gives the same distribution (independent Poisson counts
/// with mean rate · h per step) at the cost of one exponential draw per external spike instead
/// of one draw per neuron and step. A spike generated in step g arrives in step g + 1.
final class ExternalDrive: @unchecked Sendable {
    /// Weight of the external synapse of each neuron, pA.
    let weights: UnsafeMutablePointer<Double>
    /// Mean number of external spikes per step for each neuron.
    let spikesPerStep: UnsafeMutablePointer<Double>
    /// Time of the next external spike on the generation axis, in steps.
    let nextSpikeTime: UnsafeMutablePointer<Double>
    let streams: UnsafeMutablePointer<RandomStream>
    let count: Int

    static let bytesPerNeuron = 8 * 3 + MemoryLayout<RandomStream>.stride

    init(network: Network, indexing: NeuronIndexing, parameters: SimulationParameters) {
        count = indexing.neuronCount
        weights = .allocate(capacity: count)
        spikesPerStep = .allocate(capacity: count)
        nextSpikeTime = .allocate(capacity: count)
        streams = .allocate(capacity: count)
        for population in 0..<indexing.populationCount {
            // rate_ext · K_ext spikes/s (the original's `create_poisson`), times h in s.
            let rate = network.externalRates[population] * network.externalIndegree(ofPopulation: population)
            let perStep = parameters.resolution * rate * 1e-3
            for neuron in indexing.neurons(ofPopulation: population) {
                var weightStream = RandomStream(seed: parameters.seed, purpose: .externalWeight, index: UInt64(neuron))
                weights[neuron] = max(weightStream.normal(mean: network.externalWeights[population],
                                                          standardDeviation: network.externalWeightSDs[population]), 0)
                spikesPerStep[neuron] = perStep
                var stream = RandomStream(seed: parameters.seed, purpose: .externalSpikes, index: UInt64(neuron))
                nextSpikeTime[neuron] = perStep > 0 ? stream.exponential() / perStep : .infinity
                streams[neuron] = stream
            }
        }
    }

    deinit {
        weights.deallocate()
        spikesPerStep.deallocate()
        nextSpikeTime.deallocate()
        streams.deallocate()
    }

    /// Step in which the next external spike of `neuron` arrives (`Int.max` if none ever does).
    @inline(__always)
    func arrivalStep(of neuron: Int) -> Int {
        let time = nextSpikeTime[neuron]
        return time < 1e18 ? Int(time) + 1 : Int.max
    }

    /// Number of external spikes of `neuron` arriving in `step` (generated in `step − 1`); draws
    /// the following spike times.
    @inline(__always)
    func takeSpikes(of neuron: Int, arrivingIn step: Int) -> Int {
        var time = nextSpikeTime[neuron]
        let end = Double(step)
        let perStep = spikesPerStep[neuron]
        var spikes = 0
        while time < end {
            spikes += 1
            time += streams[neuron].exponential() / perStep
        }
        nextSpikeTime[neuron] = time
        return spikes
    }
}
