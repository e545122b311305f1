import Foundation
import Model
import Testing
import TestSupport
@testable import Spiking

/// The engine's neuron kernel (`NeuronState.advance`, the code every simulation runs) against
/// NEST 3.10's `iaf_psc_exp` driven by the same input spikes (`Tests/Fixtures/iaf_psc_exp/`).
@Suite struct NeuronKernelTests {
    static let parameters = NeuronParameters(
        restingPotential: -70, threshold: -45, resetPotential: -70, capacitance: 220,
        membraneTimeConstant: 10, excitatorySynapticTimeConstant: 2, inhibitorySynapticTimeConstant: 2,
        refractoryPeriod: 2)

    /// The fixture files have CRLF line ends, which `CSVTable` (splitting on "\n", while Swift
    /// treats "\r\n" as one character) does not split; normalise them here.
    static func table(_ path: String) throws -> CSVTable {
        let text = try String(contentsOf: Fixtures.url(path), encoding: .utf8)
        return try CSVTable(text: text.replacingOccurrences(of: "\r\n", with: "\n"), source: path)
    }

    @Test func membranePotentialAndSpikesMatchNEST() throws {
        let resolution = 0.1
        // Input spikes: emitted at t, delivered with delay d, i.e. added in the update whose end
        // time is t + d (NEST reads the slot of spikes "arriving at T+1").
        let inputTable = try Self.table("iaf_psc_exp/iaf_psc_exp_input_spikes.csv")
        let emitTimes = try inputTable.numbers(column: "emit_time_ms")
        let inputWeights = try inputTable.numbers(column: "weight_pA")
        let inputDelays = try inputTable.numbers(column: "delay_ms")
        let trace = try Self.table("iaf_psc_exp/iaf_psc_exp_trace.csv")
        let traceTimes = try trace.numbers(column: "time_ms")
        let tracePotentials = try trace.numbers(column: "V_m_mV")
        let traceExcitatory = try trace.numbers(column: "I_syn_ex_pA")
        let traceInhibitory = try trace.numbers(column: "I_syn_in_pA")
        let referenceSpikes = try Self.table("iaf_psc_exp/iaf_psc_exp_spikes.csv").numbers(column: "spike_time_ms")

        let steps = 5000
        var excitatoryInput = [Int64](repeating: 0, count: steps + 1)
        var inhibitoryInput = [Int64](repeating: 0, count: steps + 1)
        for index in emitTimes.indices {
            let emitStamp = Int((emitTimes[index] / resolution).rounded())
            let delay = NESTTime.delaySteps(ms: inputDelays[index], resolution: resolution)
            let update = emitStamp + delay - 1
            // NEST's handle(SpikeEvent): channel by the sign of the weight.
            // The engine sums inputs in units of 2⁻³² pA.
            let units = NeuronState.inputUnits(inputWeights[index])
            if inputWeights[index] > 0 { excitatoryInput[update] += units } else { inhibitoryInput[update] += units }
        }

        let state = NeuronState(count: 1)
        state.potential[0] = -70 - Self.parameters.restingPotential
        let run = NeuronRun(range: 0..<1, integration: ExactIntegration(
            parameters: Self.parameters, constantCurrent: 640, resolution: resolution))
        let spikeBuffer = UnsafeMutablePointer<Int32>.allocate(capacity: 1)
        defer { spikeBuffer.deallocate() }
        var potentials: [Double] = [], excitatory: [Double] = [], inhibitory: [Double] = []
        var spikeTimes: [Double] = []
        for step in 0..<steps {
            state.input[0] = excitatoryInput[step]
            state.input[1] = inhibitoryInput[step]
            if state.advance(run, input: state.denseInput, external: nil, spikes: spikeBuffer, spikeCount: 0) == 1 {
                spikeTimes.append(NESTTime.milliseconds(step: step + 1, resolution: resolution))
            }
            potentials.append(state.potential[0] + Self.parameters.restingPotential)
            excitatory.append(state.excitatoryCurrent[0])
            inhibitory.append(state.inhibitoryCurrent[0])
        }

        var largestDeviation = 0.0
        var largestCurrentDeviation = 0.0
        for row in traceTimes.indices {
            // The multimeter reports the state after the update ending at `time`.
            let step = Int((traceTimes[row] / resolution).rounded()) - 1
            largestDeviation = max(largestDeviation, abs(potentials[step] - tracePotentials[row]))
            largestCurrentDeviation = max(largestCurrentDeviation, abs(excitatory[step] - traceExcitatory[row]),
                                          abs(inhibitory[step] - traceInhibitory[row]))
        }
        // Exact integration with NEST's propagators in NEST's order of operations: only
        // floating-point round-off may differ (the brief's bound is 1e-9 mV).
        #expect(traceTimes.count == 4990)
        #expect(largestDeviation <= 1e-9, "largest |ΔV_m| = \(largestDeviation) mV")
        // The engine sums the inputs of a step in units of 2⁻³² pA: each input is off by at most
        // 1.2e-10 pA, and a current remembers about 1/(1 − P11) ≈ 20 steps of a few inputs each.
        #expect(largestCurrentDeviation <= 1e-7, "largest |ΔI_syn| = \(largestCurrentDeviation) pA")
        print("iaf_psc_exp vs NEST: largest |ΔV_m| \(largestDeviation) mV, largest |ΔI_syn| \(largestCurrentDeviation) pA")
        // Spike times are grid times, so they must be identical.
        #expect(spikeTimes == referenceSpikes)
    }

    /// Neurons updated two at a time (`advance` over one run, SIMD2 pairs where neither is
    /// refractory) and one at a time (the same neurons as single-neuron runs) end every step
    /// in bit-identical states with the same spikes: 61 neurons with random potentials,
    /// currents, refractory counts and inputs and the per-step Poisson drive, over 400 steps.
    @Test func pairedUpdateEqualsTheSingleNeuronUpdate() {
        let count = 61
        let integration = ExactIntegration(parameters: Self.parameters, constantCurrent: 400, resolution: 0.1)
        let table = PoissonCountTable(mean: 1.84)
        let weights = UnsafeMutablePointer<Int64>.allocate(capacity: count)
        defer { weights.deallocate() }
        var stream = RandomStream(seed: 3, purpose: .initialPotential, index: 0)
        for i in 0..<count { weights[i] = NeuronState.inputUnits(80 + 20 * stream.uniform()) }
        let paired = NeuronState(count: count), single = NeuronState(count: count)
        for state in [paired, single] {
            var values = RandomStream(seed: 3, purpose: .initialPotential, index: 1)
            for i in 0..<count {
                state.potential[i] = 30 * values.uniform() - 5
                state.excitatoryCurrent[i] = 500 * values.uniform()
                state.inhibitoryCurrent[i] = -300 * values.uniform()
                state.refractoryCountdown[i] = values.uniform() < 0.3 ? Int32(values.integer(below: 20)) : 0
            }
        }
        let whole = [NeuronRun(range: 0..<count, integration: integration, externalCounts: table)]
        let each = (0..<count).map { NeuronRun(range: $0..<$0 + 1, integration: integration, externalCounts: table) }
        let spikes = UnsafeMutablePointer<Int32>.allocate(capacity: 2 * count)
        defer { spikes.deallocate() }
        var inputs = RandomStream(seed: 3, purpose: .initialPotential, index: 2)
        var spikeTotal = 0
        for step in 1...400 {
            for element in 0..<2 * count {
                let units = NeuronState.inputUnits(element % 2 == 0 ? 400 * inputs.uniform() : -300 * inputs.uniform())
                paired.input[element] = units
                single.input[element] = units
            }
            let external = ExternalStepInput(weightUnits: weights, stepKey: UInt64(step) &* 0x9E37_79B9)
            var pairedCount = 0, singleCount = 0
            for run in whole {
                pairedCount = paired.advance(run, input: paired.denseInput, external: external, spikes: spikes, spikeCount: pairedCount)
            }
            let pairedSpikes = Array(UnsafeBufferPointer(start: spikes, count: pairedCount))
            for run in each {
                singleCount = single.advance(run, input: single.denseInput, external: external, spikes: spikes, spikeCount: singleCount)
            }
            #expect(pairedSpikes == Array(UnsafeBufferPointer(start: spikes, count: singleCount)), "step \(step)")
            spikeTotal += pairedCount
            for i in 0..<count {
                #expect(paired.potential[i].bitPattern == single.potential[i].bitPattern)
                #expect(paired.excitatoryCurrent[i].bitPattern == single.excitatoryCurrent[i].bitPattern)
                #expect(paired.inhibitoryCurrent[i].bitPattern == single.inhibitoryCurrent[i].bitPattern)
                #expect(paired.refractoryCountdown[i] == single.refractoryCountdown[i])
            }
        }
        // Both ways were taken: neurons fired, from pairs and while others were refractory.
        #expect(spikeTotal > 200)
    }

    /// NEST's propagator for τ_syn = τ_m falls back to the singular limit h/C·e^(−h/τ) (the limit
    /// of the regular formula); the fallback must be continuous with the regular case.
    @Test func singularPropagatorIsTheLimitOfTheRegularOne() {
        let singular = ExactIntegration.currentToPotential(synapticTimeConstant: 10, membraneTimeConstant: 10,
                                                           capacitance: 250, step: 0.1)
        let nearby = ExactIntegration.currentToPotential(synapticTimeConstant: 10 - 1e-6, membraneTimeConstant: 10,
                                                         capacitance: 250, step: 0.1)
        #expect(singular == 0.1 / 250 * exp(-0.1 / 10))
        // The regular formula moves by O(Δτ·h²/τ²) relative: 1e-6 · 1e-4 · ... well below 1e-9.
        #expect(abs(nearby - singular) / singular < 1e-9)
    }

    /// NEST's time conversions: t_ref = 2 ms is 20 steps; delays round to the nearest step with
    /// midpoints up (`ld_round`); spike stamps print as tics × 0.001 ms.
    @Test func timeGridMatchesNEST() {
        #expect(NESTTime.steps(ms: 2.0, resolution: 0.1) == 20)
        #expect(NESTTime.steps(ms: 2.04, resolution: 0.1) == 21)
        #expect(NESTTime.delaySteps(ms: 0.1, resolution: 0.1) == 1)
        #expect(NESTTime.delaySteps(ms: 1.549, resolution: 0.1) == 15)
        #expect(NESTTime.delaySteps(ms: 1.551, resolution: 0.1) == 16)
        #expect(NESTTime.milliseconds(step: 1158, resolution: 0.1) == 115.8)
    }
}
