import Foundation
import Testing
@testable import Model
import TestSupport

@Suite struct NetworkTests {
    let data: ModelData

    init() throws {
        data = try ModelData.load(from: Fixtures.dataDirectory)
    }

    static func notebookParameters() -> NetworkParameters {
        var parameters = NetworkParameters()
        parameters.downscaling.neuronScaling = 0.006
        parameters.downscaling.indegreeScaling = 0.006
        parameters.downscaling.mode = .original
        return parameters
    }

    /// Weights are closed-form products of the same parameters: 1e-12 relative (last bits of pow).
    @Test func fullScaleWeightsAndDelaysEqualReference() throws {
        let network = try Network.build(data: data, parameters: NetworkParameters())
        let layout = network.layout, count = layout.count
        let weights = try PathwayTable.read(Fixtures.table("fullscale/weights_connected_only.csv"), valueColumn: "weight_pA", layout: layout)
        let synapses = try PathwayTable.read(Fixtures.table("fullscale/synapses_internal.csv"), valueColumn: "synapses", layout: layout)
        for index in weights.indices where synapses[index] > 0 {
            #expect(abs(network.weights[index] - weights[index]) <= 1e-12 * abs(weights[index]))
            #expect(abs(network.weightSDs[index] - 0.1 * abs(weights[index])) <= 1e-12 * abs(weights[index]))
        }
        let externalWeights = try ReferenceTables.populationValues("fullscale/weights_ext.csv", column: "weight_pA", layout: layout)
        for index in externalWeights.indices {
            #expect(abs(network.externalWeights[index] - externalWeights[index]) <= 1e-12 * externalWeights[index])
        }
        let delays = try LabeledMatrix(Fixtures.table("fullscale/delay_cc.csv"))
        for target in 0..<count {
            for source in 0..<count {
                let targetArea = layout.population(at: target).area, sourceArea = layout.population(at: source).area
                let expected: Double
                if targetArea == sourceArea {
                    expected = layout.population(at: source).cellType == .excitatory ? 1.5 : 0.75
                } else {
                    expected = delays.value(row: delays.labels.firstIndex(of: targetArea)!, column: delays.labels.firstIndex(of: sourceArea)!)
                }
                #expect(abs(network.delayMeans[target * count + source] - expected) <= 1e-12 * expected)
                #expect(abs(network.delaySDs[target * count + source] - 0.5 * expected) <= 1e-12 * expected)
            }
        }
    }

    /// External rates are inversely proportional to K_ext, i.e. to the type-II synapse count:
    /// with the original's local integrals they are equal to 1e-12; with accurate ones within the
    /// type-II difference (|(1 − f_ref)/(1 − f) − 1| ≤ 7e-5) plus one synapse of rounding.
    @Test func externalRatesEqualReference() throws {
        let exact = try Network.build(data: data, parameters: NetworkParameters(),
                                      localProfiles: Fixtures.originalLocalProfiles(areas: data.desikanKillianyAreas.sorted()))
        let reference = try ReferenceTables.populationValues("fullscale/rate_ext.csv", column: "rate_hz", layout: exact.layout)
        for index in reference.indices {
            #expect(abs(exact.externalRates[index] - reference[index]) <= 1e-12 * reference[index])
        }
        let accurate = try Network.build(data: data, parameters: NetworkParameters())
        for index in reference.indices where reference[index] > 0 {
            let tolerance = 7e-5 + 1 / Double(accurate.externalSynapseCounts[index])
            #expect(abs(accurate.externalRates[index] / reference[index] - 1) <= tolerance)
        }
    }

    /// The notebook's network (0.006, original linear scaling, base_theory_rates): neuron and
    /// synapse numbers are rounded products — exact; DC drive 1e-10 relative (a 254-term dot
    /// product summed in another order than numpy's BLAS).
    @Test func notebookDownscaledNetworkEqualsReference() throws {
        let layout = PopulationLayout(areas: data.desikanKillianyAreas.sorted())
        let rates = try PopulationTable.read(Fixtures.dataDirectory.appendingPathComponent("base_theory_rates.csv"),
                                             valueColumn: "rate_hz", layout: layout)
        let network = try Network.build(data: data, parameters: Self.notebookParameters(), fullscaleRates: rates,
                                        localProfiles: Fixtures.originalLocalProfiles(areas: layout.areas))
        let neurons = try ReferenceTables.populationValues("downscaled/neuron_numbers.csv", column: "N", layout: layout)
        #expect(network.neuronCounts.map(Double.init) == neurons)
        #expect(network.totalNeurons == 20_815)
        let synapses = try PathwayTable.read(Fixtures.table("downscaled/synapses_internal.csv"), valueColumn: "synapses", layout: layout)
        #expect(network.synapseCounts.map(Double.init) == synapses)
        #expect(network.totalSynapses == 1_539_948)
        let external = try ReferenceTables.populationValues("downscaled/synapses_external.csv", column: "synapses", layout: layout)
        #expect(network.externalSynapseCounts.map(Double.init) == external)
        #expect(network.totalExternalSynapses == 648_920)
        let dc = try ReferenceTables.populationValues("downscaled/dc_drive.csv", column: "dc_pA", layout: layout)
        for index in dc.indices {
            #expect(abs(network.dcDrive[index] - dc[index]) <= 1e-10 * abs(dc[index]), "\(layout.population(at: index).label)")
        }
        let weights = try PathwayTable.read(Fixtures.table("downscaled/weights_connected_only.csv"), valueColumn: "weight_pA", layout: layout)
        for index in weights.indices where synapses[index] > 0 {
            #expect(abs(network.weights[index] - weights[index]) <= 1e-12 * abs(weights[index]))
        }
    }

    /// With humam's accurate local integrals the notebook's network differs only in local
    /// pathways, by the type-I/II fraction difference (≤ 7e-5 relative) plus rounding. At 0.006
    /// scale a pathway has a few to a few hundred synapses, so one synapse more or less after
    /// rounding moves the DC (a sum over ~60 pathways) by up to ~2e-3 relative: 5e-3 allowed.
    @Test func notebookDownscaledNetworkWithAccurateIntegrals() throws {
        let layout = PopulationLayout(areas: data.desikanKillianyAreas.sorted())
        let rates = try PopulationTable.read(Fixtures.dataDirectory.appendingPathComponent("base_theory_rates.csv"),
                                             valueColumn: "rate_hz", layout: layout)
        let network = try Network.build(data: data, parameters: Self.notebookParameters(), fullscaleRates: rates)
        let synapses = try PathwayTable.read(Fixtures.table("downscaled/synapses_internal.csv"), valueColumn: "synapses", layout: layout)
        for index in synapses.indices {
            #expect(abs(Double(network.synapseCounts[index]) - synapses[index]) <= 7e-5 * synapses[index] + 1)
        }
        let dc = try ReferenceTables.populationValues("downscaled/dc_drive.csv", column: "dc_pA", layout: layout)
        for index in dc.indices {
            #expect(abs(network.dcDrive[index] - dc[index]) <= 5e-3 * abs(dc[index]))
        }
    }

    /// Balanced mode keeps the full-scale mean input: scaled mean current + DC = full mean
    /// current, up to the rounding of the scaled synapse numbers (≤ 1 synapse per pathway: 1e-2 here).
    @Test func balancedDownscalingPreservesMeanInput() throws {
        let layout = PopulationLayout(areas: data.desikanKillianyAreas.sorted())
        let rates = try PopulationTable.read(Fixtures.dataDirectory.appendingPathComponent("base_theory_rates.csv"),
                                             valueColumn: "rate_hz", layout: layout)
        let full = try Network.build(data: data, parameters: NetworkParameters())
        var parameters = NetworkParameters()
        parameters.downscaling.neuronScaling = 0.1
        parameters.downscaling.indegreeScaling = 0.1
        parameters.downscaling.mode = .balanced
        let scaled = try Network.build(data: data, parameters: parameters, fullscaleRates: rates)
        let fullMean = full.meanSynapticCurrent(rates: rates), scaledMean = scaled.meanSynapticCurrent(rates: rates)
        for index in scaled.nonEmptyPopulations {
            #expect(abs(scaledMean[index] + scaled.dcDrive[index] - fullMean[index]) <= 1e-2 * abs(fullMean[index]))
            // Weights / √k: the variance J² K is kept.
            #expect(abs(scaled.externalWeights[index] - full.externalWeights[index] / 0.1.squareRoot()) <= 1e-12 * full.externalWeights[index])
        }
    }

    /// Invalid parameters are rejected with the key and the valid range.
    @Test func invalidParametersAreRejected() throws {
        var parameters = NetworkParameters()
        parameters.downscaling.neuronScaling = 1.5
        #expect(throws: InputError("downscaling.N_scaling = 1.5 is invalid; expected 0 < N_scaling ≤ 1")) {
            try Network.build(data: data, parameters: parameters)
        }
        parameters = NetworkParameters()
        parameters.recurrentScaling.corticoCorticalEOntoE = -1
        #expect(throws: InputError("scaling_factors_recurrent.cc_scalingEtoE = -1.0 is invalid; expected a factor ≥ 0")) {
            try Network.build(data: data, parameters: parameters)
        }
        parameters = Self.notebookParameters()
        #expect(throws: InputError.self) { try Network.build(data: data, parameters: parameters) }
    }
}
