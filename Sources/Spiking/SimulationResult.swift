import Foundation
import Model

/// The outcome of `Simulation.run`: the spikes and what the run cost.
public struct SimulationResult: Sendable {
    public var spikes: SpikeRecord
    public var indexing: NeuronIndexing
    public var parameters: SimulationParameters
    public var threads: Int
    /// Steps between spike exchanges of the threads (the shortest delay between threads, ≤ 64).
    public var exchangeSteps: Int
    public var synapseCount: Int
    /// Stored or procedural.
    public var connectivity: ConnectivityMode
    public var setupSeconds: Double
    public var simulateSeconds: Double

    public var neuronCount: Int { indexing.neuronCount }

    /// Time of spike `index`, ms, as NEST reports it.
    public func spikeTime(_ index: Int) -> Double {
        NESTTime.milliseconds(step: Int(spikes.stamps[index]), resolution: parameters.resolution)
    }

    /// Start of the window for rates: 500 ms as in the original's analysis, or 0 when the
    /// simulation is not longer than that.
    public var rateWindowStart: Double { parameters.duration > 500 ? 500 : 0 }

    /// Mean rate of every population in layout order, spikes/s: spikes with
    /// `rateWindowStart` ≤ t < t_sim over neurons × window (the original's
    /// `Analysis.meanFiringRate`); 0 for empty populations.
    public func populationRates() -> [Double] {
        let start = rateWindowStart, stop = parameters.duration
        var counts = [Int](repeating: 0, count: indexing.populationCount)
        var population = 0
        for index in 0..<spikes.count {
            let time = spikeTime(index)
            guard time >= start && time < stop else { continue }
            let neuron = Int(spikes.neurons[index])
            if !indexing.neurons(ofPopulation: population).contains(neuron) {
                population = indexing.population(ofNeuron: neuron)
            }
            counts[population] += 1
        }
        let seconds = (stop - start) / 1000
        return counts.indices.map { population in
            let neurons = indexing.neurons(ofPopulation: population).count
            return neurons > 0 && seconds > 0 ? Double(counts[population]) / Double(neurons) / seconds : 0
        }
    }

    /// Spikes per neuron with `rateWindowStart` ≤ t < t_sim.
    public func spikeCountsPerNeuron() -> [Int] {
        var counts = [Int](repeating: 0, count: neuronCount)
        for index in 0..<spikes.count {
            let time = spikeTime(index)
            if time >= rateWindowStart && time < parameters.duration { counts[Int(spikes.neurons[index])] += 1 }
        }
        return counts
    }
}
