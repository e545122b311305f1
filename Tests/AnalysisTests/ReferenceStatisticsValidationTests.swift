import Foundation
import Model
import Testing
import TestSupport
@testable import Analysis

/// Spike statistics of the down-scaled reference run against the original's results on the
/// same spikes (Tests/Fixtures/downscaled/, computed by src/analysis.py).
@Suite struct ReferenceStatisticsValidationTests {
    let record = DownscaledReference.record

    @Test func readsEverySpike() throws {
        // analysis_summary.json: n_spikes_in_files = 1,509,225; 20,815 neurons in 254 populations.
        #expect(record.spikeCount == 1_509_225)
        #expect(record.neuronCount == 20_815)
        #expect(record.populations.neuronCounts.filter { $0 > 0 }.count == 254)
    }

    @Test func meanRatesMatchOriginal() throws {
        let reference = try DownscaledReference.populationColumn("rates_sim.csv", "rate_hz")
        let rates = FiringRates.populationRates(record)
        for index in reference.indices where !reference[index].isNaN {
            // Same integer spike counts divided by the same numbers: equal up to the last bit
            // of the division order; 1e-12 relative.
            #expect(abs(rates[index] - reference[index]) <= 1e-12 * reference[index], "\(index)")
        }
        #expect(zip(rates, reference).allSatisfy { $0.0.isNaN == $0.1.isNaN })
    }

    @Test func coefficientOfVariationMatchesOriginal() throws {
        let reference = try DownscaledReference.populationColumn("cv_isi_sim.csv", "cv_isi")
        let cv = InterspikeIntervals.coefficientOfVariation(record)
        for index in reference.indices where !reference[index].isNaN {
            if reference[index] == 0 {
                // The original's 0 for "no neuron with 10 spikes": undefined here.
                #expect(cv[index].isNaN, "\(index)")
                continue
            }
            // Sums over a few hundred ISIs in a different order than numpy's pairwise sums:
            // differences of a few ulp; 1e-10 relative.
            #expect(abs(cv[index] - reference[index]) <= 1e-10 * reference[index], "\(index)")
        }
        // Every non-empty population of the reference run has a neuron with 10 spikes (no 0 in
        // the original's table): NaN only for the 18 empty populations.
        #expect(cv.filter(\.isNaN).count == record.populations.neuronCounts.filter { $0 == 0 }.count)
    }

    @Test func areaRateHistogramMatchesOriginal() throws {
        let (header, rows) = try DownscaledReference.areaTable("rate_hist_areas.csv")
        #expect(header == record.populations.layout.areas)
        let histogram = RateHistogram(record)
        #expect(histogram.binCount == rows.count)
        var worst = 0.0
        for (bin, row) in rows.enumerated() {
            for (area, value) in row.enumerated() {
                worst = max(worst, abs(histogram.areaRatesKHz[area * histogram.binCount + bin] - value))
            }
        }
        // Integer counts / neuron numbers: exact up to one rounding; rates are ≤ 1 spike/ms.
        #expect(worst <= 1e-15)
    }

    @Test func spikeCountCorrelationMatchesOriginal() throws {
        let reference = try DownscaledReference.populationColumn("corrcoef_sim.csv", "cc")
        let correlations = SpikeCountCorrelation.populationMeans(record)
        var worst = 0.0
        for index in reference.indices where !reference[index].isNaN {
            if reference[index] == 0 {
                // The original's 0 for fewer than two varying trains: undefined here.
                #expect(correlations[index].isNaN, "\(index)")
                continue
            }
            worst = max(worst, abs(correlations[index] - reference[index]))
        }
        // Every population of the down-scaled run has < 2000 spiking neurons, so the original's
        // "first 2000 trains" are all of them and the mean is order-independent; BLAS dsyrk vs
        // numpy's corrcoef differ by rounding only. Absolute 1e-12 (values are ~1e-3).
        #expect(worst <= 1e-12)
    }
}
