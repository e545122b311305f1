/// The complete state of a spiking simulation between two steps, in a form that does not depend
/// on how many threads ran it: what `Simulation` needs, besides the network and the parameters
/// (from which everything else is rebuilt), to continue as if it had never stopped.
///
/// Synaptic events in flight are not stored as events: they are the events of the spikes of
/// the last `maximumDelay` steps, which a resumed simulation sends again, keeping those that
/// arrive from `step` on. Single-spike stimuli need no position: those before `step` are past.
public struct SimulationState: Sendable, Equatable {
    /// Steps simulated: the next update is the one from step `step` to `step + 1`.
    public var step: Int
    /// Per neuron: membrane potential relative to E_L, mV.
    public var potentials: [Double]
    /// Per neuron: excitatory and inhibitory synaptic currents, pA.
    public var excitatoryCurrents: [Double]
    public var inhibitoryCurrents: [Double]
    /// Per neuron: remaining refractory steps.
    public var refractoryCountdowns: [Int32]
    /// Per neuron whose Poisson drive is generated as a spike train, in neuron order: the time of
    /// its next external spike (steps, on the generation axis) and the state of its random stream.
    public var externalSpikeTimes: [Double]
    public var externalStreamStates: [UInt64]
    /// The spikes whose events may still be on their way: those with stamp > `step` − the
    /// network's longest delay (steps), in time order, neurons ascending.
    public var recentSpikes: [BinarySpikeFile.Spike]
    /// Spikes emitted so far.
    public var spikeCount: Int
    /// Spikes so far per population (layout order) in the rate window.
    public var populationSpikeCounts: [Int]
    /// Wall-clock seconds spent simulating so far.
    public var simulateSeconds: Double

    public init(step: Int, potentials: [Double], excitatoryCurrents: [Double], inhibitoryCurrents: [Double],
                refractoryCountdowns: [Int32], externalSpikeTimes: [Double], externalStreamStates: [UInt64],
                recentSpikes: [BinarySpikeFile.Spike], spikeCount: Int, populationSpikeCounts: [Int],
                simulateSeconds: Double) {
        self.step = step
        self.potentials = potentials
        self.excitatoryCurrents = excitatoryCurrents
        self.inhibitoryCurrents = inhibitoryCurrents
        self.refractoryCountdowns = refractoryCountdowns
        self.externalSpikeTimes = externalSpikeTimes
        self.externalStreamStates = externalStreamStates
        self.recentSpikes = recentSpikes
        self.spikeCount = spikeCount
        self.populationSpikeCounts = populationSpikeCounts
        self.simulateSeconds = simulateSeconds
    }

    public var neuronCount: Int { potentials.count }
}
