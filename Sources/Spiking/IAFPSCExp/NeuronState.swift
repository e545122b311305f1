/// State of all neurons as a structure of arrays (NEST `iaf_psc_exp::State_`), plus the input
/// arriving in the current step. Allocated once per simulation; threads write disjoint ranges.
final class NeuronState: @unchecked Sendable {
    let count: Int
    /// Membrane potential relative to E_L, mV.
    let potential: UnsafeMutablePointer<Double>
    /// Synaptic currents, pA.
    let excitatoryCurrent: UnsafeMutablePointer<Double>
    let inhibitoryCurrent: UnsafeMutablePointer<Double>
    /// Remaining refractory steps.
    let refractoryCountdown: UnsafeMutablePointer<Int32>
    /// Summed PSC amplitudes arriving in the current step in units of 2⁻³² pA: element 2i
    /// excitatory, 2i + 1 inhibitory (NEST's input ring buffer slot, channels SYN_EX / SYN_IN).
    /// Integer sums do not depend on the order of the additions, so the spikes are the same
    /// however the work is split over threads and whenever events are delivered. Every Float
    /// weight of at least 2⁻⁹ pA is a whole number of units, so internal inputs are summed
    /// exactly; NEST's double sums differ from these by rounding only.
    /// With procedural connectivity the input of one population at a time is gathered in the
    /// worker's scratch space instead (`InputWindow`), and this array is not allocated.
    let input: UnsafeMutablePointer<Int64>

    /// Input units per pA.
    static let unitsPerPicoampere = 0x1p32

    /// A synapse's Float weight (pA) in input units, rounded to the nearest unit (Float weights
    /// of at least 2⁻⁹ pA are whole numbers of units). Adding 1.5 · 2⁵² puts the rounded value in
    /// the low bits of the Double's significand, exactly for |w| < 2¹⁹ pA
    /// (`ConnectivityBuilder.largestWeight`): a multiplication and two additions instead of a
    /// checked conversion in the synapse loop.
    @inline(__always)
    static func inputUnits(weight: Float) -> Int64 {
        let shifted = Double(weight) * unitsPerPicoampere + 0x1.8p52
        return Int64(bitPattern: shifted.bitPattern) &- Int64(bitPattern: (0x1.8p52 as Double).bitPattern)
    }

    /// `current` pA in input units (rounded to the nearest unit).
    @inline(__always)
    static func inputUnits(_ current: Double) -> Int64 {
        Int64((current * unitsPerPicoampere).rounded())
    }

    init(count: Int, denseInput: Bool = true) {
        self.count = count
        potential = .allocate(capacity: count)
        potential.initialize(repeating: 0, count: count)
        excitatoryCurrent = .allocate(capacity: count)
        excitatoryCurrent.initialize(repeating: 0, count: count)
        inhibitoryCurrent = .allocate(capacity: count)
        inhibitoryCurrent.initialize(repeating: 0, count: count)
        refractoryCountdown = .allocate(capacity: count)
        refractoryCountdown.initialize(repeating: 0, count: count)
        let inputCount = denseInput ? IAFPSCExp.channelsPerNeuron * count : 0
        input = .allocate(capacity: inputCount)
        input.initialize(repeating: 0, count: inputCount)
    }

    deinit {
        potential.deallocate()
        excitatoryCurrent.deallocate()
        inhibitoryCurrent.deallocate()
        refractoryCountdown.deallocate()
        input.deallocate()
    }

    /// Bytes held per neuron.
    static let bytesPerNeuron = 8 * 3 + 4 + 16

    /// Advances the neurons of `run` by one step, exactly as NEST's `iaf_psc_exp::update` does for
    /// one lag: membrane with the old currents (unless refractory, then count down), current
    /// decay, arriving input added, threshold, reset and refractory count. Consumes (zeroes) the
    /// input of these neurons and appends the index of every neuron that fires to `spikes`.
    /// Returns the new number of entries in `spikes`. Where the run draws its external Poisson
    /// input per step (`NeuronRun.externalCounts`), `external` gives the weights and the step's
    /// random stream, and the count is drawn here and added to the excitatory input.
    @inline(__always)
    func advance(_ run: NeuronRun, input: InputWindow, external: ExternalStepInput?,
                 spikes: UnsafeMutablePointer<Int32>, spikeCount: Int) -> Int {
        var spikeCount = spikeCount
        if let table = run.externalCounts, let external {
            // Neuron i's count comes from half i mod 2 (low, high) of output ⌊i/2⌋ of the step's
            // stream: one random number per two neurons, whatever the run's boundaries.
            let weights = external.weightUnits
            var i = run.range.lowerBound
            let end = run.range.upperBound
            if i & 1 == 1 && i < end {
                let bits = RandomStream.output(key: external.stepKey, counter: UInt64(truncatingIfNeeded: i >> 1))
                let units = Int64(truncatingIfNeeded: table.count(bits >> 32)) &* weights[i]
                advanceNeuron(i, run.integration, input: input, externalUnits: units, spikes: spikes, spikeCount: &spikeCount)
                i &+= 1
            }
            while i &+ 1 < end {
                let bits = RandomStream.output(key: external.stepKey, counter: UInt64(truncatingIfNeeded: i >> 1))
                let low = Int64(truncatingIfNeeded: table.count(bits)) &* weights[i]
                let high = Int64(truncatingIfNeeded: table.count(bits >> 32)) &* weights[i &+ 1]
                advancePair(i, run.integration, input: input, externalUnits: (low, high), spikes: spikes, spikeCount: &spikeCount)
                i &+= 2
            }
            if i < end {
                let bits = RandomStream.output(key: external.stepKey, counter: UInt64(truncatingIfNeeded: i >> 1))
                let units = Int64(truncatingIfNeeded: table.count(bits)) &* weights[i]
                advanceNeuron(i, run.integration, input: input, externalUnits: units, spikes: spikes, spikeCount: &spikeCount)
            }
        } else {
            for i in run.range {
                advanceNeuron(i, run.integration, input: input, externalUnits: 0, spikes: spikes, spikeCount: &spikeCount)
            }
        }
        return spikeCount
    }

    /// The whole dense input, for stored connectivity.
    var denseInput: InputWindow { InputWindow(base: input, firstNeuron: 0, neuronStride: 2, channelStride: 1) }

    /// `advanceNeuron` for neurons i and i + 1 at once, in the two lanes of SIMD2 vectors (the
    /// same operations in the same order per lane, so the same numbers), where neither is
    /// refractory; a neuron that fires is then reset as `advanceNeuron` does. Measured on the
    /// update alone: 3.6–3.8 instead of 4.3–4.9 ns per neuron and step.
    @inline(__always)
    private func advancePair(_ i: Int, _ p: ExactIntegration, input window: InputWindow, externalUnits: (Int64, Int64),
                             spikes: UnsafeMutablePointer<Int32>, spikeCount: inout Int) {
        guard UnsafeRawPointer(refractoryCountdown + i).loadUnaligned(as: UInt64.self) == 0 else {
            advanceNeuron(i, p, input: window, externalUnits: externalUnits.0, spikes: spikes, spikeCount: &spikeCount)
            advanceNeuron(i &+ 1, p, input: window, externalUnits: externalUnits.1, spikes: spikes, spikeCount: &spikeCount)
            return
        }
        let input = window.element(neuron: i)
        let next = input + window.neuronStride
        let channel = window.channelStride
        let v = UnsafeRawPointer(potential + i).loadUnaligned(as: SIMD2<Double>.self)
        let excitatory = UnsafeRawPointer(excitatoryCurrent + i).loadUnaligned(as: SIMD2<Double>.self)
        let inhibitory = UnsafeRawPointer(inhibitoryCurrent + i).loadUnaligned(as: SIMD2<Double>.self)
        let integrated = v * p.p22 + excitatory * p.p21Excitatory + inhibitory * p.p21Inhibitory
            + SIMD2(repeating: p.constantInput)
        let excitatoryInput = SIMD2(Double(input[0] &+ externalUnits.0), Double(next[0] &+ externalUnits.1)) * 0x1p-32
        let inhibitoryInput = SIMD2(Double(input[channel]), Double(next[channel])) * 0x1p-32
        input[0] = 0
        next[0] = 0
        input[channel] = 0
        next[channel] = 0
        UnsafeMutableRawPointer(excitatoryCurrent + i).storeBytes(of: excitatory * p.p11Excitatory + excitatoryInput, as: SIMD2<Double>.self)
        UnsafeMutableRawPointer(inhibitoryCurrent + i).storeBytes(of: inhibitory * p.p11Inhibitory + inhibitoryInput, as: SIMD2<Double>.self)
        UnsafeMutableRawPointer(potential + i).storeBytes(of: integrated, as: SIMD2<Double>.self)
        let fired = integrated .>= SIMD2(repeating: p.threshold)
        guard any(fired) else { return }
        for lane in 0..<2 where fired[lane] {
            refractoryCountdown[i &+ lane] = p.refractorySteps
            potential[i &+ lane] = p.reset
            spikes[spikeCount] = Int32(truncatingIfNeeded: i &+ lane)
            spikeCount &+= 1
        }
    }

    @inline(__always)
    private func advanceNeuron(_ i: Int, _ p: ExactIntegration, input window: InputWindow, externalUnits: Int64,
                               spikes: UnsafeMutablePointer<Int32>, spikeCount: inout Int) {
        let input = window.element(neuron: i)
        let excitatoryUnits = input[0] &+ externalUnits
        var v = potential[i]
        var countdown = refractoryCountdown[i]
        if countdown == 0 {
            v = v * p.p22 + excitatoryCurrent[i] * p.p21Excitatory + inhibitoryCurrent[i] * p.p21Inhibitory
                + p.constantInput
        } else {
            countdown -= 1
        }
        excitatoryCurrent[i] = excitatoryCurrent[i] * p.p11Excitatory + Double(excitatoryUnits) * 0x1p-32
        inhibitoryCurrent[i] = inhibitoryCurrent[i] * p.p11Inhibitory + Double(input[window.channelStride]) * 0x1p-32
        input[0] = 0
        input[window.channelStride] = 0
        if v >= p.threshold {
            countdown = p.refractorySteps
            v = p.reset
            spikes[spikeCount] = Int32(truncatingIfNeeded: i)
            spikeCount &+= 1
        }
        potential[i] = v
        // Stored only when it changed: most neurons stay at 0, and an unchanged cache line need
        // not be written back.
        if countdown != refractoryCountdown[i] { refractoryCountdown[i] = countdown }
    }
}

/// Where the input of neurons `firstNeuron...` is, in units of 2⁻³² pA: neuron i's excitatory
/// input at element (i − firstNeuron) · `neuronStride`, its inhibitory input `channelStride`
/// elements after that. The dense input interleaves the channels (strides 2 and 1); a
/// population's scratch window (procedural connectivity) holds one channel after the other
/// (strides 1 and the population's size), so that the adds of one channel's synapses touch
/// half the window.
struct InputWindow {
    var base: UnsafeMutablePointer<Int64>
    var firstNeuron: Int
    var neuronStride: Int
    var channelStride: Int

    /// A population's window at `base`: `neurons` one channel after the other.
    static func population(_ neurons: Range<Int>, base: UnsafeMutablePointer<Int64>) -> InputWindow {
        InputWindow(base: base, firstNeuron: neurons.lowerBound, neuronStride: 1, channelStride: neurons.count)
    }

    /// Where the input of `neuron` on `channel` (0 excitatory, 1 inhibitory) is.
    @inline(__always)
    func element(neuron: Int, channel: Int = 0) -> UnsafeMutablePointer<Int64> {
        base + (neuronStride &* (neuron &- firstNeuron) &+ channelStride &* channel)
    }
}

/// The external Poisson input of one step for runs that draw it per step: every neuron's
/// external weight (input units) and the key of the step's random stream (32 bits per neuron, `advance`).
struct ExternalStepInput {
    var weightUnits: UnsafeMutablePointer<Int64>
    var stepKey: UInt64
}

/// A contiguous range of neurons that share one parameter set (a population, or a single
/// neuron when parameters are spread per neuron).
struct NeuronRun: Sendable {
    var range: Range<Int>
    var integration: ExactIntegration
    /// The per-step external Poisson count law, for populations whose drive is drawn per step
    /// (`ExternalDrive.perStepTable`); nil where it is drawn as spike trains.
    var externalCounts: PoissonCountTable? = nil
}
