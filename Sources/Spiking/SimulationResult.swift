import Foundation
import Model

/// The outcome of `Simulation.run`: spike counts and what the run cost. The spikes themselves
/// went to the run's `SpikeSink`.
public struct SimulationResult: Sendable {
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
    /// All spikes of the run.
    public var spikeCount: Int
    /// Spikes per population in layout order with `rateWindowStart` ≤ t < t_sim.
    public var populationSpikeCounts: [Int]
    /// What the engine did in this process (`EngineWork`; a resumed run from its checkpoint on)
    /// and the wall seconds it took (`simulateSeconds` less those before the checkpoint).
    public var work = EngineWork()
    public var workSeconds = 0.0

    /// Core-nanoseconds per delivered synaptic event (`EngineWork.coreNanosecondsPerEvent`).
    public var coreNanosecondsPerEvent: Double? {
        EngineWork.coreNanosecondsPerEvent(events: work.synapticEvents, seconds: workSeconds, threads: threads)
    }

    public var neuronCount: Int { indexing.neuronCount }

    /// Start of the window for rates, ms (`PopulationRate.windowStart`: 500 ms as in the
    /// original's analysis, or 0 when the simulation is not longer than that).
    public var rateWindowStart: Double { PopulationRate.windowStart(duration: parameters.duration) }

    /// Mean rate of every population in layout order, spikes/s: spikes with
    /// `rateWindowStart` ≤ t < t_sim over neurons × window (`PopulationRate`); NaN for empty
    /// populations and for an empty window.
    public func populationRates() -> [Double] {
        populationSpikeCounts.indices.map { population in
            PopulationRate.spikesPerSecond(spikes: populationSpikeCounts[population],
                                           neurons: indexing.neurons(ofPopulation: population).count,
                                           windowMs: parameters.duration - rateWindowStart)
        }
    }

    /// Mean rate over all neurons in the rate window, spikes/s; NaN for an empty window.
    public var meanRate: Double {
        PopulationRate.spikesPerSecond(spikes: populationSpikeCounts.reduce(0, +), neurons: neuronCount,
                                       windowMs: parameters.duration - rateWindowStart)
    }
}

/// Counts a run's spikes per population in the rate window, step by step.
struct SpikeTally {
    let indexing: NeuronIndexing
    let parameters: SimulationParameters
    let windowStart: Double
    private(set) var total = 0
    private(set) var populationCounts: [Int]

    init(indexing: NeuronIndexing, parameters: SimulationParameters) {
        self.indexing = indexing
        self.parameters = parameters
        windowStart = PopulationRate.windowStart(duration: parameters.duration)
        populationCounts = [Int](repeating: 0, count: indexing.populationCount)
    }

    /// Continues the counts of a run that stopped (a checkpoint's).
    mutating func restore(total: Int, populationCounts: [Int]) {
        precondition(populationCounts.count == self.populationCounts.count)
        self.total = total
        self.populationCounts = populationCounts
    }

    mutating func count(_ neurons: UnsafeBufferPointer<Int32>, stamp: Int32) {
        total += neurons.count
        let time = NESTTime.milliseconds(step: Int(stamp), resolution: parameters.resolution)
        guard time >= windowStart && time < parameters.duration, let first = neurons.first else { return }
        var population = indexing.population(ofNeuron: Int(first))
        for neuron in neurons {
            while Int(neuron) >= indexing.firstNeuron[population + 1] { population += 1 }
            populationCounts[population] += 1
        }
    }
}
