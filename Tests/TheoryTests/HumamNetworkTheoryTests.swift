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

    func worstRelativeDeviation(_ rates: [Double], _ reference: [Double], over populations: [Int]) -> Double {
        populations.reduce(0) { max($0, abs(rates[$1] / reference[$1] - 1)) }
    }

    // With the original's integrals humam's network is the reference network (to 1e-12), so its
    // fixed point equals NNMT's to the 1e-8 of issue 3 (measured 6.6e-11).
    @Test func fullScaleWithOriginalIntegralsMatchesNNMT() throws {
        let network = try Network.build(data: data, parameters: NetworkParameters(), localProfiles: Fixtures.originalLocalProfiles(areas: layout.areas))
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

    // The full-scale rates for a down-scaled network's DC, computed from its parameters: for the
    // notebook's parameters (0.006, chi = 1) they are NNMT's base rates to 1e-8 (original
    // integrals), and the network built with them equals the one built from the notebook's file.
    @Test func fullScaleRatesForDownscaledParameters() throws {
        var parameters = NetworkParameters()
        parameters.downscaling.neuronScaling = 0.006
        parameters.downscaling.indegreeScaling = 0.006
        parameters.downscaling.mode = .original
        let profiles = try Fixtures.originalLocalProfiles(areas: layout.areas)
        let result = try StationaryRates.solveFullScale(data: data, parameters: parameters, localProfiles: profiles)
        let rates = try #require(result.rates)
        let base = try PopulationTable.read(Fixtures.dataDirectory.appendingPathComponent("base_theory_rates.csv"),
                                            valueColumn: "rate_hz", layout: layout)
        let populations = (0..<layout.count).filter { base[$0] > 0 }
        #expect(populations.count == 254)
        #expect(worstRelativeDeviation(rates, base, over: populations) <= 1e-8)
        let computed = try Network.build(data: data, parameters: parameters, fullscaleRates: rates, localProfiles: profiles)
        let fromFile = try notebookNetwork()
        // DC = (1 − k) × full-scale mean input: rates equal to 1e-8 give DCs equal to ~1e-8.
        for index in populations {
            #expect(abs(computed.dcDrive[index] - fromFile.dcDrive[index]) <= 1e-7 * abs(fromFile.dcDrive[index]))
        }
    }

    /// The notebook's down-scaled network (N, K × 0.006, original linear scaling, DC from
    /// base_theory_rates).
    func notebookNetwork() throws -> Network {
        var parameters = NetworkParameters()
        parameters.downscaling.neuronScaling = 0.006
        parameters.downscaling.indegreeScaling = 0.006
        parameters.downscaling.mode = .original
        let base = try PopulationTable.read(Fixtures.dataDirectory.appendingPathComponent("base_theory_rates.csv"),
                                            valueColumn: "rate_hz", layout: layout)
        return try Network.build(data: data, parameters: parameters, fullscaleRates: base,
                                 localProfiles: Fixtures.originalLocalProfiles(areas: layout.areas))
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
        let correlation = PearsonCorrelation.coefficient(populations.map { rates[$0] }, populations.map { simulated[$0] })
        #expect(correlation >= 0.95, "correlation \(correlation)")
    }
}
