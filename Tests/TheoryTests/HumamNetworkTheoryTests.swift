import Foundation
import Model
import Testing
import TestSupport
@testable import Theory

/// Theory on humam's own networks (`Network.build` from notebooks-data), which the Model tests
/// check against the original's tables.
@Suite struct HumamNetworkTheoryTests {
    let data: ModelData
    let layout: PopulationLayout

    init() throws {
        data = try ModelData.load(from: Fixtures.dataDirectory)
        layout = PopulationLayout(areas: data.desikanKillianyAreas.sorted())
    }

    /// The original's nquad type-I/II integrals per area, so that synapse numbers equal its tables.
    func originalProfiles() throws -> [LocalConnectivityProfile] {
        let table = try Fixtures.table("fullscale/nquad_P_in_P_out.csv")
        let names = try table.strings(column: "area")
        let inside = try table.numbers(column: "P_in"), outside = try table.numbers(column: "P_out")
        return layout.areas.map { area in
            let row = names.firstIndex(of: area)!
            return LocalConnectivityProfile(inside: inside[row], outside: outside[row])
        }
    }

    func worstRelativeDeviation(_ rates: [Double], _ reference: [Double], over populations: [Int]) -> Double {
        populations.reduce(0) { max($0, abs(rates[$1] / reference[$1] - 1)) }
    }

    // With the original's integrals humam's network is the reference network (to 1e-12), so its
    // fixed point equals NNMT's to the 1e-8 of issue 3 (measured 6.6e-11).
    @Test func fullScaleWithOriginalIntegralsMatchesNNMT() throws {
        let network = try Network.build(data: data, parameters: NetworkParameters(), localProfiles: originalProfiles())
        let result = StationaryRates.solve(network: network)
        let reference = try ReferenceNetwork.rates("theory/theory_rates_chi1_converged_T100.csv", layout: layout)
        let rates = try #require(result.rates)
        #expect(worstRelativeDeviation(rates, reference, over: network.nonEmptyPopulations) <= 1e-8)
    }

    // humam's accurate integrals change type-I/II synapse numbers by ≤ 7e-5 relative (Model tests),
    // which moves the rates by 2.4e-5 at most (measured); 1e-4 bounds that propagated change.
    @Test func fullScaleWithAccurateIntegralsIsCloseToNNMT() throws {
        let network = try Network.build(data: data, parameters: NetworkParameters())
        let result = StationaryRates.solve(network: network)
        let reference = try ReferenceNetwork.rates("theory/theory_rates_chi1_converged_T100.csv", layout: layout)
        let rates = try #require(result.rates)
        #expect(worstRelativeDeviation(rates, reference, over: network.nonEmptyPopulations) <= 1e-4)
    }

    /// The notebook's down-scaled network (N, K × 0.006, original linear scaling, DC from
    /// base_theory_rates).
    func notebookNetwork() throws -> Network {
        var parameters = NetworkParameters()
        parameters.downscaling.neuronScaling = 0.006
        parameters.downscaling.indegreeScaling = 0.006
        let base = try PopulationTable.read(Fixtures.dataDirectory.appendingPathComponent("base_theory_rates.csv"),
                                            valueColumn: "rate_hz", layout: layout)
        return try Network.build(data: data, parameters: parameters, fullscaleRates: base,
                                 localProfiles: originalProfiles())
    }

    // The original's theory for the down-scaled network ignores the DC drive; without it humam
    // reproduces the notebook's section-2.3 rates. The notebook integrates pseudo-time only to a
    // finite end (as in figure_theory.py, where that leaves up to 2.6 % at full scale); here the
    // difference is 2.1e-4 (measured), so 1e-3.
    @Test func downscaledWithoutDCMatchesNotebookTheory() throws {
        let network = try notebookNetwork()
        var options = TheoryOptions()
        options.includeDCDrive = false
        let result = StationaryRates.solve(network: network, options: options)
        let reference = try ReferenceNetwork.rates("downscaled/theory_rates_notebook_section2.3.csv", layout: layout)
        let rates = try #require(result.rates)
        #expect(worstRelativeDeviation(rates, reference, over: network.nonEmptyPopulations) <= 1e-3)
    }

    // With the DC drive the theory predicts the simulated down-scaled network: across the 254
    // populations its rates correlate with NEST's (rates_sim.csv) at 0.965 — as well as two NEST
    // runs with different random streams correlate with each other (0.964, reference README).
    // ≥ 0.95 fails if the DC term is dropped or mis-scaled.
    @Test func downscaledWithDCPredictsSimulatedRates() throws {
        let network = try notebookNetwork()
        let result = StationaryRates.solve(network: network)
        let simulated = try ReferenceNetwork.rates("downscaled/rates_sim.csv", layout: layout)
        let rates = try #require(result.rates)
        let populations = network.nonEmptyPopulations
        let correlation = pearson(populations.map { rates[$0] }, populations.map { simulated[$0] })
        #expect(correlation >= 0.95, "correlation \(correlation)")
    }

    func pearson(_ x: [Double], _ y: [Double]) -> Double {
        let meanX = x.reduce(0, +) / Double(x.count), meanY = y.reduce(0, +) / Double(y.count)
        var covariance = 0.0, varianceX = 0.0, varianceY = 0.0
        for k in x.indices {
            covariance += (x[k] - meanX) * (y[k] - meanY)
            varianceX += (x[k] - meanX) * (x[k] - meanX)
            varianceY += (y[k] - meanY) * (y[k] - meanY)
        }
        return covariance / (varianceX * varianceY).squareRoot()
    }
}
