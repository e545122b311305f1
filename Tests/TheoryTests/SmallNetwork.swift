import Model

/// Networks of one or two populations for tests with known fixed-point structure: a single area
/// whose layer II/III E (and optionally I) populations are the only non-empty ones. Default HuMAM
/// neurons (τ_m 10 ms, τ_s 2 ms, τ_ref 2 ms, V_th − E_L 25 mV, V_reset = E_L, C_m 220/100 pF).
enum SmallNetwork {
    static let layout = PopulationLayout(areas: ["test"])
    static let excitatory = layout.index(areaIndex: 0, layer: .layer23, cellType: .excitatory)
    static let inhibitory = layout.index(areaIndex: 0, layer: .layer23, cellType: .inhibitory)

    /// - Parameters: `indegrees[target][source]` and `weightsPA[target][source]` over (E, I);
    ///   external input per population: synapses per neuron, weight (pA), rate (Hz); DC drive (pA).
    static func make(populations: Int, indegrees: [[Double]], weightsPA: [[Double]],
                     externalIndegrees: [Double], externalWeightsPA: [Double], externalRatesHz: [Double],
                     dcDrivePA: [Double]? = nil, neurons: Int = 1000) -> Network {
        let n = layout.count
        let indices = [excitatory, inhibitory].prefix(populations)
        var neuronCounts = [Int](repeating: 0, count: n)
        var synapses = [Int](repeating: 0, count: n * n)
        var weights = [Double](repeating: 0, count: n * n)
        var externalSynapses = [Int](repeating: 0, count: n)
        var externalWeights = [Double](repeating: 0, count: n)
        var externalRates = [Double](repeating: 0, count: n)
        var dcDrive = [Double](repeating: 0, count: n)
        for (row, target) in indices.enumerated() {
            neuronCounts[target] = neurons
            for (column, source) in indices.enumerated() {
                synapses[target * n + source] = Int((indegrees[row][column] * Double(neurons)).rounded())
                weights[target * n + source] = weightsPA[row][column]
            }
            externalSynapses[target] = Int((externalIndegrees[row] * Double(neurons)).rounded())
            externalWeights[target] = externalWeightsPA[row]
            externalRates[target] = externalRatesHz[row]
            dcDrive[target] = dcDrivePA?[row] ?? 0
        }
        let zeros = [Double](repeating: 0, count: n * n)
        return Network(
            layout: layout, neuronCounts: neuronCounts, synapseCounts: synapses,
            externalSynapseCounts: externalSynapses, weights: weights, weightSDs: zeros,
            externalWeights: externalWeights, externalWeightSDs: [Double](repeating: 0, count: n),
            externalRates: externalRates, dcDrive: dcDrive, delayMeans: zeros, delaySDs: zeros,
            delayDistribution: .lognormalClipped, excitatoryNeuron: .excitatoryDefault,
            inhibitoryNeuron: .inhibitoryDefault, excitatorySpread: NeuronParameterSpread(),
            inhibitorySpread: NeuronParameterSpread(), parameters: NetworkParameters())
    }
}
