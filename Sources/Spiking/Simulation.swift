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
/// between threads (at most 64 steps), behind one barrier. Every random number comes from a
/// stream keyed by (seed, neuron or pathway) and inputs are summed exactly in fixed point, so
/// the spikes are bit-identical for any number of threads.
///
/// A run can hand out its state at batch boundaries (`run(…checkpoint:)`), and a simulation can
/// start from such a state (`init(network:parameters:resuming:)`) with any number of threads;
/// it then emits the very spikes the uninterrupted run would have.
public final class Simulation: @unchecked Sendable {
    public let network: Network
    public let parameters: SimulationParameters
    public let indexing: NeuronIndexing
    /// Wall-clock seconds spent in `init` (network instantiation).
    public let setupSeconds: Double

    let partition: ThreadPartition
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
    private let resumedSpikes: [BinarySpikeFile.Spike]
    private let startTally: SpikeTally
    private let resumedSeconds: Double
    private var hasRun = false

    /// Instantiates the network: neurons, initial state, external drive and synapses. Throws if
    /// the parameters are invalid or the network does not fit in memory.
    public convenience init(network: Network, parameters: SimulationParameters) throws(InputError) {
        try self.init(network: network, parameters: parameters, connectivity: nil)
    }

    /// Instantiates the network and continues from `state`, written by a run of the same
    /// network and parameters (any thread count). Throws if the state does not fit them.
    public convenience init(network: Network, parameters: SimulationParameters,
                            resuming state: SimulationState) throws(InputError) {
        try self.init(network: network, parameters: parameters, connectivity: nil, resuming: state)
    }

    /// `connectivity`, if given, builds the synapses for the thread partition instead of the
    /// mode in `parameters` (tests: procedural rows written into a synapse store).
    init(network: Network, parameters: SimulationParameters,
         connectivity makeConnectivity: ((ThreadPartition) throws(InputError) -> Connectivity)?,
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
        let areaStarts = stride(from: 0, to: indexing.populationCount, by: PopulationLayout.populationsPerArea)
            .map { indexing.firstNeuron[$0] }
        partition = ThreadPartition(neuronCount: indexing.neuronCount, threads: threads, preferredCuts: areaStarts,
                                    fallbackCuts: indexing.firstNeuron)
        var allRuns: [NeuronRun] = []
        for population in 0..<indexing.populationCount where network.neuronCounts[population] > 0 {
            let externalCounts = ExternalDrive.perStepTable(network: network, population: population,
                                                            resolution: parameters.resolution)
            allRuns += Self.neuronRuns(network: network, population: population, indexing: indexing,
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
        for neuron in 0..<indexing.neuronCount {
            let population = indexing.population(ofNeuron: neuron)
            var stream = RandomStream(seed: parameters.seed, purpose: .initialPotential, index: UInt64(neuron))
            state.potential[neuron] = stream.normal(mean: parameters.initialPotentialMean,
                                                    standardDeviation: parameters.initialPotentialSD)
                - network.neuronParameters(ofPopulation: population).restingPotential
        }
        for run in allRuns where run.integration.reset >= run.integration.threshold {
            throw InputError("neuron parameters of \(network.layout.population(at: indexing.population(ofNeuron: run.range.lowerBound)).label): V_reset must be below V_th (as NEST requires)")
        }
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
            state.potential.update(from: resumed.potentials, count: indexing.neuronCount)
            state.excitatoryCurrent.update(from: resumed.excitatoryCurrents, count: indexing.neuronCount)
            state.inhibitoryCurrent.update(from: resumed.inhibitoryCurrents, count: indexing.neuronCount)
            state.refractoryCountdown.update(from: resumed.refractoryCountdowns, count: indexing.neuronCount)
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

    /// The parameter runs of one population: one run with the population's parameters, or one
    /// per neuron when V_th, C_m or τ_m are spread lognormally (the original's
    /// `neuron_param_dist_*`: V_th − E_L, C_m and τ_m lognormal with the parameter as mean).
    static func neuronRuns(network: Network, population: Int, indexing: NeuronIndexing,
                           parameters: SimulationParameters) -> [NeuronRun] {
        let base = network.neuronParameters(ofPopulation: population)
        let spread = network.layout.population(at: population).cellType == .excitatory
            ? network.excitatorySpread : network.inhibitorySpread
        let current = network.dcDrive[population]
        let neurons = indexing.neurons(ofPopulation: population)
        guard spread.thresholdRelativeSD > 0 || spread.capacitanceRelativeSD > 0
                || spread.membraneTimeConstantRelativeSD > 0 else {
            return [NeuronRun(range: neurons, integration: ExactIntegration(
                parameters: base, constantCurrent: current, resolution: parameters.resolution))]
        }
        return neurons.map { neuron in
            var stream = RandomStream(seed: parameters.seed, purpose: .neuronParameters, index: UInt64(neuron))
            var neuronParameters = base
            func draw(mean: Double, relativeSD: Double) -> Double {
                let (mu, sigma) = lognormalParameters(mean: mean, relativeSD: relativeSD)
                return stream.lognormal(mu: mu, sigma: sigma)
            }
            if spread.thresholdRelativeSD > 0 {
                neuronParameters.threshold = base.restingPotential
                    + draw(mean: base.threshold - base.restingPotential, relativeSD: spread.thresholdRelativeSD)
            }
            if spread.capacitanceRelativeSD > 0 {
                neuronParameters.capacitance = draw(mean: base.capacitance, relativeSD: spread.capacitanceRelativeSD)
            }
            if spread.membraneTimeConstantRelativeSD > 0 {
                neuronParameters.membraneTimeConstant = draw(mean: base.membraneTimeConstant,
                                                             relativeSD: spread.membraneTimeConstantRelativeSD)
            }
            return NeuronRun(range: neuron ..< neuron + 1, integration: ExactIntegration(
                parameters: neuronParameters, constantCurrent: current, resolution: parameters.resolution))
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
            result.append((step, 2 * neuron + (weight > 0 ? 0 : 1), NeuronState.inputUnits(weight)))
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

    /// Simulates `parameters.duration` ms (from `startStep`), handing every step's spikes to
    /// `sink` (in time order, neurons ascending) as the run goes, so that memory does not grow
    /// with the simulated time. `progress`, if given, is called on the calling thread about every
    /// 100 ms of simulated time. `interrupted`, if given, is asked once per exchange of the
    /// threads whether to stop (e.g. after SIGINT). A simulation runs once. An error of the sink,
    /// or an interruption, stops the run at the next exchange of the threads and is thrown.
    ///
    /// `checkpoint`, if given, receives the state of the simulation (on the calling thread, after
    /// the sink got every spike up to it) at every multiple of `checkpointSteps` steps before the
    /// end, and, after an interruption, at the step where the run stopped; an error it throws
    /// stops the run and is thrown. Without it, the run does no checkpoint work at all.
    public func run(sink: (any SpikeSink)? = nil,
                    progress: (@Sendable (SimulationProgress) -> Void)? = nil,
                    interrupted: (@Sendable () -> Bool)? = nil,
                    checkpointSteps: Int? = nil,
                    checkpoint: ((SimulationState) throws(InputError) -> Void)? = nil) throws(InputError) -> SimulationResult {
        precondition(!hasRun, "a Simulation runs once")
        precondition(checkpointSteps.map { $0 > 0 } ?? true, "checkpoints are at least a step apart")
        hasRun = true
        let start = Date()
        let steps = parameters.steps
        let threads = partition.threadCount
        let horizon = max(connectivity.maximumDelay, 1)
        let workers = (0..<threads).map { thread in
            Worker(thread: thread, simulation: self, horizon: horizon)
        }
        let batch = batchLength
        // Periodic checkpoints cut the batches at their steps; without them nothing changes.
        let interval = checkpoint == nil ? nil : checkpointSteps
        // A neuron fires at most once per refractory period + 1 steps (V_m stays at V_reset <
        // V_th while refractory), which bounds the spikes a thread emits in a batch.
        let shortestCycle = Int(runs.joined().map(\.integration.refractorySteps).min() ?? 0) + 1
        let exchange = SpikeExchange(partition: partition, batchLength: batch,
                                     spikesPerNeuron: (batch + shortestCycle - 1) / shortestCycle)
        let barrier = SpinBarrier(parties: threads)
        let output = SpikeOutput(sink: sink, tally: startTally, checkpoint: checkpoint,
                                 recent: checkpoint == nil ? nil : RecentSpikes(horizon: horizon, spikes: resumedSpikes))
        let progressInterval = max(1, Int((100 / parameters.resolution).rounded()))
        let startStep = self.startStep, resumedSpikes = self.resumedSpikes
        let elapsed: @Sendable () -> Double = { [resumedSeconds] in resumedSeconds + Date().timeIntervalSince(start) }
        runOnThreads(threads) { thread in
            let worker = workers[thread]
            worker.replay(resumedSpikes, resumingAt: startStep)
            var first = startStep, batchIndex = 0
            while first < steps {
                let nextCheckpoint = interval.map { (first / $0 + 1) * $0 } ?? Int.max
                let length = min(batch, steps - first, nextCheckpoint - first)
                let parity = batchIndex & 1
                let buffer = exchange.buffers[thread][parity]
                let offsets = exchange.offsets[thread][parity]
                var count = 0
                for step in first ..< first + length {
                    worker.receive(step: step)
                    let newCount = worker.update(into: buffer, count: count, step: step)
                    worker.deliver(UnsafeBufferPointer(start: buffer + count, count: newCount - count), emittedIn: step)
                    count = newCount
                    offsets[step - first + 1] = count
                }
                // A stop is decided by thread 0 for the batch after the one it is recording, so
                // every thread sees the same decision after that batch's barrier.
                var stop = false
                if threads > 1 {
                    barrier.wait()
                    stop = batchIndex >= output.stopBatch.load(ordering: .relaxed)
                    // Spikes of the other threads, emitted in this batch, arrive at the earliest in
                    // the next one (their delays are at least the batch length).
                    for source in 0..<threads where source != thread {
                        let sourceBuffer = exchange.buffers[source][parity]
                        let sourceOffsets = exchange.offsets[source][parity]
                        for offset in 0..<length {
                            worker.deliver(UnsafeBufferPointer(start: sourceBuffer + sourceOffsets[offset],
                                                               count: sourceOffsets[offset + 1] - sourceOffsets[offset]),
                                           emittedIn: first + offset)
                        }
                    }
                }
                let end = first + length
                worker.publishWork()
                // Thread 0 records every batch it ran, also the one a stop ends with (an
                // interrupted run's checkpoint counts its spikes).
                if thread == 0 {
                    output.batch = batchIndex
                    // The batch's spikes, step by step; threads own ascending neuron ranges. NEST
                    // stamps a spike of the update from step to step + 1 with step + 1.
                    for offset in 0..<length {
                        for source in 0..<threads {
                            let sourceOffsets = exchange.offsets[source][parity]
                            output.record(UnsafeBufferPointer(start: exchange.buffers[source][parity] + sourceOffsets[offset],
                                                              count: sourceOffsets[offset + 1] - sourceOffsets[offset]),
                                          stamp: Int32(first + offset + 1))
                        }
                    }
                    output.recordedStep = end
                    output.recent?.forget(after: end)
                    if let interrupted, interrupted() { output.interrupt() }
                    if threads == 1 { stop = output.error != nil }
                    if let progress, end / progressInterval > first / progressInterval || end == steps {
                        progress(SimulationProgress(simulatedMs: Double(end) * self.parameters.resolution,
                                                    totalMs: Double(steps) * self.parameters.resolution,
                                                    startMs: Double(startStep) * self.parameters.resolution,
                                                    wallSeconds: Date().timeIntervalSince(start),
                                                    spikes: output.tally.total,
                                                    synapticEvents: workers.reduce(0) { $0 + $1.publishedEvents.load(ordering: .relaxed) },
                                                    threads: threads))
                    }
                }
                // Every thread agrees on `stop` and `nextCheckpoint`; the others wait while
                // thread 0 reads the state, which no thread changes before the next batch.
                if end == nextCheckpoint && end < steps && !stop {
                    if thread == 0 { output.writeCheckpoint(self.state(atStep: end, output: output, simulateSeconds: elapsed())) }
                    if threads > 1 { barrier.wait() }
                }
                if stop { break }
                first = end
                batchIndex += 1
            }
        }
        if let failure = output.error {
            guard output.wasInterrupted else { throw failure }
            // Every thread stopped after the batch thread 0 recorded last.
            let interruption = InputError("interrupted at \(NESTTime.text(step: output.recordedStep, resolution: parameters.resolution)) ms of \(parameters.duration) ms")
            if let checkpoint {
                do { try checkpoint(state(atStep: output.recordedStep, output: output, simulateSeconds: elapsed())) } catch {
                    throw InputError("\(interruption.description); its checkpoint could not be written: \(error.description)")
                }
            }
            throw interruption
        }
        return SimulationResult(indexing: indexing, parameters: parameters,
                                threads: threads, exchangeSteps: batch, synapseCount: connectivity.synapseCount,
                                connectivity: connectivity.mode,
                                setupSeconds: setupSeconds, simulateSeconds: elapsed(),
                                spikeCount: output.tally.total, populationSpikeCounts: output.tally.populationCounts,
                                work: workers.map(\.work).reduce(EngineWork(), +), workSeconds: Date().timeIntervalSince(start))
    }

    /// The state after `step` steps, between batches: neuron state, external trains, recent
    /// spikes and spike counts.
    func state(atStep step: Int, output: SpikeOutput, simulateSeconds: Double) -> SimulationState {
        let count = indexing.neuronCount
        let trains = external.savedTrains()
        return SimulationState(
            step: step,
            potentials: Array(UnsafeBufferPointer(start: state.potential, count: count)),
            excitatoryCurrents: Array(UnsafeBufferPointer(start: state.excitatoryCurrent, count: count)),
            inhibitoryCurrents: Array(UnsafeBufferPointer(start: state.inhibitoryCurrent, count: count)),
            refractoryCountdowns: Array(UnsafeBufferPointer(start: state.refractoryCountdown, count: count)),
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

/// Where thread 0 puts the spikes of each step: the tally of the result and the sink, and, in
/// a run with checkpoints, the recent spikes and the checkpoints. The first error of the sink or
/// of a checkpoint, or an interruption, is kept and asks every thread to stop.
final class SpikeOutput: @unchecked Sendable {
    let sink: (any SpikeSink)?
    private(set) var tally: SpikeTally
    private(set) var error: InputError?
    /// Whether the stop was asked by `interrupt` (not by an error).
    private(set) var wasInterrupted = false
    let checkpoint: ((SimulationState) throws(InputError) -> Void)?
    /// The spikes a checkpoint needs (nil without checkpoints).
    let recent: RecentSpikes?
    /// The batch thread 0 is recording.
    var batch = 0
    /// The step up to which thread 0 recorded the spikes.
    var recordedStep = 0
    /// The batch after whose barrier every thread stops (Int.max: none).
    let stopBatch = Atomic<Int>(.max)

    init(sink: (any SpikeSink)?, tally: SpikeTally, checkpoint: ((SimulationState) throws(InputError) -> Void)?,
         recent: RecentSpikes?) {
        self.sink = sink
        self.tally = tally
        self.checkpoint = checkpoint
        self.recent = recent
    }

    /// Counts the spikes of one step and hands them on; after an interruption too, as the run
    /// ends with the batch it is in (and a checkpoint counts them).
    func record(_ neurons: UnsafeBufferPointer<Int32>, stamp: Int32) {
        guard error == nil || wasInterrupted, !neurons.isEmpty else { return }
        tally.count(neurons, stamp: stamp)
        recent?.append(neurons, stamp: stamp)
        do throws(InputError) {
            try sink?.record(neurons: neurons, stamp: stamp)
        } catch {
            fail(error)
        }
    }

    /// Hands `state` to the checkpoint; its error stops the run.
    func writeCheckpoint(_ state: SimulationState) {
        guard error == nil, let checkpoint else { return }
        do throws(InputError) { try checkpoint(state) } catch { fail(error) }
    }

    /// Asks every thread to stop at the next exchange for an error of the sink or of a
    /// checkpoint; the run then throws the first one. It replaces an interruption, whose
    /// checkpoint is then not written.
    func fail(_ failure: InputError) {
        guard error == nil || wasInterrupted else { return }
        if error == nil { stopBatch.store(batch + 1, ordering: .relaxed) }
        error = failure
        wasInterrupted = false
    }

    /// Asks every thread to stop at the next exchange for an interruption; the run then throws
    /// an error naming the step where it stopped, after a checkpoint there if it writes them.
    func interrupt() {
        guard error == nil else { return }
        error = InputError("interrupted")
        wasInterrupted = true
        stopBatch.store(batch + 1, ordering: .relaxed)
    }
}

/// How far a running simulation has got.
public struct SimulationProgress: Sendable {
    public var simulatedMs: Double
    public var totalMs: Double
    /// Where this run started: 0, or the checkpoint it resumed from, ms.
    public var startMs: Double
    /// Wall seconds of this run (since it started or resumed).
    public var wallSeconds: Double
    /// Spikes so far, including those before a checkpoint the run resumed from.
    public var spikes: Int
    /// Synaptic events delivered since this run started or resumed, as of each thread's last
    /// finished batch (`EngineWork`).
    public var synapticEvents: Int
    public var threads: Int

    /// Events per wall second, and core-nanoseconds per event (wall time × threads / events);
    /// nil before the first event.
    public var eventsPerSecond: Double? {
        synapticEvents > 0 && wallSeconds > 0 ? Double(synapticEvents) / wallSeconds : nil
    }
    public var coreNanosecondsPerEvent: Double? {
        EngineWork.coreNanosecondsPerEvent(events: synapticEvents, seconds: wallSeconds, threads: threads)
    }

    /// Wall time per simulated time.
    public var realTimeFactor: Double { simulatedMs > startMs ? wallSeconds / ((simulatedMs - startMs) / 1000) : 0 }
    /// Estimated wall seconds still needed.
    public var remainingSeconds: Double {
        simulatedMs > startMs ? wallSeconds * (totalMs - simulatedMs) / (simulatedMs - startMs) : 0
    }
}

/// The spikes each thread emitted in the last two batches (double-buffered by batch parity, so
/// a thread may write the next batch's spikes while another still reads this batch's).
final class SpikeExchange: @unchecked Sendable {
    /// Neuron indices, ordered by step, per thread and parity.
    let buffers: [[UnsafeMutablePointer<Int32>]]
    /// Spikes of step `first + j` are `buffers[t][p][offsets[t][p][j] ..< offsets[t][p][j + 1]]`.
    let offsets: [[UnsafeMutablePointer<Int>]]

    init(partition: ThreadPartition, batchLength: Int, spikesPerNeuron: Int) {
        buffers = (0..<partition.threadCount).map { thread in
            let capacity = max(partition.neurons(ofThread: thread).count * spikesPerNeuron, 1)
            return [.allocate(capacity: capacity), .allocate(capacity: capacity)]
        }
        offsets = (0..<partition.threadCount).map { _ in
            (0..<2).map { _ in
                let offsets = UnsafeMutablePointer<Int>.allocate(capacity: batchLength + 1)
                offsets.initialize(repeating: 0, count: batchLength + 1)
                return offsets
            }
        }
    }

    deinit {
        for pair in buffers { for buffer in pair { buffer.deallocate() } }
        for pair in offsets { for offsets in pair { offsets.deallocate() } }
    }
}
