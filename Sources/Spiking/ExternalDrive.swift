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
///
/// Where a neuron receives many external spikes per step (mean ≥ `perStepThreshold`, e.g.
/// 1.84 at full scale), one exponential per spike costs more than one count per step; there
/// the count of each step is drawn directly (`PoissonCountTable`, from a stream keyed by
/// (seed, step), 32 bits per neuron) inside the neuron update, and no train is generated.
final class ExternalDrive: @unchecked Sendable {
    /// Weight of the external synapse of each neuron, pA.
    let weights: UnsafeMutablePointer<Double>
    /// The same in input units (`NeuronState.inputUnits`): n external spikes add n times this.
    let weightUnits: UnsafeMutablePointer<Int64>
    /// Mean number of external spikes per step for each neuron.
    let spikesPerStep: UnsafeMutablePointer<Double>
    /// Time of the next external spike on the generation axis, in steps.
    let nextSpikeTime: UnsafeMutablePointer<Double>
    let streams: UnsafeMutablePointer<RandomStream>
    let count: Int

    static let bytesPerNeuron = 8 * 4 + MemoryLayout<RandomStream>.stride

    /// Mean external spikes per step from which a population's counts are drawn per step.
    static let perStepThreshold = 0.1
    let seed: UInt64
    /// Neurons (whole populations) whose input is generated as spike trains.
    private(set) var trainNeurons: [Range<Int>] = []

    /// Mean external spikes per step of `population`: rate_ext · K_ext spikes/s (the original's
    /// `create_poisson`) times h.
    static func spikesPerStep(network: Network, population: Int, resolution: Double) -> Double {
        resolution * network.externalRates[population] * network.externalIndegree(ofPopulation: population) * 1e-3
    }

    /// The per-step count law of `population`, or nil if its input is generated as trains.
    static func perStepTable(network: Network, population: Int, resolution: Double) -> PoissonCountTable? {
        let mean = spikesPerStep(network: network, population: population, resolution: resolution)
        return mean >= perStepThreshold ? PoissonCountTable(mean: mean) : nil
    }

    /// The per-step input of `step` (counts arrive from step 1 on: a count drawn for step s was
    /// generated in step s − 1).
    @inline(__always)
    func stepInput(step: Int) -> ExternalStepInput? {
        guard step >= 1 else { return nil }
        return ExternalStepInput(weightUnits: weightUnits,
                                 stepKey: RandomStream.key(seed: seed, purpose: .externalCounts, index: UInt64(step)))
    }

    init(network: Network, indexing: NeuronIndexing, parameters: SimulationParameters) {
        count = indexing.neuronCount
        weights = .allocate(capacity: count)
        weightUnits = .allocate(capacity: count)
        spikesPerStep = .allocate(capacity: count)
        nextSpikeTime = .allocate(capacity: count)
        streams = .allocate(capacity: count)
        seed = parameters.seed
        for population in 0..<indexing.populationCount {
            let mean = Self.spikesPerStep(network: network, population: population, resolution: parameters.resolution)
            // Trains only where the counts are not drawn per step; elsewhere the train state is
            // never touched (nor, for large allocations, made resident).
            let trains = mean < Self.perStepThreshold
            if trains { trainNeurons.append(indexing.neurons(ofPopulation: population)) }
            for neuron in indexing.neurons(ofPopulation: population) {
                var weightStream = RandomStream(seed: parameters.seed, purpose: .externalWeight, index: UInt64(neuron))
                weights[neuron] = max(weightStream.normal(mean: network.externalWeights[population],
                                                          standardDeviation: network.externalWeightSDs[population]), 0)
                weightUnits[neuron] = NeuronState.inputUnits(weights[neuron])
                guard trains else { continue }
                let perStep = mean
                spikesPerStep[neuron] = perStep
                var stream = RandomStream(seed: parameters.seed, purpose: .externalSpikes, index: UInt64(neuron))
                nextSpikeTime[neuron] = perStep > 0 ? stream.exponential() / perStep : .infinity
                streams[neuron] = stream
            }
        }
    }

    deinit {
        weights.deallocate()
        weightUnits.deallocate()
        spikesPerStep.deallocate()
        nextSpikeTime.deallocate()
        streams.deallocate()
    }

    /// Neurons whose drive is generated as a train.
    var trainNeuronCount: Int { trainNeurons.reduce(0) { $0 + $1.count } }

    /// The state of every train, in neuron order: the time of its next spike (steps) and the
    /// state of its random stream (`SimulationState.externalSpikeTimes`, `externalStreamStates`).
    func savedTrains() -> (spikeTimes: [Double], streamStates: [UInt64]) {
        let neurons = trainNeurons.joined()
        return (neurons.map { nextSpikeTime[$0] }, neurons.map { streams[$0].savedState })
    }

    /// Continues every train from `savedTrains()` of the same network and seed.
    func restoreTrains(spikeTimes: [Double], streamStates: [UInt64]) {
        precondition(spikeTimes.count == trainNeuronCount && streamStates.count == trainNeuronCount)
        for (index, neuron) in trainNeurons.joined().enumerated() {
            nextSpikeTime[neuron] = spikeTimes[index]
            streams[neuron] = RandomStream(state: streamStates[index])
        }
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
