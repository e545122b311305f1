import Foundation
import Model
import Testing
import TestSupport
@testable import humam

/// `--chi X` multiplies the cortico-cortical weights from excitatory sources by X onto
/// excitatory targets and by 2X onto inhibitory ones (the notebook's chi), and changes nothing
/// else in the weights or the synapse numbers.
@Suite struct ChiTests {
    @Test func chiScalesCorticoCorticalExcitatoryWeights() throws {
        // No cortico-cortical scaling at all (the defaults have E→I = 2), so that X and 2X show.
        let unscaled = try Fixtures.temporaryFile(
            "{\"net_params\": {\"scaling_factors_recurrent\": {\"cc_scalingEtoE\": 1.0, \"cc_scalingEtoI\": 1.0}}}",
            name: "unscaled.json")
        defer { try? FileManager.default.removeItem(at: unscaled.deletingLastPathComponent()) }
        func network(_ extra: [String]) throws -> Network {
            try NetworkCommand.parse(TinyRuns.networkArguments + ["--config", unscaled.path] + extra).network.build()
        }
        let reference = try network([]), scaled = try network(["--chi", "2.5"])
        #expect(scaled.synapseCounts == reference.synapseCounts)
        let layout = reference.layout, count = reference.populationCount
        var checked = (eOntoE: 0, eOntoI: 0, unchanged: 0)
        for target in 0..<count {
            for source in 0..<count where reference.synapseCounts[target * count + source] > 0 {
                let pathway = target * count + source
                let interArea = layout.areaIndex(ofPopulation: target) != layout.areaIndex(ofPopulation: source)
                let fromExcitatory = layout.population(at: source).cellType == .excitatory
                let ontoExcitatory = layout.population(at: target).cellType == .excitatory
                let factor: Double
                switch (interArea && fromExcitatory, ontoExcitatory) {
                case (true, true): factor = 2.5; checked.eOntoE += 1
                case (true, false): factor = 5; checked.eOntoI += 1
                case (false, _): factor = 1; checked.unchanged += 1
                }
                // Tolerance: the factor enters as one more rounded product (≤ 1 ulp each way).
                let ratio = scaled.weights[pathway] / reference.weights[pathway]
                #expect(abs(ratio - factor) <= 4 * Double.ulpOfOne * factor, "\(layout.population(at: target).label) ← \(layout.population(at: source).label)")
            }
        }
        #expect(checked.eOntoE > 0 && checked.eOntoI > 0 && checked.unchanged > 0)
    }
}
