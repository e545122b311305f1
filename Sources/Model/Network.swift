/// How synaptic delays are drawn around their pathway mean (the original's
/// `delay_params['distribution']`).
public enum DelayDistribution: String, Sendable, Codable, CaseIterable {
    /// Lognormal with the pathway's mean and SD, clipped below.
    case lognormalClipped = "lognormal_clipped"
    /// Normal with the pathway's mean and SD, clipped below.
    case normalClipped = "normal_clipped"
}

/// A complete, simulator-independent description of a HuMAM network (full scale or
/// down-scaled): what the original's `Network.getNetwork()` hands to NEST and NNMT.
///
/// Matrices are dense, row-major over `layout.count` populations, **row = target,
/// column = source**: element `target * count + source`. Empty populations (0 neurons)
/// stay in the layout with zero rows and columns, as in the original.
public struct Network: Sendable {
    /// Areas (alphabetical) and the population index scheme.
    public var layout: PopulationLayout
    /// Neurons per population.
    public var neuronCounts: [Int]
    /// Internal synapses per pathway (target × source), including intra- and inter-area.
    public var synapseCounts: [Int]
    /// External (type II, Poisson-replaced) synapses per population.
    public var externalSynapseCounts: [Int]
    /// Mean PSC amplitude per pathway (target × source), pA; negative for inhibitory sources.
    public var weights: [Double]
    /// SD of the PSC amplitude per pathway, pA.
    public var weightSDs: [Double]
    /// Mean PSC amplitude of external synapses per population, pA.
    public var externalWeights: [Double]
    /// SD of the external PSC amplitude per population, pA.
    public var externalWeightSDs: [Double]
    /// Rate of each external synapse per population, spikes/s (1/s).
    public var externalRates: [Double]
    /// Constant input current per population (NEST `I_e`), pA.
    public var dcDrive: [Double]
    /// Mean delay per pathway (target × source), ms.
    public var delayMeans: [Double]
    /// SD of the delay per pathway, ms.
    public var delaySDs: [Double]
    public var delayDistribution: DelayDistribution
    /// Parameters of excitatory and inhibitory neurons.
    public var excitatoryNeuron: NeuronParameters
    public var inhibitoryNeuron: NeuronParameters
    public var excitatorySpread: NeuronParameterSpread
    public var inhibitorySpread: NeuronParameterSpread
    /// The parameters this network was built from.
    public var parameters: NetworkParameters

    public init(layout: PopulationLayout, neuronCounts: [Int], synapseCounts: [Int],
                externalSynapseCounts: [Int], weights: [Double], weightSDs: [Double],
                externalWeights: [Double], externalWeightSDs: [Double], externalRates: [Double],
                dcDrive: [Double], delayMeans: [Double], delaySDs: [Double],
                delayDistribution: DelayDistribution, excitatoryNeuron: NeuronParameters,
                inhibitoryNeuron: NeuronParameters, excitatorySpread: NeuronParameterSpread,
                inhibitorySpread: NeuronParameterSpread, parameters: NetworkParameters) {
        self.layout = layout
        self.neuronCounts = neuronCounts
        self.synapseCounts = synapseCounts
        self.externalSynapseCounts = externalSynapseCounts
        self.weights = weights
        self.weightSDs = weightSDs
        self.externalWeights = externalWeights
        self.externalWeightSDs = externalWeightSDs
        self.externalRates = externalRates
        self.dcDrive = dcDrive
        self.delayMeans = delayMeans
        self.delaySDs = delaySDs
        self.delayDistribution = delayDistribution
        self.excitatoryNeuron = excitatoryNeuron
        self.inhibitoryNeuron = inhibitoryNeuron
        self.excitatorySpread = excitatorySpread
        self.inhibitorySpread = inhibitorySpread
        self.parameters = parameters
    }

    /// Number of populations in the layout (272 for 34 areas), empty ones included.
    public var populationCount: Int { layout.count }

    /// Neuron parameters of population `index`.
    public func neuronParameters(ofPopulation index: Int) -> NeuronParameters {
        layout.population(at: index).cellType == .excitatory ? excitatoryNeuron : inhibitoryNeuron
    }

    /// Mean number of synapses a neuron of `target` receives from `source`: K = N_syn / N_target
    /// (0 for an empty target).
    public func indegree(target: Int, source: Int) -> Double {
        let neurons = neuronCounts[target]
        return neurons > 0 ? Double(synapseCounts[target * populationCount + source]) / Double(neurons) : 0
    }

    /// External indegree K_ext = N_syn,ext / N of population `index` (0 for an empty population).
    public func externalIndegree(ofPopulation index: Int) -> Double {
        let neurons = neuronCounts[index]
        return neurons > 0 ? Double(externalSynapseCounts[index]) / Double(neurons) : 0
    }

    public var totalNeurons: Int { neuronCounts.reduce(0, +) }
    public var totalSynapses: Int { synapseCounts.reduce(0, +) }
    public var totalExternalSynapses: Int { externalSynapseCounts.reduce(0, +) }
    /// Indices of populations with at least one neuron.
    public var nonEmptyPopulations: [Int] { neuronCounts.indices.filter { neuronCounts[$0] > 0 } }
}
