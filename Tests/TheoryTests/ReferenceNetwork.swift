import Foundation
import Model
import TestSupport

/// The full-scale HuMAM network (chi = 1) assembled from the original pipeline's reference tables
/// in `Tests/Fixtures/fullscale/` (neuron numbers, synapse counts, PSC weights in pA, external
/// synapses, weights and rates; no DC drive), so that the theory is tested on exactly the network
/// NNMT solved. Delays and weight SDs are not used by the theory and left 0.
enum ReferenceNetwork {
    static func fullScale(corticoCorticalScaling chi: Double = 1) throws -> Network {
        let neuronTable = try Fixtures.table("fullscale/neuron_numbers.csv")
        var areas: [String] = []
        for area in try neuronTable.strings(column: "area") where areas.last != area { areas.append(area) }
        let layout = PopulationLayout(areas: areas)
        let n = layout.count
        let neuronCounts = try PopulationTable.read(neuronTable, valueColumn: "N", layout: layout).map { Int($0) }
        let externalSynapses = try PopulationTable.read(Fixtures.table("fullscale/synapses_external.csv"),
                                                        valueColumn: "synapses", layout: layout).map { Int($0) }
        let externalWeights = try PopulationTable.read(Fixtures.table("fullscale/weights_ext.csv"),
                                                       valueColumn: "weight_pA", layout: layout)
        let externalRates = try PopulationTable.read(Fixtures.table("fullscale/rate_ext.csv"),
                                                     valueColumn: "rate_hz", layout: layout)
        let synapses = try PathwayTable.read(Fixtures.table("fullscale/synapses_internal.csv"), valueColumn: "synapses", layout: layout)
        var weights = try PathwayTable.read(Fixtures.table("fullscale/weights_connected_only.csv"), valueColumn: "weight_pA", layout: layout)
        // The original's `scaleWeightsInt`: cortico-cortical weights from E sources are multiplied by
        // cc_scalingEtoE (onto E) and cc_scalingEtoI (onto I); the published model sets these to chi
        // and 2 chi, so a chi network is the chi = 1 reference with those weights times chi.
        if chi != 1 {
            for target in 0..<n {
                for source in 0..<n where layout.areaIndex(ofPopulation: target) != layout.areaIndex(ofPopulation: source)
                    && layout.population(at: source).cellType == .excitatory {
                    weights[target * n + source] *= chi
                }
            }
        }
        let zeros = [Double](repeating: 0, count: n)
        let matrixZeros = [Double](repeating: 0, count: n * n)
        var parameters = NetworkParameters()
        parameters.recurrentScaling.corticoCorticalEOntoE = chi
        parameters.recurrentScaling.corticoCorticalEOntoI = 2 * chi
        return Network(
            layout: layout, neuronCounts: neuronCounts, synapseCounts: synapses.map { Int($0) },
            externalSynapseCounts: externalSynapses, weights: weights, weightSDs: matrixZeros,
            externalWeights: externalWeights, externalWeightSDs: zeros, externalRates: externalRates,
            dcDrive: zeros, delayMeans: matrixZeros, delaySDs: matrixZeros, delayDistribution: .lognormalClipped,
            excitatoryNeuron: .excitatoryDefault, inhibitoryNeuron: .inhibitoryDefault,
            excitatorySpread: NeuronParameterSpread(), inhibitorySpread: NeuronParameterSpread(),
            parameters: parameters)
    }

    /// A population table's rate column in layout order.
    static func rates(_ path: String, column: String = "rate_hz", layout: PopulationLayout) throws -> [Double] {
        try PopulationTable.read(Fixtures.table(path), valueColumn: column, layout: layout)
    }
}
