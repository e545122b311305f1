import Foundation

/// Breakdown of area-level synapse numbers into population pathways (type I, type II external,
/// type III cortico-cortical): the original's `SynapseNumbers.populationSpecificSynapseNumbers`.
struct PopulationSynapseBreakdown {
    var synapseCounts: [Int]
    var externalSynapseCounts: [Int]

    static let populations = 8
    static let layersWithLayerI = 5

    init(data: ModelData, columns: Cytoarchitecture, parameters: NetworkParameters, areaSynapses: [Int],
         sln: [Double], directionality: [Directionality], localProfiles: [LocalConnectivityProfile]) throws(InputError) {
        let connectomics = parameters.connectomics
        let areaCount = columns.areas.count
        let layout = PopulationLayout(areas: columns.areas)
        let populationCount = layout.count
        var synapseCounts = [Int](repeating: 0, count: populationCount * populationCount)
        var externalSynapseCounts = [Int](repeating: 0, count: populationCount)

        let microcircuitProbability = Self.microcircuitPairProbability(data)
        let targetProbability = Self.targetProbabilityGivenSynapseLayer(data)

        for target in 0..<areaCount {
            let neurons = (0..<8).map { Double(columns.neuronCounts[target * 8 + $0]) }
            for source in 0..<areaCount {
                let areaPathway = Double(areaSynapses[target * areaCount + source])
                if target == source {
                    // Type I: Potjans–Diesmann pair probabilities × N_target × N_source.
                    let profile = localProfiles[target]
                    let typeI = profile.inside / (profile.inside + profile.outside) * areaPathway
                    let typeII = profile.outside / (profile.inside + profile.outside) * areaPathway
                    var relative = (0..<64).map { microcircuitProbability[$0] * neurons[$0 / 8] * neurons[$0 % 8] }
                    let total = numpySum(relative)
                    for index in 0..<64 {
                        relative[index] /= total
                        let count = try roundedCount(relative[index] * typeI) {
                            "the number of type I synapses \(layout.population(at: source * 8 + index % 8).label) → \(layout.population(at: target * 8 + index / 8).label)"
                        }
                        synapseCounts[(target * 8 + index / 8) * populationCount + source * 8 + index % 8] = count
                    }
                    // Type II: distributed like PD's external indegrees × N.
                    let external = (0..<8).map { data.microcircuitExternalIndegree[$0] * neurons[$0] }
                    let externalTotal = numpySum(external)
                    for population in 0..<8 {
                        externalSynapseCounts[target * 8 + population] = try roundedCount(external[population] / externalTotal * typeII) {
                            "the number of external synapses of \(layout.population(at: target * 8 + population).label)"
                        }
                    }
                } else if areaPathway > 0 {
                    let block = try Self.corticoCorticalBlock(
                        data: data, columns: columns, connectomics: connectomics, target: target, source: source,
                        synapses: areaPathway, sln: sln[target * areaCount + source],
                        direction: directionality[target * areaCount + source], targetProbability: targetProbability)
                    for index in 0..<64 {
                        synapseCounts[(target * 8 + index / 8) * populationCount + source * 8 + index % 8] = block[index]
                    }
                }
            }
        }
        self.synapseCounts = synapseCounts
        self.externalSynapseCounts = externalSynapseCounts
    }

    /// Mean synapses per neuron pair in the microcircuit, 8 × 8 (target × source):
    /// N_syn = |ln(1 − C) / ln(1 − 1/(N_t N_s))| / (N_t N_s) (Potjans & Diesmann 2014, eq. 1).
    static func microcircuitPairProbability(_ data: ModelData) -> [Double] {
        (0..<64).map { index in
            let pairs = data.microcircuitNeurons[index / 8] * data.microcircuitNeurons[index % 8]
            let synapses = abs(log(1 - data.microcircuitConnectionProbability[index]) / log(1 - 1 / pairs))
            return synapses / pairs
        }
    }

    /// P(postsynaptic population | synapse in layer), 8 × 5 (layers I … VI): Mohan et al. 2015's
    /// pyramidal-cell statistics scaled by Binzegger et al. 2004's share of synapses onto E cells
    /// per layer; inhibitory cells receive Binzegger's I share in their own layer only.
    static func targetProbabilityGivenSynapseLayer(_ data: ModelData) -> [Double] {
        let columns = layersWithLayerI
        var adjusted = [Double](repeating: 0, count: 8 * columns)
        for layer in 0..<columns {
            let excitatoryShare = stride(from: 0, to: 8, by: 2).reduce(0) { $0 + data.cellBodyProbabilityBinzegger[$1 * columns + layer] }
            for population in 0..<8 {
                adjusted[population * columns + layer] = data.cellBodyProbabilityMohan[population * columns + layer] * excitatoryShare
            }
        }
        for population in stride(from: 1, to: 8, by: 2) {
            let ownLayer = population / 2 + 1
            adjusted[population * columns + ownLayer] = stride(from: 1, to: 8, by: 2).reduce(0) {
                $0 + data.cellBodyProbabilityBinzegger[$1 * columns + ownLayer]
            }
        }
        return adjusted
    }

    /// Population block (8 × 8, target × source) of one cortico-cortical area pathway.
    static func corticoCorticalBlock(data: ModelData, columns: Cytoarchitecture, connectomics: NetworkParameters.PredictiveConnectomics,
                                     target: Int, source: Int, synapses: Double, sln: Double,
                                     direction: Directionality, targetProbability: [Double]) throws(InputError) -> [Int] {
        // Source populations (Schmidt et al. 2018, Suppl. eq. 3): supragranular E carry SLN,
        // infragranular 5E/6E share 1 − SLN by their neuron content.
        let sourceDensity = { (population: Int) in columns.density[source * 8 + population] }
        let layer5 = sourceDensity(4) * columns.thickness(areaIndex: source, layer: 3)
        let layer6 = sourceDensity(6) * columns.thickness(areaIndex: source, layer: 4)
        let ratio5Eto6E = layer5 / (layer5 + layer6)
        var sourceShare = [Double](repeating: 0, count: 8)
        sourceShare[0] = sln
        sourceShare[4] = (1 - sln) * ratio5Eto6E
        sourceShare[6] = (1 - sln) * (1 - ratio5Eto6E)

        // Target layers: FF into IV (II/III where IV is absent), FB avoids IV, lateral all.
        let targetThickness = (0..<layersWithLayerI).map { columns.thickness(areaIndex: target, layer: $0) }
        let pattern: [Int]
        if sln > connectomics.feedforwardSLN {
            pattern = targetThickness[2] > 0 ? [2] : [1]
        } else if sln < connectomics.feedbackSLN {
            pattern = [0, 1, 3, 4]
        } else {
            pattern = [0, 1, 2, 3, 4]
        }
        let patternThickness = pattern.reduce(0) { $0 + targetThickness[$1] }
        guard patternThickness > 0 else {
            let area = columns.areas[target]
            throw InputError(file: data.path(of: "vek_cytoarchitecture.csv"), field: "layer_thickness_mm",
                             "\(area) (vEK \(data.dkToVek[area]!.joined(separator: ", "))) has no thickness in layers \(pattern.map { ModelData.layersWithLayerI[$0] }.joined(separator: ", ")), where the projection from \(columns.areas[source]) (\(direction)) ends; expected layers with thickness > 0")
        }
        var layerShare = [Double](repeating: 0, count: layersWithLayerI)
        for layer in pattern { layerShare[layer] = targetThickness[layer] / patternThickness }

        var targetShare = (0..<8).map { population in
            (0..<layersWithLayerI).reduce(0) { $0 + layerShare[$1] * targetProbability[population * layersWithLayerI + $1] }
        }
        for population in 0..<8 where columns.neuronCounts[target * 8 + population] == 0 { targetShare[population] = 0 }
        let targetTotal = numpySum(targetShare)
        targetShare = targetShare.map { $0 / targetTotal }

        var block = (0..<64).map { synapses * (targetShare[$0 / 8] * sourceShare[$0 % 8]) }
        if direction == .feedback {
            // A fraction Z_i of feedback synapses targets E neurons (Schmidt et al. 2018).
            let columnSums = { (cellType: Int) -> Double in
                numpySum((0..<8).map { column in
                    stride(from: cellType, to: 8, by: 2).reduce(0) { $0 + block[$1 * 8 + column] }
                })
            }
            let excitatory = columnSums(0), inhibitory = columnSums(1)
            let excitatoryFactor = connectomics.feedbackOntoExcitatory / (excitatory / (excitatory + inhibitory))
            let inhibitoryFactor = (1 - connectomics.feedbackOntoExcitatory) / (inhibitory / (excitatory + inhibitory))
            for index in 0..<64 { block[index] *= (index / 8) % 2 == 0 ? excitatoryFactor : inhibitoryFactor }
        }
        var counts: [Int] = []
        for (index, value) in block.enumerated() {
            counts.append(try roundedCount(value) {
                let layout = PopulationLayout(areas: columns.areas)
                return "the number of synapses \(layout.population(at: source * 8 + index % 8).label) → \(layout.population(at: target * 8 + index / 8).label)"
            })
        }
        return counts
    }
}
