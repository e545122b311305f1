import Analysis
import Foundation
import Model
import Pipeline
import Testing
import TestSupport

/// `humam fc`'s flow called directly on the down-scaled reference run with the original's
/// network tables and kernel: its comparison with the HCP FC is numpy's on the original's FC.
@Suite struct FunctionalConnectivityRunValidationTests {
    @Test func comparisonWithHCPMatchesNumpy() throws {
        let run = try Fixtures.downscaledRunFolder()
        defer { try? FileManager.default.removeItem(at: run) }
        var request = FunctionalConnectivityRun()
        request.networkTables = Fixtures.url("downscaled")
        request.pscKernel = .original
        request.resolution = 0.1
        request.simulationTime = 2000
        request.experimentalFC = Fixtures.dataDirectory.appendingPathComponent("hcp_fmri_fc_enigma_68.csv")
        request.writesFigures = false
        let configuration = try ExperimentConfiguration(dataDirectory: Fixtures.dataDirectory, experimentFile: nil,
                                                        network: NetworkOverrides())
        var events: [PipelineEvent] = []
        let outcome = try request.run(RunFolder(run), configuration: configuration,
                                      into: OutputFolder(run.appendingPathComponent("analysis"), replace: false),
                                      humamVersion: "test", events: { events.append($0) })
        // r and ρ of the 561 left-hemisphere pairs as in ReferenceCurrentValidationTests (numpy 2.4 / scipy 1.17).
        let comparison = try #require(outcome.comparison)
        #expect(comparison.pairs == 561)
        #expect(abs(comparison.pearsonR - 0.11282751299701985) < 1e-12)
        #expect(abs(comparison.spearmanR - 0.048053579244703375) < 1e-12)
        #expect(outcome.areaCount == 34)
        // The network came from the tables: nothing was built, so no theory was reported.
        #expect(events.isEmpty)
        for name in ["syn_current_areas.csv", "fc_synaptic.csv", "fc_comparison.json"] {
            #expect(FileManager.default.fileExists(atPath: outcome.directory.appendingPathComponent(name).path), "\(name)")
        }
    }
}
