import Foundation
import Model
import Testing
import TestSupport
@testable import Analysis

/// Synaptic input currents and their FC against the original's `synapticInputCurrent` on the
/// reference spikes, with the original's kernel (built on the 0.1 ms grid).
@Suite struct ReferenceCurrentValidationTests {
    static let current = SynapticInputCurrent(histogram: RateHistogram(DownscaledReference.record),
                                              model: DownscaledReference.inputModel, kernel: .original,
                                              simulationResolution: 0.1)

    @Test func areaCurrentsMatchOriginal() throws {
        let (header, rows) = try DownscaledReference.areaTable("syn_current_areas.csv")
        let current = Self.current
        #expect(header == current.areas)
        #expect(rows.count == current.binCount)
        var worstRelative = 0.0
        for (bin, row) in rows.enumerated() {
            for (area, value) in row.enumerated() {
                let mine = current.values[area * current.binCount + bin]
                // Relative to the area's typical current (hundreds of pA); the first bin is 0.
                worstRelative = max(worstRelative, abs(mine - value) / max(abs(value), 1))
            }
        }
        // Folding the area average into the projection and summing in BLAS order changes only
        // rounding: 1e-9 relative is the brief's tolerance (seen: ~1e-15).
        #expect(worstRelative <= 1e-9)
    }

    @Test func functionalConnectivityMatchesOriginal() throws {
        let (header, rows) = try DownscaledReference.areaTable("fc_syn.csv")
        let fc = Self.current.functionalConnectivity(start: 500, stop: 2000)
        #expect(header == fc.areas)
        var worst = 0.0
        for (row, values) in rows.enumerated() {
            for (column, value) in values.enumerated() { worst = max(worst, abs(fc[row, column] - value)) }
        }
        // Correlations lie in [−1, 1]; BLAS vs pandas' two-pass sums differ by rounding. 1e-9 absolute.
        #expect(worst <= 1e-9)
    }

    @Test func comparisonWithHCPMatchesNumpy() throws {
        // The original's FC (fc_syn.csv) against the ENIGMA HCP FC, left hemisphere matched by
        // name, computed independently with numpy 2.4 / scipy 1.17 (np.corrcoef and
        // scipy.stats.spearmanr of the 561 lower-triangle pairs): r = 0.11282751299701985,
        // ρ = 0.048053579244703375. Our FC differs from fc_syn.csv by ≤ 2e-14, so 1e-12.
        let fc = Self.current.functionalConnectivity(start: 500, stop: 2000)
        let url = Fixtures.dataDirectory.appendingPathComponent("hcp_fmri_fc_enigma_68.csv")
        let experimental = try ExperimentalFC.read(url, areas: fc.areas, hemisphere: .left)
        let comparison = FCComparison(simulated: fc, experimental: experimental.connectivity,
                                      hemisphere: experimental.hemisphere, file: url.path)
        #expect(comparison.pairs == 561)
        #expect(abs(comparison.pearsonR - 0.11282751299701985) < 1e-12)
        #expect(abs(comparison.spearmanR - 0.048053579244703375) < 1e-12)
        let json = try JSONSerialization.jsonObject(with: Data(comparison.jsonText().utf8)) as! [String: Any]
        #expect(Set(json.keys) == ["pearson_r", "spearman_r", "pairs", "hemisphere", "areas", "file"])
        #expect(json["hemisphere"] as? String == "left")
    }
}
