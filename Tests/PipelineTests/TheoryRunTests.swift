import Foundation
import Model
import Pipeline
import Testing
import TestSupport

/// `humam theory`'s flow called directly on the full-scale network of notebooks-data.
@Suite struct TheoryRunTests {
    let configuration: ExperimentConfiguration

    init() throws {
        configuration = try ExperimentConfiguration(dataDirectory: Fixtures.dataDirectory, experimentFile: nil,
                                                    network: NetworkOverrides())
    }

    // The fixed point is NNMT's to 1e-4 relative (HumamNetworkTheoryTests), so its correlation
    // with NNMT's rates is 1 to far better than 1e-6; the rates file holds the returned rates.
    @Test func writesTheFixedPointAndComparesIt() throws {
        let folder = try Fixtures.temporaryDirectory("humam-theory")
        defer { try? FileManager.default.removeItem(at: folder) }
        var request = TheoryRun()
        request.ratesFile = folder.appendingPathComponent("rates.csv")
        request.simulatedRates = Fixtures.url("theory/theory_rates_chi1_converged_T100.csv")
        let outcome = try request.run(configuration, humamVersion: "test", events: { _ in })
        let rates = try #require(outcome.rates)
        #expect(outcome.ratesFile == request.ratesFile)
        #expect(outcome.comparedPopulations == 254)
        #expect(abs(try #require(outcome.correlation) - 1) < 1e-6)
        let layout = PopulationLayout(areas: try ModelData.load(from: Fixtures.dataDirectory).desikanKillianyAreas.sorted())
        let written = try PopulationTable.read(folder.appendingPathComponent("rates.csv"), valueColumn: "rate_hz",
                                               layout: layout, missing: .nan)
        #expect(zip(written, rates).allSatisfy { $0.0.isNaN || $0.0 == $0.1 })
        #expect(outcome.summary.contains("fixed point 1 (trials 1): stable"))
    }

    /// At chi 2.5 four trials from seed 1 reach two fixed points; a simulation is placed against
    /// each: Pearson r of the log10 rates over the populations where both are > 0, recomputed
    /// here (to 1e-12: the same sums in another order), and the one most trials reached is
    /// `correlation`.
    @Test func comparesWithEveryFixedPoint() throws {
        let strong = try ExperimentConfiguration(dataDirectory: Fixtures.dataDirectory, experimentFile: nil,
                                                 network: NetworkOverrides(chi: 2.5))
        var request = TheoryRun()
        request.trials = 4
        request.seed = 1
        request.simulatedRates = Fixtures.url("theory/theory_rates_chi1_converged_T100.csv")
        let outcome = try request.run(strong, humamVersion: "test", events: { _ in })
        #expect(outcome.summary.contains("2 distinct fixed points"))
        #expect(outcome.fixedPointCorrelations.count == 2)
        let layout = PopulationLayout(areas: try ModelData.load(from: Fixtures.dataDirectory).desikanKillianyAreas.sorted())
        let simulated = try PopulationTable.read(request.simulatedRates!, valueColumn: "rate_hz", layout: layout, missing: .nan)
        let rates = try #require(outcome.rates)
        func logRateR(_ theory: [Double]) -> Double {
            let both = simulated.indices.filter { simulated[$0] > 0 && theory[$0] > 0 }
            let x = both.map { log10(simulated[$0]) }, y = both.map { log10(theory[$0]) }
            let mx = x.reduce(0, +) / Double(x.count), my = y.reduce(0, +) / Double(y.count)
            let sxy = zip(x, y).reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) }
            return sxy / (x.reduce(0) { $0 + ($1 - mx) * ($1 - mx) } * y.reduce(0) { $0 + ($1 - my) * ($1 - my) }).squareRoot()
        }
        #expect(abs(try #require(outcome.correlation) - logRateR(rates)) < 1e-12)
        #expect(outcome.fixedPointRates.contains(rates))
        for (fixedPoint, correlation) in zip(outcome.fixedPointRates, outcome.fixedPointCorrelations) {
            #expect(abs(correlation - logRateR(fixedPoint)) < 1e-12)
        }
    }

    // A file that is not to be replaced stops the run before the network is built.
    @Test func refusesAnExistingFileBeforeAnyWork() throws {
        let folder = try Fixtures.temporaryDirectory("humam-theory")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("rates.csv")
        try Data("mine\n".utf8).write(to: file)
        var request = TheoryRun()
        request.ratesFile = file
        // Data that cannot be read: only the check can have thrown an error naming the file.
        let unreadable = try ExperimentConfiguration(dataDirectory: folder.appendingPathComponent("no-data"), experimentFile: nil,
                                                     network: NetworkOverrides())
        let error = #expect(throws: InputError.self) { try request.run(unreadable, humamVersion: "test", events: { _ in }) }
        #expect(error?.description.contains(file.lastPathComponent) == true, "\(error?.description ?? "")")
        #expect(try String(contentsOf: file, encoding: .utf8) == "mine\n")
    }
}
