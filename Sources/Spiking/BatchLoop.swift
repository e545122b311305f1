import Foundation
import Model
import RunFormat

extension Simulation {
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
        let loop = BatchLoop(simulation: self, sink: sink, progress: progress, interrupted: interrupted,
                             checkpointSteps: checkpointSteps, checkpoint: checkpoint)
        runOnThreads(loop.threads) { thread in loop.run(thread: thread) }
        return try loop.finish()
    }
}

/// One run of a `Simulation`: every thread runs `run(thread:)`, a loop over batches of steps
/// between two exchanges of spikes. Each batch is four named steps: `simulate` (the thread's
/// neurons, step by step), `exchange` (after the barrier: the other threads' spikes of the batch),
/// `record` (thread 0: every thread's spikes to the `SpikeOutput`, progress, the stop protocol)
/// and, at a checkpoint step, `checkpoint` (thread 0 reads the state while the others wait). Who writes what,
/// when: see `Simulation`.
final class BatchLoop: @unchecked Sendable {
    let simulation: Simulation
    let threads: Int
    let steps: Int
    /// Steps between exchanges (the shortest delay between threads, at most 64).
    let batchLength: Int
    /// Steps between checkpoints (nil: none).
    let checkpointInterval: Int?
    let workers: [Worker]
    /// The windows of populations that threads share.
    let shared: SharedPopulationInputs
    let exchange: SpikeExchange
    let barrier: SpinBarrier
    let output: SpikeOutput
    let progress: (@Sendable (SimulationProgress) -> Void)?
    let interrupted: (@Sendable () -> Bool)?
    /// Steps between progress reports: 100 ms of simulated time.
    let progressInterval: Int
    let start = Date()

    init(simulation: Simulation, sink: (any SpikeSink)?, progress: (@Sendable (SimulationProgress) -> Void)?,
         interrupted: (@Sendable () -> Bool)?, checkpointSteps: Int?,
         checkpoint: ((SimulationState) throws(InputError) -> Void)?) {
        self.simulation = simulation
        threads = simulation.partition.threadCount
        steps = simulation.parameters.steps
        let horizon = max(simulation.connectivity.maximumDelay, 1)
        let procedural = if case .procedural = simulation.connectivity { true } else { false }
        let shared = SharedPopulationInputs(indexing: simulation.indexing, partition: procedural ? simulation.partition : nil,
                                            startStep: simulation.startStep)
        self.shared = shared
        workers = (0..<threads).map { thread in Worker(thread: thread, simulation: simulation, horizon: horizon, shared: shared) }
        batchLength = simulation.batchLength
        // Periodic checkpoints cut the batches at their steps; without them nothing changes.
        checkpointInterval = checkpoint == nil ? nil : checkpointSteps
        // A neuron fires at most once per refractory period + 1 steps (V_m stays at V_reset <
        // V_th while refractory), which bounds the spikes a thread emits in a batch.
        let shortestCycle = Int(simulation.runs.joined().map(\.integration.refractorySteps).min() ?? 0) + 1
        exchange = SpikeExchange(partition: simulation.partition, batchLength: batchLength,
                                 spikesPerNeuron: (batchLength + shortestCycle - 1) / shortestCycle)
        barrier = SpinBarrier(parties: threads)
        output = SpikeOutput(sink: sink, tally: simulation.startTally, checkpoint: checkpoint,
                             recent: checkpoint == nil ? nil : RecentSpikes(horizon: horizon, spikes: simulation.resumedSpikes))
        self.progress = progress
        self.interrupted = interrupted
        progressInterval = max(1, Int((100 / simulation.parameters.resolution).rounded()))
    }

    /// Wall seconds simulated, including those before the checkpoint the run resumed from.
    var elapsedSeconds: Double { simulation.resumedSeconds + Date().timeIntervalSince(start) }

    /// Thread `thread`'s batches, from the start (or the resumed step) to the end or a stop.
    func run(thread: Int) {
        let worker = workers[thread]
        worker.replay(simulation.resumedSpikes, resumingAt: simulation.startStep)
        var first = simulation.startStep, batchIndex = 0
        while first < steps {
            let nextCheckpoint = checkpointInterval.map { (first / $0 + 1) * $0 } ?? Int.max
            let length = min(batchLength, steps - first, nextCheckpoint - first)
            let parity = batchIndex & 1
            simulate(worker, first: first, length: length, parity: parity)
            // A stop is decided by thread 0 for the batch after the one it is recording, so
            // every thread sees the same decision after that batch's barrier.
            var stop = false
            if threads > 1 {
                barrier.wait()
                stop = batchIndex >= output.stopBatch.load(ordering: .relaxed)
                exchange(worker, first: first, length: length, parity: parity)
            }
            worker.publishWork()
            if thread == 0 {
                record(batch: batchIndex, first: first, length: length, parity: parity)
                if threads == 1 { stop = output.error != nil }
            }
            let end = first + length
            if end == nextCheckpoint && end < steps && !stop { checkpoint(thread: thread, atStep: end) }
            if stop { break }
            first = end
            batchIndex += 1
        }
    }

    /// The worker's neurons through steps `first ..< first + length`: each step receives the
    /// events due, updates the neurons into the thread's exchange buffer of this batch's parity
    /// and delivers their spikes to the thread's own targets.
    @inline(__always)
    func simulate(_ worker: Worker, first: Int, length: Int, parity: Int) {
        let buffer = exchange.buffers[worker.thread][parity]
        let offsets = exchange.offsets[worker.thread][parity]
        var count = 0
        for step in first ..< first + length {
            worker.receive(step: step)
            let newCount = worker.update(into: buffer, count: count, step: step)
            worker.deliver(UnsafeBufferPointer(start: buffer + count, count: newCount - count), emittedIn: step)
            count = newCount
            offsets[step - first + 1] = count
        }
    }

    /// After the barrier: the spikes the other threads emitted in this batch, delivered to this
    /// worker's targets. They arrive at the earliest in the next batch (their delays are at
    /// least the batch length).
    func exchange(_ worker: Worker, first: Int, length: Int, parity: Int) {
        for source in 0..<threads where source != worker.thread {
            let sourceBuffer = exchange.buffers[source][parity]
            let sourceOffsets = exchange.offsets[source][parity]
            for offset in 0..<length {
                worker.deliver(UnsafeBufferPointer(start: sourceBuffer + sourceOffsets[offset],
                                                   count: sourceOffsets[offset + 1] - sourceOffsets[offset]),
                               emittedIn: first + offset)
            }
        }
    }

    /// Thread 0, every batch it ran (also the one a stop ends with: an interrupted run's
    /// checkpoint counts its spikes): the batch's spikes step by step to the output (threads own
    /// ascending neuron ranges; NEST stamps a spike of the update from step to step + 1 with
    /// step + 1), then the stop protocol's question and the progress report.
    func record(batch: Int, first: Int, length: Int, parity: Int) {
        output.batch = batch
        for offset in 0..<length {
            for source in 0..<threads {
                let sourceOffsets = exchange.offsets[source][parity]
                output.record(UnsafeBufferPointer(start: exchange.buffers[source][parity] + sourceOffsets[offset],
                                                  count: sourceOffsets[offset + 1] - sourceOffsets[offset]),
                              stamp: Int32(first + offset + 1))
            }
        }
        let end = first + length
        output.recordedStep = end
        output.recent?.forget(after: end)
        if let interrupted, interrupted() { output.interrupt() }
        if let progress, end / progressInterval > first / progressInterval || end == steps {
            let resolution = simulation.parameters.resolution
            progress(SimulationProgress(simulatedMs: Double(end) * resolution, totalMs: Double(steps) * resolution,
                                        startMs: Double(simulation.startStep) * resolution,
                                        wallSeconds: Date().timeIntervalSince(start), spikes: output.tally.total,
                                        synapticEvents: workers.reduce(0) { $0 + $1.publishedEvents.load(ordering: .relaxed) },
                                        threads: threads))
        }
    }

    /// At a checkpoint step (every thread agrees on it and on the stop): thread 0 hands the state
    /// to the output while the others wait at the barrier; no thread changes the state before
    /// the next batch.
    func checkpoint(thread: Int, atStep step: Int) {
        if thread == 0 { output.writeCheckpoint(simulation.state(atStep: step, output: output, simulateSeconds: elapsedSeconds)) }
        if threads > 1 { barrier.wait() }
    }

    /// After every thread has stopped: the result, or the error that stopped the run (an
    /// interruption after its checkpoint, where the run writes them).
    func finish() throws(InputError) -> SimulationResult {
        let parameters = simulation.parameters
        if let failure = output.error {
            guard output.wasInterrupted else { throw failure }
            // Every thread stopped after the batch thread 0 recorded last.
            let interruption = InputError("interrupted at \(NESTTime.text(step: output.recordedStep, resolution: parameters.resolution)) ms of \(parameters.duration) ms")
            if let checkpoint = output.checkpoint {
                do { try checkpoint(simulation.state(atStep: output.recordedStep, output: output, simulateSeconds: elapsedSeconds)) } catch {
                    throw InputError("\(interruption.description); its checkpoint could not be written: \(error.description)")
                }
            }
            throw interruption
        }
        return SimulationResult(indexing: simulation.indexing, parameters: parameters,
                                threads: threads, exchangeSteps: batchLength, synapseCount: simulation.connectivity.synapseCount,
                                connectivity: simulation.connectivity.mode,
                                setupSeconds: simulation.setupSeconds, simulateSeconds: elapsedSeconds,
                                spikeCount: output.tally.total, populationSpikeCounts: output.tally.populationCounts,
                                work: workers.map(\.work).reduce(EngineWork(), +), workSeconds: Date().timeIntervalSince(start))
    }
}
