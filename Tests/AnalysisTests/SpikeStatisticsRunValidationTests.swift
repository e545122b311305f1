import Foundation
import Model
import Testing
import TestSupport
@testable import Analysis

/// `humam analyze`'s flow called directly on the down-scaled reference run: what it writes
/// and returns are the original's numbers.
@Suite struct SpikeStatisticsRunValidationTests {
    @Test func writesTheOriginalRates() throws {
        let run = try Fixtures.downscaledRunFolder()
        defer { try? FileManager.default.removeItem(at: run) }
        var request = SpikeStatisticsRun()
        request.simulationTime = DownscaledReference.simulationTime
        request.writesFigures = false
        let outcome = try request.run(RunFolder(run), into: OutputFolder(run.appendingPathComponent("analysis"), replace: false))
        #expect(outcome.totals.spikeCount == 1_509_225)
        #expect(outcome.windowStop == DownscaledReference.simulationTime)
        let written = try PopulationTable.read(outcome.directory.appendingPathComponent("population_statistics.csv"),
                                               valueColumn: "rate_hz", layout: DownscaledReference.layout, missing: .nan)
        let reference = try DownscaledReference.populationColumn("rates_sim.csv", "rate_hz")
        // The same counts over the same window as ReferenceStatisticsValidationTests, through the CSV's
        // shortest round-trip text: 1e-12 relative.
        for index in reference.indices where !reference[index].isNaN {
            #expect(abs(written[index] - reference[index]) <= 1e-12 * reference[index], "\(index)")
        }
        let nonEmpty = reference.filter { !$0.isNaN }
        #expect(abs(outcome.meanRateHz - nonEmpty.reduce(0, +) / Double(nonEmpty.count)) <= 1e-12 * outcome.meanRateHz)
        #expect(outcome.maximumRateHz == written.filter { !$0.isNaN }.max())
    }
}
