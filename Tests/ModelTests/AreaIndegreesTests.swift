import Foundation
import Testing
@testable import Model
import TestSupport

@Suite struct AreaIndegreesTests {
    /// Area indegrees from the original's downscaled tables (synapses / neurons, summed per area
    /// pair as its figure script does) equal humam's on the same network; rows of the relative
    /// matrix sum to 1. 1e-12: sums of the same terms in another order.
    @Test func matchReferenceTables() throws {
        let data = try ModelData.load(from: Fixtures.dataDirectory)
        var parameters = NetworkParameters()
        parameters.downscaling.neuronScaling = 0.006
        parameters.downscaling.indegreeScaling = 0.006
        parameters.downscaling.mode = .original
        let layout = PopulationLayout(areas: data.desikanKillianyAreas.sorted())
        let rates = try PopulationTable.read(Fixtures.dataDirectory.appendingPathComponent("base_theory_rates.csv"),
                                             valueColumn: "rate_hz", layout: layout)
        let profiles = try Fixtures.originalLocalProfiles(areas: layout.areas)
        let network = try Network.build(data: data, parameters: parameters, fullscaleRates: rates, localProfiles: profiles)
        let synapses = try PathwayTable.read(Fixtures.table("downscaled/synapses_internal.csv"), valueColumn: "synapses", layout: layout)
        let neurons = try ReferenceTables.populationValues("downscaled/neuron_numbers.csv", column: "N", layout: layout)
        var expected = [Double](repeating: 0, count: 34 * 34)
        for target in 0..<layout.count where neurons[target] > 0 {
            for source in 0..<layout.count {
                expected[layout.areaIndex(ofPopulation: target) * 34 + layout.areaIndex(ofPopulation: source)]
                    += synapses[target * layout.count + source] / neurons[target]
            }
        }
        let indegrees = network.areaIndegrees
        for index in expected.indices { #expect(abs(indegrees[index] - expected[index]) <= 1e-12 * expected[index]) }
        let relative = network.relativeAreaIndegrees
        for target in 0..<34 { #expect(abs(relative[target * 34..<(target + 1) * 34].reduce(0, +) - 1) < 1e-12) }
    }
}
