import Foundation
import Model
import RunFormat
import Synchronization

/// A spiking simulation of a `Network` with NEST's `iaf_psc_exp` neurons on a fixed time grid,
/// set up as the original's `Simulation.setup` does (populations with DC drive and initial
/// potentials, Poisson background, internal connections; `src/simulation.py`).
///
/// Work is split over `parameters.threads` threads that each own a contiguous range of target
/// neurons (cut at area boundaries): a thread updates its neurons and delivers their spikes to
/// its own neurons at once; spikes for other threads' neurons travel only along inter-area
/// synapses, so threads exchange them after a batch of steps as long as the shortest delay
/// between threads (at most 64 steps), behind one barrier. A population larger than a
/// thread's share is cut and shared (`SharedPopulationInputs`): its threads then wait in every
/// step for each other's parts of its input. Every random number comes from a
/// stream keyed by (seed, neuron or pathway) and inputs are summed exactly in fixed point, so
/// the spikes are bit-identical for any number of threads.
///
/// A run can hand out its state at batch boundaries (`run(…checkpoint:)`), and a simulation can
/// start from such a state (`init(network:parameters:resuming:)`) with any number of threads;
/// it then emits the very spikes the uninterrupted run would have.
///
/// Who writes what, when (a run is `BatchLoop.run(thread:)` on every thread, batch by batch;
/// the types below are `@unchecked Sendable` because of this protocol, not locks):
/// - Set-up (`init`, one thread): everything. From then on the network, the parameter runs,
///   the partition, the stimuli and the connectivity's rows and laws are read-only.
/// - During a batch, thread t writes only what it owns: its neurons' range of `NeuronState`
///   (and of the dense input, `NeuronState.input`, where only its own targets' events land),
///   its `Worker` (event ring, segment queue, scratch input, counters), its neurons' Poisson
///   trains in `ExternalDrive`, and its exchange buffer of the batch's parity
///   (`SpikeExchange.buffers[t][batch & 1]`). `ProceduralConnectivity` and `SynapseStore` are
///   only read. The windows of shared populations follow their own step-by-step protocol
///   (`SharedPopulationInputs`).
/// - At the barrier after the batch every thread has finished writing its buffer; each then
///   reads the others' buffers of that parity and delivers their spikes into its own worker.
///   A buffer is written again two batches later, after the next barrier, when nobody reads it.
/// - Thread 0 alone, after the barrier: the `SpikeOutput` (the tally, the sink, the recent
///   spikes for checkpoints, the stop protocol), the progress callback and `interrupted`. It
///   decides a stop for the batch after the one it records (`SpikeOutput.stopBatch`, atomic), so
///   every thread reads the same decision after that batch's barrier.
/// - At a checkpoint step thread 0 reads every thread's state while the others wait at a
///   second barrier. A worker publishes its event count once per batch (`publishedEvents`,
///   atomic), which thread 0 sums for the progress line.
public final class Simulation: @unchecked Sendable {
    public let network: Network
    public let parameters: SimulationParameters
    public let indexing: NeuronIndexing
    /// Wall-clock seconds spent in `init` (network instantiation).
    public let setupSeconds: Double

    public let partition: ThreadPartition
    let state: NeuronState
    let connectivity: Connectivity
    let external: ExternalDrive
    /// Parameter runs of each thread's neurons.
    let runs: [[NeuronRun]]
    /// Single-spike inputs: (update step in which it arrives, input index, amplitude in input units).
    let stimuli: [(step: Int, code: Int, units: Int64)]
    /// The step the run starts from: 0, or the step of the state it resumes.
    public let startStep: Int
    /// Resuming: the state's recent spikes (their events are sent again), its spike counts and
    /// the wall seconds simulated before.
    let resumedSpikes: [BinarySpikeFile.Spike]
    let startTally: SpikeTally
    let resumedSeconds: Double
    var hasRun = false

    /// Instantiates the network: neurons, initial state, external drive and synapses. Throws if
    /// the parameters are invalid or the network does not fit in memory. With `balanceRates`
    /// (Hz per population, layout order) the threads share the populations by the work these
    /// rates make (`ThreadLoad.costPartition`), else by equal numbers of neurons; the spikes
    /// are the same either way.
    public convenience init(network: Network, parameters: SimulationParameters,
                            balanceRates: [Double]? = nil) throws(InputError) {
        try self.init(network: network, parameters: parameters, connectivity: nil, balanceRates: balanceRates)
    }

    /// Instantiates the network and continues from `state`, written by a run of the same
    /// network and parameters (any thread count and partition). Throws if the state does not fit them.
    public convenience init(network: Network, parameters: SimulationParameters,
                            resuming state: SimulationState, balanceRates: [Double]? = nil) throws(InputError) {
        try self.init(network: network, parameters: parameters, connectivity: nil, balanceRates: balanceRates,
                      resuming: state)
    }

    /// `connectivity`, if given, builds the synapses for the thread partition instead of the
    /// mode in `parameters` (tests: procedural rows written into a synapse store); `partition`,
    /// if given, replaces the partition of `parameters.threads` threads (tests: populations
    /// shared wherever wanted).
    init(network: Network, parameters: SimulationParameters,
         connectivity makeConnectivity: ((ThreadPartition) throws(InputError) -> Connectivity)?,
         balanceRates: [Double]? = nil, partition givenPartition: ThreadPartition? = nil,
         resuming resumed: SimulationState? = nil) throws(InputError) {
        let start = Date()
        try Self.check(parameters, network: network)
        guard network.parameters.connection.transmissionProbability == 1 else {
            throw InputError("p_transmit = \(network.parameters.connection.transmissionProbability): the engine has static synapses only (NEST static_synapse); the original's bernoulli_synapse for p_transmit < 1 is not implemented")
        }
        let indexing = NeuronIndexing(neuronCounts: network.neuronCounts)
        guard indexing.neuronCount < Int(Int32.max) / 2 else {
            throw InputError("\(indexing.neuronCount) neurons exceed the engine's 32-bit neuron index")
        }
        let estimate = MemoryEstimate(network: network, parameters: parameters)
        if let available = MemoryEstimate.availableBytes {
            try estimate.check(network: network, parameters: parameters, availableBytes: available)
        }
        self.network = network
        self.parameters = parameters
        self.indexing = indexing
        let threads = min(parameters.threads, max(indexing.neuronCount, 1))
        partition = if let givenPartition {
            givenPartition
        } else if let balanceRates {
            ThreadLoad(network: network, rates: balanceRates, resolution: parameters.resolution).costPartition(threads: threads)
        } else {
            .engine(indexing: indexing, threads: threads)
        }
        var allRuns: [NeuronRun] = []
        for population in 0..<indexing.populationCount where network.neuronCounts[population] > 0 {
            let externalCounts = ExternalDrive.perStepTable(network: network, population: population,
                                                            resolution: parameters.resolution)
            allRuns += IAFPSCExp.neuronRuns(network: network, population: population, indexing: indexing,
                                       parameters: parameters).map { run in
                var run = run
                run.externalCounts = externalCounts
                return run
            }
        }
        if let makeConnectivity {
            connectivity = try makeConnectivity(partition)
        } else if estimate.mode == .procedural {
            connectivity = .procedural(try ProceduralConnectivity(network: network, parameters: parameters, indexing: indexing,
                                                                  partition: partition, threads: threads))
        } else {
            connectivity = .stored(try ConnectivityBuilder(network: network, parameters: parameters, indexing: indexing,
                                                           partition: partition).build())
        }
        if case .stored = connectivity {
            state = NeuronState(count: indexing.neuronCount)
        } else {
            state = NeuronState(count: indexing.neuronCount, denseInput: false)
        }
        IAFPSCExp.setInitialPotentials(state, network: network, indexing: indexing, parameters: parameters)
        try IAFPSCExp.check(allRuns, network: network, indexing: indexing)
        runs = (0..<threads).map { [partition] thread in
            let owned = partition.neurons(ofThread: thread)
            return allRuns.compactMap { run in
                var clamped = run
                clamped.range = run.range.clamped(to: owned)
                return clamped.range.isEmpty ? nil : clamped
            }
        }
        external = ExternalDrive(network: network, indexing: indexing, parameters: parameters)
        stimuli = try Self.stimuli(network: network, indexing: indexing, parameters: parameters)
        var tally = SpikeTally(indexing: indexing, parameters: parameters)
        if let resumed {
            try Self.check(resumed, neuronCount: indexing.neuronCount, populationCount: indexing.populationCount,
                           trainCount: external.trainNeuronCount, steps: parameters.steps,
                           horizon: max(connectivity.maximumDelay, 1))
            IAFPSCExp.restore(state, from: resumed)
            external.restoreTrains(spikeTimes: resumed.externalSpikeTimes, streamStates: resumed.externalStreamStates)
            tally.restore(total: resumed.spikeCount, populationCounts: resumed.populationSpikeCounts)
        }
        startStep = resumed?.step ?? 0
        resumedSpikes = resumed?.recentSpikes ?? []
        resumedSeconds = resumed?.simulateSeconds ?? 0
        startTally = tally
        setupSeconds = Date().timeIntervalSince(start)
    }

    /// Rejects a state that another network or simulation wrote: other neuron, population or
    /// train counts, a step beyond the run, or recent spikes that are not the last `horizon`
    /// steps' in time order.
    static func check(_ state: SimulationState, neuronCount: Int, populationCount: Int, trainCount: Int,
                      steps: Int, horizon: Int) throws(InputError) {
        let sizes = [state.potentials.count, state.excitatoryCurrents.count, state.inhibitoryCurrents.count,
                     state.refractoryCountdowns.count]
        guard sizes.allSatisfy({ $0 == neuronCount }), state.populationSpikeCounts.count == populationCount,
              state.externalSpikeTimes.count == trainCount, state.externalStreamStates.count == trainCount else {
            throw InputError("the saved state is of another network: \(state.neuronCount) neurons, \(state.populationSpikeCounts.count) populations and \(state.externalSpikeTimes.count) Poisson trains, where this simulation has \(neuronCount), \(populationCount) and \(trainCount)")
        }
        guard (0...steps).contains(state.step) else {
            throw InputError("the saved state is at step \(state.step), beyond this simulation's \(steps) steps")
        }
        var previous: Int32 = 1
        for spike in state.recentSpikes {
            guard spike.stamp >= previous, Int(spike.stamp) > state.step - horizon, Int(spike.stamp) <= state.step,
                  spike.neuron >= 0, Int(spike.neuron) < neuronCount else {
                throw InputError("the saved state's recent spike (neuron \(spike.neuron), stamp \(spike.stamp)) is not one of the last \(horizon) steps before step \(state.step) in time order")
            }
            previous = spike.stamp
        }
    }

    /// Most threads a run may use.
    public static let maximumThreads = 256

    /// Rejects parameters the engine cannot run faithfully, naming the valid range: the
    /// resolution must be a whole number of NEST tics (1 µs) and not exceed the shortest mean
    /// delay of the network; 1 … `maximumThreads` threads; the rest as `SimulationParameters.validate`.
    static func check(_ parameters: SimulationParameters, network: Network) throws(InputError) {
        try parameters.validate()
        let resolution = parameters.resolution
        let tics = resolution * NESTTime.ticsPerMs
        guard resolution.isFinite, tics >= 1, abs(tics - tics.rounded()) < 1e-9 * tics else {
            throw InputError("sim_resolution \(resolution) ms: expected a positive multiple of NEST's tic, 0.001 ms (e.g. 0.1)")
        }
        if let shortest = zip(network.delayMeans, network.synapseCounts).filter({ $0.1 > 0 }).map(\.0).min(), resolution > shortest {
            throw InputError("sim_resolution \(resolution) ms exceeds the network's shortest mean delay, \(shortest) ms: expected 0.001 … \(shortest) ms")
        }
        guard network.totalNeurons > 0 else {
            throw InputError("the network has no neurons: N_scaling \(network.parameters.downscaling.neuronScaling) rounds every population's neuron number to 0; raise --scaling (the notebook's is 0.006)")
        }
        guard (1...maximumThreads).contains(parameters.threads) else {
            throw InputError("num_threads \(parameters.threads): expected 1 … \(maximumThreads)")
        }
    }

    /// The single spikes as inputs: emitted at stamp t/h with delay d steps, a spike is read in
    /// the update t/h + d − 1 (NEST's "arriving at T+1" slot), by the population's first neuron.
    static func stimuli(network: Network, indexing: NeuronIndexing,
                        parameters: SimulationParameters) throws(InputError) -> [(step: Int, code: Int, units: Int64)] {
        var result: [(step: Int, code: Int, units: Int64)] = []
        for (index, spike) in parameters.singleSpikes.enumerated() {
            let key = "sim_params.single_spike[\(index)] (--single-spike \(spike.area),\(spike.layer),\(spike.population),\(spike.time))"
            guard network.layout.areas.contains(spike.area) else {
                throw InputError("\(key): unknown area '\(spike.area)'; expected one of the \(network.layout.areas.count) Desikan-Killiany areas, e.g. \(network.layout.areas.prefix(3).joined(separator: ", "))")
            }
            guard let layer = Layer(label: spike.layer) else {
                throw InputError("\(key): unknown layer '\(spike.layer)'; expected II/III, IV, V or VI")
            }
            guard let cellType = CellType(label: spike.population) else {
                throw InputError("\(key): unknown population '\(spike.population)'; expected E or I")
            }
            let population = network.layout.index(of: Population(area: spike.area, layer: layer, cellType: cellType))!
            guard network.neuronCounts[population] > 0 else {
                throw InputError("\(key): \(network.layout.population(at: population).label) has no neurons")
            }
            guard spike.time >= 0 && spike.time < parameters.duration else {
                throw InputError("\(key): time \(spike.time) ms is invalid; expected 0 ≤ time < t_sim = \(parameters.duration) ms, so that the spike is emitted during the run")
            }
            // connect_single_spike: weight w_ext · 1e3 · K_ext onto the first neuron.
            let weight = network.externalWeights[population] * 1e3 * network.externalIndegree(ofPopulation: population)
            let stamp = Int((spike.time / parameters.resolution).rounded())
            let step = stamp + NESTTime.delaySteps(ms: SingleSpike.delay, resolution: parameters.resolution) - 1
            let neuron = indexing.neurons(ofPopulation: population).lowerBound
            result.append((step, Int(IAFPSCExp.inputCode(neuron: neuron, channel: IAFPSCExp.channel(weight: weight))),
                           NeuronState.inputUnits(weight)))
        }
        return result.sorted { $0.step < $1.step }
    }

    public var neuronCount: Int { indexing.neuronCount }
    public var synapseCount: Int { connectivity.synapseCount }
    /// The connectivity the engine uses: stored or procedural.
    public var connectivityMode: ConnectivityMode { connectivity.mode }

    /// The synapse store of stored connectivity.
    var synapses: SynapseStore {
        guard case .stored(let store) = connectivity else { preconditionFailure("procedural connectivity stores no synapse") }
        return store
    }
    public var threadCount: Int { partition.threadCount }

    /// Longest batch of steps between spike exchanges.
    static let maximumBatch = 64

    /// Steps between spike exchanges: the shortest delay between threads, at most 64.
    var batchLength: Int { max(1, min(connectivity.minimumCrossThreadDelay, Self.maximumBatch)) }

    /// The state after `step` steps, between batches: neuron state, external trains, recent
    /// spikes and spike counts.
    func state(atStep step: Int, output: SpikeOutput, simulateSeconds: Double) -> SimulationState {
        let trains = external.savedTrains()
        let neurons = IAFPSCExp.saved(state)
        return SimulationState(
            step: step,
            potentials: neurons.potentials, excitatoryCurrents: neurons.excitatoryCurrents,
            inhibitoryCurrents: neurons.inhibitoryCurrents, refractoryCountdowns: neurons.refractoryCountdowns,
            externalSpikeTimes: trains.spikeTimes, externalStreamStates: trains.streamStates,
            recentSpikes: output.recent?.spikes(after: step) ?? [],
            spikeCount: output.tally.total, populationSpikeCounts: output.tally.populationCounts,
            simulateSeconds: simulateSeconds)
    }

    /// Runs and keeps every spike in memory (tests and small networks).
    public func runKeepingSpikes() throws(InputError) -> (result: SimulationResult, spikes: SpikeRecord) {
        let recorder = SpikeRecorder()
        let result = try run(sink: recorder)
        return (result, recorder.spikes)
    }
}
