import Model

/// What the synaptic-current estimate needs to know about the network that produced the spikes:
/// neuron numbers, synapse numbers and weights of every pathway (target × source, row-major over
/// `layout.count`) and the synaptic time constants.
public struct SynapticInputModel: Sendable {
    public var layout: PopulationLayout
    public var neuronCounts: [Int]
    /// Internal synapses per pathway, target × source.
    public var synapseCounts: [Double]
    /// Mean PSC amplitude per pathway, pA (sign is ignored: the original uses |J|).
    public var weights: [Double]
    /// τ_syn of excitatory and inhibitory synapses, ms.
    public var excitatoryTimeConstant: Double
    public var inhibitoryTimeConstant: Double

    public init(layout: PopulationLayout, neuronCounts: [Int], synapseCounts: [Double], weights: [Double],
                excitatoryTimeConstant: Double, inhibitoryTimeConstant: Double) {
        precondition(neuronCounts.count == layout.count && synapseCounts.count == layout.count * layout.count
                     && weights.count == layout.count * layout.count)
        self.layout = layout
        self.neuronCounts = neuronCounts
        self.synapseCounts = synapseCounts
        self.weights = weights
        self.excitatoryTimeConstant = excitatoryTimeConstant
        self.inhibitoryTimeConstant = inhibitoryTimeConstant
    }

    /// From a network description. The original asserts that E and I neurons share the synaptic
    /// time constants; here the excitatory neurons' values are used.
    public init(network: Network) {
        self.init(layout: network.layout, neuronCounts: network.neuronCounts,
                  synapseCounts: network.synapseCounts.map(Double.init), weights: network.weights,
                  excitatoryTimeConstant: network.excitatoryNeuron.excitatorySynapticTimeConstant,
                  inhibitoryTimeConstant: network.excitatoryNeuron.inhibitorySynapticTimeConstant)
    }
}
