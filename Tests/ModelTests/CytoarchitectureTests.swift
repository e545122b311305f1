import Foundation
import Testing
@testable import Model
import TestSupport

@Suite struct CytoarchitectureTests {
    let data: ModelData

    init() throws {
        data = try ModelData.load(from: Fixtures.dataDirectory)
    }

    /// Neuron numbers are integers computed by the same arithmetic as the original: exact.
    @Test func neuronNumbersEqualReference() throws {
        let columns = try Cytoarchitecture(data: data, parameters: NetworkParameters())
        let layout = PopulationLayout(areas: columns.areas)
        let reference = try ReferenceTables.populationValues("fullscale/neuron_numbers.csv", column: "N", layout: layout)
        #expect(columns.neuronCounts.map(Double.init) == reference)
        #expect(columns.neuronCounts.reduce(0, +) == 3_468_839)
        #expect(columns.neuronCounts.filter { $0 > 0 }.count == 254)
    }

    /// Thickness (mm) and density (1/mm³) equal the original's to the last bit but for
    /// summation order; 1e-12 relative allows for that.
    @Test func thicknessAndDensityEqualReference() throws {
        let columns = try Cytoarchitecture(data: data, parameters: NetworkParameters())
        let layout = PopulationLayout(areas: columns.areas)
        let density = try ReferenceTables.populationValues("fullscale/density.csv", column: "density_per_mm3", layout: layout)
        for index in density.indices {
            #expect(abs(columns.density[index] - density[index]) <= 1e-12 * abs(density[index]))
        }
        let thickness = try Fixtures.table("fullscale/thickness.csv")
        let areasColumn = try thickness.strings(column: "area"), layers = try thickness.strings(column: "layer")
        let values = try thickness.numbers(column: "thickness_mm")
        for row in values.indices {
            let area = columns.areas.firstIndex(of: areasColumn[row])!
            let layer = ModelData.layersWithLayerI.firstIndex(of: layers[row])!
            #expect(abs(columns.thickness(areaIndex: area, layer: layer) - values[row]) <= 1e-12 * values[row])
        }
    }
}

/// The original's options, against neuron numbers computed by the original code itself
/// (scripts/reference-neuron-numbers.py): exact.
@Suite struct CytoarchitectureOptionTests {
    @Test(arguments: [("binzegger", 3_468_846), ("remove_smaller_layerI", 3_468_839), ("min_neurons_0", 3_479_039)])
    func neuronNumbersEqualOriginal(variant: String, total: Int) throws {
        var parameters = NetworkParameters()
        switch variant {
        case "binzegger": parameters.cytoarchitecture.excitatoryFraction = .binzegger
        case "remove_smaller_layerI": parameters.cytoarchitecture.removeLayersSmallerThanLayerI = true
        default: parameters.cytoarchitecture.minimumNeuronsPerLayer = 0
        }
        let columns = try Cytoarchitecture(data: ModelData.load(from: Fixtures.dataDirectory), parameters: parameters)
        let layout = PopulationLayout(areas: columns.areas)
        let reference = try ReferenceTables.populationValues("cytoarchitecture/neuron_numbers_\(variant).csv", column: "N", layout: layout)
        #expect(columns.neuronCounts.map(Double.init) == reference)
        #expect(columns.neuronCounts.reduce(0, +) == total)
    }
}
