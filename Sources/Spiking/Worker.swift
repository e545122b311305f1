/// One thread's share of a running simulation: its neurons, the events on their way to them,
/// and the spikes they emitted.
final class Worker: @unchecked Sendable {
    let thread: Int
    let state: NeuronState
    let synapses: SynapseStore
    let external: ExternalDrive
    let runs: [NeuronRun]
    /// Internal events by arrival step.
    let events: EventRing<SynapticEvent>
    /// Neurons whose next external spike may arrive in a step, by step.
    let externalChecks: EventRing<UInt32>
    var record = SpikeRecord()
    /// Single-spike inputs to this thread's neurons, by step, and the next one to apply.
    let stimuli: [(step: Int, code: Int, units: Int64)]
    var nextStimulus = 0

    init(thread: Int, simulation: Simulation, horizon: Int) {
        self.thread = thread
        state = simulation.state
        synapses = simulation.synapses
        external = simulation.external
        runs = simulation.runs[thread]
        events = EventRing(horizon: horizon)
        externalChecks = EventRing(horizon: horizon)
        let owned = simulation.partition.neurons(ofThread: thread)
        stimuli = simulation.stimuli.filter { owned.contains($0.code / 2) }
        for neuron in simulation.partition.neurons(ofThread: thread) {
            scheduleExternalCheck(of: neuron, after: 0)
        }
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
                input[2 &* neuron] &+= NeuronState.inputUnits(external.weights[neuron] * Double(spikes))
            }
            scheduleExternalCheck(of: neuron, after: step)
        }
        externalChecks.clear(step: step)
        events.forEach(step: step) { event in
            input[Int(event.targetCode)] &+= Int64(Double(event.weight) * NeuronState.unitsPerPicoampere)
        }
        events.clear(step: step)
        while nextStimulus < stimuli.count && stimuli[nextStimulus].step <= step {
            if stimuli[nextStimulus].step == step { input[stimuli[nextStimulus].code] &+= stimuli[nextStimulus].units }
            nextStimulus += 1
        }
    }

    /// Advances this thread's neurons by one step; appends the indices of neurons that fire to
    /// `spikes` after the first `count` and returns the new count.
    @inline(__always)
    func update(into spikes: UnsafeMutablePointer<Int32>, count: Int, step: Int) -> Int {
        var newCount = count
        for run in runs {
            newCount = state.advance(run, spikes: spikes, spikeCount: newCount)
        }
        // NEST stamps a spike of the update from step to step + 1 with step + 1.
        record.append(UnsafeBufferPointer(start: spikes + count, count: newCount - count), stamp: Int32(step + 1))
        return newCount
    }

    /// Sends the spikes emitted in `step` along the synapses that end on this thread's neurons;
    /// a synapse with delay d delivers in step `step + d`.
    @inline(__always)
    func deliver(_ spikes: UnsafeBufferPointer<Int32>, emittedIn step: Int) {
        let codes = synapses.targetCodes, weights = synapses.weights, delays = synapses.delays
        for source in spikes {
            for index in synapses.range(source: Int(source), thread: thread) {
                events.append(SynapticEvent(targetCode: codes[index], weight: weights[index]),
                              step: step &+ Int(delays[index]))
            }
        }
    }
}
