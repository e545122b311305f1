import RunFormat
import Synchronization

/// One thread's share of a running simulation: its neurons, the events on their way to them,
/// and the spikes they emitted.
final class Worker: @unchecked Sendable {
    let thread: Int
    let state: NeuronState
    let connectivity: Connectivity
    let indexing: NeuronIndexing
    let external: ExternalDrive
    let runs: [NeuronRun]
    /// Internal events by arrival step (stored connectivity).
    let events: EventRing<SynapticEvent>
    /// Row segments by arrival step (procedural connectivity).
    let segments: EventRing<RowSegment>
    /// Scratch space for splitting a procedural row by delay.
    let delayHistogram: UnsafeMutablePointer<UInt16>
    /// The segments of the current step grouped by target population and input channel
    /// (`receive`).
    var groupedSegments: [RowSegment] = []
    /// After `groupSegments`: the group of population p and channel c ends at
    /// `groupStarts[2p + c]` (and starts where the one before it ends).
    var groupStarts: [Int]
    /// The neurons this thread owns (`ThreadPartition`).
    let ownedNeurons: Range<Int>
    /// Population of each run.
    let runPopulations: [Int]
    /// Procedural connectivity: the windows of the populations this thread shares with others,
    /// and those populations.
    let shared: SharedPopulationInputs
    let sharedPopulations: [Int]
    /// Procedural connectivity: the input of the (unshared) population being updated (zero
    /// between populations), and the external and single-spike inputs of the step, by input element.
    let populationInput: UnsafeMutablePointer<Int64>
    var pendingInputs: [(code: Int, units: Int64)] = []
    var nextPendingInput = 0
    /// Neurons whose next external spike may arrive in a step, by step.
    let externalChecks: EventRing<UInt32>
    /// Single-spike inputs to this thread's neurons, by step, and the next one to apply.
    let stimuli: [(step: Int, code: Int, units: Int64)]
    var nextStimulus = 0
    /// What this thread did (`EngineWork`), written by this thread only; read by others only
    /// through `publishedEvents` (progress) or after the run.
    private(set) var work = EngineWork()
    /// `work.synapticEvents` as of this thread's last finished batch, for the progress line.
    let publishedEvents = Atomic<Int>(0)

    /// A worker for a run that starts at `simulation.startStep`.
    init(thread: Int, simulation: Simulation, horizon: Int, shared: SharedPopulationInputs) {
        self.thread = thread
        state = simulation.state
        connectivity = simulation.connectivity
        indexing = simulation.indexing
        external = simulation.external
        runs = simulation.runs[thread]
        events = EventRing(horizon: horizon)
        segments = EventRing(horizon: horizon)
        let columns = if case .procedural(let rows) = connectivity { rows.delayColumns } else { 1 }
        delayHistogram = .allocate(capacity: columns)
        delayHistogram.initialize(repeating: 0, count: columns)
        groupStarts = [Int](repeating: 0, count: IAFPSCExp.channelsPerNeuron * simulation.indexing.populationCount + 1)
        runPopulations = runs.map { simulation.indexing.population(ofNeuron: $0.range.lowerBound) }
        self.shared = shared
        sharedPopulations = shared.populations(sharedBy: thread)
        let largestPopulation = Set(runPopulations).subtracting(sharedPopulations)
            .map { simulation.indexing.neurons(ofPopulation: $0).count }.max() ?? 0
        let populationInputCount = if case .procedural = connectivity { IAFPSCExp.channelsPerNeuron * largestPopulation } else { 0 }
        populationInput = .allocate(capacity: populationInputCount)
        populationInput.initialize(repeating: 0, count: populationInputCount)
        externalChecks = EventRing(horizon: horizon)
        let owned = simulation.partition.neurons(ofThread: thread)
        ownedNeurons = owned
        stimuli = simulation.stimuli.filter { owned.contains($0.code / 2) }
        for neurons in external.trainNeurons {
            for neuron in neurons.clamped(to: owned) { scheduleExternalCheck(of: neuron, after: simulation.startStep) }
        }
    }

    deinit {
        delayHistogram.deallocate()
        populationInput.deallocate()
    }

    /// Schedules the next look at `neuron`'s external train: at its next arrival step, or at the
    /// end of the ring if that is further away.
    @inline(__always)
    private func scheduleExternalCheck(of neuron: Int, after step: Int) {
        let arrival = external.arrivalStep(of: neuron)
        guard arrival != Int.max else { return }
        externalChecks.append(UInt32(truncatingIfNeeded: neuron), step: min(arrival, step + externalChecks.mask))
    }

    /// Adds everything arriving in `step` to the input of this thread's neurons (integer sums in
    /// units of 2⁻³² pA, so the order does not matter).
    @inline(__always)
    func receive(step: Int) {
        let input = state.input
        externalChecks.forEach(step: step) { neuron32 in
            let neuron = Int(neuron32)
            if external.arrivalStep(of: neuron) == step {
                let spikes = external.takeSpikes(of: neuron, arrivingIn: step)
                // NEST: weight × multiplicity of the generator's event.
                addInput(code: 2 &* neuron, units: Int64(spikes) &* external.weightUnits[neuron])
            }
            scheduleExternalCheck(of: neuron, after: step)
        }
        externalChecks.clear(step: step)
        while nextStimulus < stimuli.count && stimuli[nextStimulus].step <= step {
            if stimuli[nextStimulus].step == step { addInput(code: stimuli[nextStimulus].code, units: stimuli[nextStimulus].units) }
            nextStimulus += 1
        }
        switch connectivity {
        case .stored:
            var delivered = 0
            events.forEach(step: step) { event in
                input[Int(event.targetCode)] &+= NeuronState.inputUnits(weight: event.weight)
                delivered &+= 1
            }
            work.synapticEvents &+= delivered
            events.clear(step: step)
        case .procedural(let rows):
            // Grouped by target population, the adds of a group stay within that population's
            // input, which stays in cache, instead of landing all over the thread's neurons.
            // They are added population by population just before the update (`update`).
            groupSegments(arrivingIn: step, rows: rows)
            segments.clear(step: step)
            addSharedInput(step: step, rows: rows)
            if pendingInputs.count > 1 { pendingInputs.sort { $0.code < $1.code } }
        }
    }

    /// Adds `units` to input element `code` (2 · neuron + channel): directly into the dense input
    /// with stored connectivity, else kept for the neuron's population (`update`).
    @inline(__always)
    private func addInput(code: Int, units: Int64) {
        if case .stored = connectivity {
            state.input[code] &+= units
        } else {
            pendingInputs.append((code, units))
        }
    }

    /// Fills `groupedSegments` with the segments arriving in `step`, ordered by target population
    /// and channel (a counting sort; the order within a group is the arrival order).
    private func groupSegments(arrivingIn step: Int, rows: ProceduralConnectivity) {
        let groups = groupStarts.count - 1
        groupStarts.withUnsafeMutableBufferPointer { starts in
            for index in 0...groups { starts[index] = 0 }
            segments.forEach(step: step) { segment in
                starts[Int(rows.pathwayGroups[rows.row(code: segment.row).pathway]) &+ 1] &+= 1
            }
            for index in 0..<groups { starts[index + 1] &+= starts[index] }
        }
        let total = groupStarts[groups]
        groupedSegments.removeAll(keepingCapacity: true)
        groupedSegments.append(contentsOf: repeatElement(RowSegment(row: 0, first: 0, count: 0), count: total))
        groupedSegments.withUnsafeMutableBufferPointer { grouped in
            groupStarts.withUnsafeMutableBufferPointer { next in
                segments.forEach(step: step) { segment in
                    let group = Int(rows.pathwayGroups[rows.row(code: segment.row).pathway])
                    grouped[next[group]] = segment
                    next[group] &+= 1
                }
            }
        }
    }

    /// Adds the synapses of the grouped segments that end on `population` into `window`, which
    /// spans the population: the segments of one channel before the other's, so that their
    /// scattered adds stay within a window of 8 bytes per neuron, which stays in cache (the
    /// largest population at full scale, 93,694 neurons, needs 750 kB of it).
    @inline(__always)
    private func addSynapses(of population: Int, into window: InputWindow, rows: ProceduralConnectivity) {
        let neurons = indexing.neurons(ofPopulation: population)
        var delivered = 0
        for channel in 0..<IAFPSCExp.channelsPerNeuron {
            let group = IAFPSCExp.channelsPerNeuron &* population &+ channel
            let start = group == 0 ? 0 : groupStarts[group - 1]
            // The closure captures this pointer, not `self`: where the compiler does not inline
            // `forEachSynapse`, a captured `self` costs a retain and a release per segment. Input
            // code 2 · neuron + channel is neuron − first elements after the channel's first.
            let input = window.element(neuron: neurons.lowerBound, channel: channel)
            let first = neurons.lowerBound
            groupedSegments.withUnsafeBufferPointer { grouped in
                for segment in grouped[start ..< groupStarts[group]] {
                    delivered &+= Int(segment.count)
                    let row = rows.row(code: segment.row)
                    rows.forEachSynapse(pathway: row.pathway, local: row.local,
                                        first: Int(segment.first), count: Int(segment.count)) { code, weight in
                        input[Int(code >> 1) &- first] &+= NeuronState.inputUnits(weight: weight)
                    }
                }
            }
        }
        work.synapticEvents &+= delivered
    }

    /// Adds the pending external and single-spike inputs of this thread's neurons below `end`
    /// into `window` (pending inputs are taken in order, population by population).
    @inline(__always)
    private func addPendingInputs(below end: Int, into window: InputWindow) {
        while nextPendingInput < pendingInputs.count && pendingInputs[nextPendingInput].code < 2 &* end {
            let code = pendingInputs[nextPendingInput].code
            window.element(neuron: code >> 1, channel: code & 1).pointee &+= pendingInputs[nextPendingInput].units
            nextPendingInput &+= 1
        }
    }

    /// Early in `step`, so that the threads it shares populations with wait as little as
    /// possible: this thread's synapses onto those populations, into its windows
    /// (`SharedPopulationInputs`).
    @inline(__always)
    private func addSharedInput(step: Int, rows: ProceduralConnectivity) {
        for population in sharedPopulations {
            addSynapses(of: population, into: shared.window(population: population, thread: thread, step: step), rows: rows)
            shared.finishAdding(population: population, thread: thread, step: step)
        }
    }

    /// The input of `population`'s neurons of this thread for `step`, summed where it arrives
    /// to be consumed by the update: in the scratch space (zero before: the update consumes
    /// what it reads), one channel after the other (`InputWindow`), or for a shared population
    /// in this thread's window, with the other threads' parts collected.
    @inline(__always)
    private func gatherInput(of population: Int, step: Int, rows: ProceduralConnectivity) -> InputWindow {
        let neurons = indexing.neurons(ofPopulation: population)
        let window: InputWindow
        if shared.shares[population] != nil {
            let own = neurons.clamped(to: ownedNeurons)
            window = shared.collect(population: population, thread: thread, neurons: own, step: step)
        } else {
            window = .population(neurons, base: populationInput)
            addSynapses(of: population, into: window, rows: rows)
        }
        addPendingInputs(below: neurons.upperBound, into: window)
        return window
    }

    /// Advances this thread's neurons by one step; appends the indices of neurons that fire to
    /// `spikes` after the first `count` and returns the new count.
    @inline(__always)
    func update(into spikes: UnsafeMutablePointer<Int32>, count: Int, step: Int) -> Int {
        var newCount = count
        let externalInput = external.stepInput(step: step)
        // The connectivity is matched once per step, not per run (a match holds a reference).
        switch connectivity {
        case .stored:
            let input = state.denseInput
            for run in runs {
                newCount = state.advance(run, input: input, external: externalInput, spikes: spikes, spikeCount: newCount)
            }
        case .procedural(let rows):
            var window = state.denseInput
            var gathered = -1
            for (index, run) in runs.enumerated() {
                if runPopulations[index] != gathered {
                    gathered = runPopulations[index]
                    window = gatherInput(of: gathered, step: step, rows: rows)
                }
                newCount = state.advance(run, input: window, external: externalInput, spikes: spikes, spikeCount: newCount)
            }
            pendingInputs.removeAll(keepingCapacity: true)
            nextPendingInput = 0
        }
        return newCount
    }

    /// Resuming at step `step`: sends `spikes` (a checkpoint's recent spikes, emitted before
    /// `step`, in time order) again along the synapses that end on this thread's neurons, in the
    /// order of their steps, and drops every event that arrived before `step`, as `receive` would
    /// have. The rings then hold exactly the events of an uninterrupted run still on their way
    /// (in another order within a step, which integer input sums do not see).
    func replay(_ spikes: [BinarySpikeFile.Spike], resumingAt step: Int) {
        guard let earliest = spikes.first else { return }
        var next = 0
        var neurons: [Int32] = []
        for emission in Int(earliest.stamp) - 1 ..< step {
            events.clear(step: emission)
            segments.clear(step: emission)
            neurons.removeAll(keepingCapacity: true)
            // NEST stamps a spike of the update from `emission` with `emission + 1`.
            while next < spikes.count && Int(spikes[next].stamp) == emission + 1 {
                neurons.append(spikes[next].neuron)
                next += 1
            }
            neurons.withUnsafeBufferPointer { deliver($0, emittedIn: emission) }
        }
    }

    /// Sends the spikes emitted in `step` along the synapses that end on this thread's neurons;
    /// a synapse with delay d delivers in step `step + d`.
    @inline(__always)
    func deliver(_ spikes: UnsafeBufferPointer<Int32>, emittedIn step: Int) {
        switch connectivity {
        case .stored(let synapses):
            let codes = synapses.targetCodes, weights = synapses.weights, delays = synapses.delays
            for source in spikes {
                for index in synapses.range(source: Int(source), thread: thread) {
                    events.append(SynapticEvent(targetCode: codes[index], weight: weights[index]),
                                  step: step &+ Int(delays[index]))
                }
            }
        case .procedural(let rows):
            let owned = rows.ownedRows[thread]
            var regenerated = 0, queued = 0
            for source in spikes {
                let neuron = Int(source)
                let population = indexing.population(ofNeuron: neuron)
                let local = neuron &- indexing.firstNeuron[population]
                for row in owned[population] where row.sources.contains(local) {
                    let length = rows.rowLength(source: population, local: local, column: row.column)
                    if length > 0 { regenerated &+= 1 }
                    let code = rows.rowCode(pathway: row.pathway, local: local)
                    rows.forEachDelay(pathway: row.pathway, local: local, length: length,
                                      histogram: delayHistogram) { delay, first, count in
                        var start = first, left = count
                        while left > 0 {
                            let part = min(left, RowSegment.maximumCount)
                            queued &+= 1
                            segments.append(RowSegment(row: code, first: UInt16(truncatingIfNeeded: start),
                                                       count: UInt8(truncatingIfNeeded: part)),
                                            step: step &+ delay)
                            start &+= part
                            left &-= part
                        }
                    }
                }
            }
            work.rowsRegenerated &+= regenerated
            work.rowSegments &+= queued
        }
    }

    /// Makes `work.synapticEvents` visible to the progress line (once per batch).
    func publishWork() {
        publishedEvents.store(work.synapticEvents, ordering: .relaxed)
    }
}

/// What the engine did, counted exactly: the synaptic events delivered to a neuron's input (one
/// per synapse of a spike, at its arrival; events still on their way at the end are not
/// counted), and with procedural connectivity the rows regenerated at spikes (non-empty ones)
/// and the row segments queued (one per row and delay). Counted by the process that ran: a
/// resumed run counts from its checkpoint on.
public struct EngineWork: Sendable, Equatable {
    public var synapticEvents = 0
    public var rowsRegenerated = 0
    public var rowSegments = 0

    public init() {}

    /// Core-nanoseconds per event: `seconds` of wall time × `threads` / `events`; nil without
    /// events. The unit in which the engine's speed is compared.
    public static func coreNanosecondsPerEvent(events: Int, seconds: Double, threads: Int) -> Double? {
        events > 0 ? seconds * Double(threads) * 1e9 / Double(events) : nil
    }

    static func + (a: EngineWork, b: EngineWork) -> EngineWork {
        var sum = a
        sum.synapticEvents += b.synapticEvents
        sum.rowsRegenerated += b.rowsRegenerated
        sum.rowSegments += b.rowSegments
        return sum
    }
}
