import Model
import RunFormat

/// NEST's `iaf_psc_exp` (leaky integrate-and-fire neuron with exponential post-synaptic
/// currents; NEST 3.10 `models/iaf_psc_exp.{h,cpp}`), the neuron model of the HuMAM, as the
/// engine uses it. Everything the engine knows of its neuron model lives in this folder and is
/// reached through these five things, which a second model would provide in a folder of its own:
/// 1. the state: `NeuronState`, a structure of arrays (V_m, I_syn,ex, I_syn,in, refractory
///    count), advanced one step at a time per `NeuronRun` (neurons sharing one parameter set)
///    with the exact-integration propagators of `ExactIntegration` (`NeuronState.advance`);
/// 2. the parameters per neuron: `neuronRuns`, `check`, `setInitialPotentials`;
/// 3. the inputs: two channels per neuron, excitatory and inhibitory (`channel(weight:)`,
///    `inputCode`), summed in fixed point (`NeuronState.inputUnits`);
/// 4. the checkpoint: `saved` and `restore` (the four neuron arrays of `SimulationState`);
/// 5. the memory: `bytesPerNeuron` (`MemoryEstimate`).
enum IAFPSCExp {
    /// Input channels per neuron: 0 excitatory (NEST's SYN_EX), 1 inhibitory (SYN_IN).
    static let channelsPerNeuron = 2

    /// The channel a synapse of (mean) weight `weight` pA feeds: excitatory for w > 0, as NEST's
    /// `iaf_psc_exp::handle` sorts spikes by the sign of the weight.
    @inline(__always)
    static func channel(weight: Double) -> UInt32 { weight > 0 ? 0 : 1 }

    /// The input element of `neuron`'s `channel`: 2 · neuron + channel (the engine's neuron
    /// indices are below 2³⁰, `Simulation`'s check).
    @inline(__always)
    static func inputCode(neuron: Int, channel: UInt32) -> UInt32 {
        UInt32(truncatingIfNeeded: 2 &* neuron) | channel
    }

    /// Bytes of state per neuron.
    static var bytesPerNeuron: Int { NeuronState.bytesPerNeuron }

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

    /// Throws where a parameter set cannot be simulated: V_reset must be below V_th (as NEST
    /// requires).
    static func check(_ runs: [NeuronRun], network: Network, indexing: NeuronIndexing) throws(InputError) {
        for run in runs where run.integration.reset >= run.integration.threshold {
            throw InputError("neuron parameters of \(network.layout.population(at: indexing.population(ofNeuron: run.range.lowerBound)).label): V_reset must be below V_th (as NEST requires)")
        }
    }

    /// The initial membrane potentials, relative to E_L: normal with the run's V0_mean and V0_sd
    /// (mV), one stream per neuron (the original's `V_m` initialisation, `src/simulation.py`).
    static func setInitialPotentials(_ state: NeuronState, network: Network, indexing: NeuronIndexing,
                                     parameters: SimulationParameters) {
        for neuron in 0..<indexing.neuronCount {
            let population = indexing.population(ofNeuron: neuron)
            var stream = RandomStream(seed: parameters.seed, purpose: .initialPotential, index: UInt64(neuron))
            state.potential[neuron] = stream.normal(mean: parameters.initialPotentialMean,
                                                    standardDeviation: parameters.initialPotentialSD)
                - network.neuronParameters(ofPopulation: population).restingPotential
        }
    }

    /// The neurons' state as a checkpoint holds it.
    static func saved(_ state: NeuronState) -> (potentials: [Double], excitatoryCurrents: [Double],
                                                inhibitoryCurrents: [Double], refractoryCountdowns: [Int32]) {
        (Array(UnsafeBufferPointer(start: state.potential, count: state.count)),
         Array(UnsafeBufferPointer(start: state.excitatoryCurrent, count: state.count)),
         Array(UnsafeBufferPointer(start: state.inhibitoryCurrent, count: state.count)),
         Array(UnsafeBufferPointer(start: state.refractoryCountdown, count: state.count)))
    }

    /// Sets the neurons' state from a checkpoint's (its sizes checked by `Simulation.check`).
    static func restore(_ state: NeuronState, from saved: SimulationState) {
        state.potential.update(from: saved.potentials, count: state.count)
        state.excitatoryCurrent.update(from: saved.excitatoryCurrents, count: state.count)
        state.inhibitoryCurrent.update(from: saved.inhibitoryCurrents, count: state.count)
        state.refractoryCountdown.update(from: saved.refractoryCountdowns, count: state.count)
    }
}
