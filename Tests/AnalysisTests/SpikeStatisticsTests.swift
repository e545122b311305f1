import Foundation
import Model
import RunFormat
import Testing
@testable import Analysis

/// Spike statistics, kernels and readers on small hand-made inputs.
@Suite struct SpikeStatisticsTests {
    /// One area, population 0 (II/III E) with the given trains, population 1 (II/III I) with one silent neuron.
    func trains(_ spikeTimes: [[Double]], simulationTime: Double = 2000) throws -> SpikeTrains {
        let layout = PopulationLayout(areas: ["a"])
        var counts = [Int](repeating: 0, count: layout.count)
        counts[0] = spikeTimes.count
        counts[1] = 1
        let populations = PopulationGIDs(layout: layout, neuronCounts: counts)
        var senders: [Int32] = [], times: [Double] = []
        for (neuron, train) in spikeTimes.enumerated() {
            for time in train.reversed() { senders.append(Int32(neuron + 1)); times.append(time) }
        }
        return try SpikeTrains(populations: populations, senders: senders, times: times,
                               simulationTime: simulationTime, source: "test")
    }

    @Test func revisedLocalVariationByHand() throws {
        // ISIs 3, 5, 2, 8 ms, R = 2 ms: terms (1 − 4·15/64)(1 + 8/8) = 0.125, (9/49)(15/7),
        // (0.36)(1.8) = 0.648; sum 1.1665860058309039 (numpy, the original's calculate_lv), × 3/3.
        let record = try trains([[1000, 1003, 1008, 1010, 1018]])
        let lvr = InterspikeIntervals.revisedLocalVariation(record, refractoryPeriod: 2, minimumSpikes: 3)
        #expect(abs(lvr[0] - 1.1665860058309039) < 1e-15)
        #expect(lvr[1].isNaN)     // silent neuron: undefined (the original writes 0)
        #expect(lvr[2].isNaN)     // empty population
        // numpy: np.std([3,5,2,8]) / np.mean(...) = 0.5091750772173156.
        let cv = InterspikeIntervals.coefficientOfVariation(record, minimumSpikes: 3)
        #expect(abs(cv[0] - 0.5091750772173156) < 1e-15)
        #expect(cv[1].isNaN)
        // With the original's 10 spikes, the 5-spike neuron does not qualify either.
        #expect(InterspikeIntervals.coefficientOfVariation(record)[0].isNaN)
        #expect(InterspikeIntervals.revisedLocalVariation(record)[0].isNaN)
    }

    /// Undefined statistics are NaN in memory, empty cells in the table, counted in the summary.
    @Test func undefinedStatisticsAreEmptyCellsAndCounted() throws {
        let record = try trains([[600.5, 700.2, 1200.9, 1500.1]])
        let layout = record.populations.layout
        // One neuron: no pair to correlate.
        let correlations = SpikeCountCorrelation.populationMeans(record)
        #expect(correlations[0].isNaN && correlations[1].isNaN)
        var cv = [Double](repeating: .nan, count: layout.count)
        cv[0] = 0.25
        let table = AnalysisTables.populationTable(layout: layout, neuronCounts: record.populations.neuronCounts,
                                                   columns: [("cv_isi", cv), ("spike_count_correlation", correlations)])
        #expect(table == "area,layer,population,neurons,cv_isi,spike_count_correlation\na,II/III,E,1,0.25,\na,II/III,I,1,,\n")
        #expect(AnalysisTables.undefinedSummary("CV ISI", values: cv, neuronCounts: record.populations.neuronCounts,
                                                reason: "no neuron with at least 10 spikes")
                == "CV ISI undefined for 1 of 2 populations (no neuron with at least 10 spikes); empty cells in the table, left out of the figures")
        #expect(AnalysisTables.undefinedSummary("rate", values: [1, 2] + [Double](repeating: .nan, count: layout.count - 2),
                                                neuronCounts: record.populations.neuronCounts, reason: "") == nil)
        // The box plot leaves NaN out: one value in the II/III E box, none in the others.
        let figure = AnalysisFigures.boxPlot(cv, layout: layout, xLabel: "CV ISI", title: "CV")
        #expect(figure.samples.map(\.count) == [1, 0, 0, 0, 0, 0, 0, 0])
    }

    @Test func windowsFollowTheOriginal() throws {
        // Rates: 500 ≤ t < t_sim; the spike at t_sim counts in the last histogram bin but not in the rate.
        let record = try trains([[499.9, 500, 1000.5, 2000]])
        let rates = FiringRates.populationRates(record)
        #expect(rates[0] == 2 / 1.5)
        let histogram = RateHistogram(record)
        #expect(histogram.binCount == 2000)
        #expect(histogram.populationCounts[499] == 1 && histogram.populationCounts[500] == 1)
        #expect(histogram.populationCounts[1000] == 1 && histogram.populationCounts[1999] == 1)
        // Area rate: 4 spikes over 2 neurons (one silent), spikes/ms per neuron.
        #expect(histogram.areaRatesKHz[1999] == 0.5)
    }

    @Test func spikeCountCorrelationOfIdenticalAndSilentTrains() throws {
        // Two identical trains correlate at 1; a third, silent train is dropped (constant counts).
        let train: [Double] = [600.5, 700.2, 1200.9, 1500.1]
        let record = try trains([train, train, []])
        #expect(abs(SpikeCountCorrelation.populationMeans(record)[0] - 1) < 1e-12)
        let opposite = try trains([[600.5], [700.5]])
        // Two single spikes in 1500 bins: r = (0 − 1/1500·…) → −1/1499 exactly for disjoint unit spikes.
        #expect(abs(SpikeCountCorrelation.populationMeans(opposite)[0] + 1.0 / 1499) < 1e-12)
    }

    @Test func pscKernelEqualsOriginal() {
        // kernel_for_psc(2, 0.1) and (2, 1.0) of src/analysis.py, evaluated with numpy 2.4.
        let fine = PSCKernel.samples(timeConstant: 2, spacing: 0.1)
        #expect(fine.weights.count == 400 && fine.centre == 199)
        #expect(fine.weights[199] == 0)
        #expect(abs(fine.weights[200] - 0.04877278978051702) < 1e-16)
        #expect(abs(fine.weights[201] - 0.04639411275421548) < 1e-16)
        #expect(abs(fine.weights[399] - 2.327809856720782e-06) < 1e-19)
        let coarse = PSCKernel.samples(timeConstant: 2, spacing: 1)
        #expect(coarse.weights.count == 40 && coarse.centre == 19)
        #expect(abs(coarse.weights[20] - 0.3934872045788169) < 1e-15)
        #expect(abs(coarse.weights[21] - 0.2386620537816698) < 1e-15)
        #expect(abs(coarse.weights[39] - 2.9453237300120445e-05) < 1e-18)
    }

    @Test func convolutionDelaysByOneBinAsScipySame() {
        // scipy.signal.convolve(d, kernel, mode='same') with a unit impulse at bin 10 is first
        // non-zero at bin 11, with value kernel[200] (checked with scipy 1.17).
        let (weights, centre) = PSCKernel.samples(timeConstant: 2, spacing: 0.1)
        var input = [Double](repeating: 0, count: 2000)
        input[10] = 1
        var output = [Double](repeating: 0, count: 2000)
        input.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { PSCKernel.convolve(input, weights: weights, centre: centre, into: $0) }
        }
        #expect(output[10] == 0)
        #expect(output[11] == weights[200])
        #expect(output[12] == weights[201])
        #expect(output[210] == weights[399] && output[211] == 0)
    }

    @Test func tauSynKernelDecaysFaster() {
        // With the bin-spaced kernel one bin is dt, so the impulse response decays by e^(−1/2)
        // per 1 ms bin (τ_syn = 2 ms); the original kernel decays by e^(−0.05) per bin (20 ms).
        let coarse = PSCKernel.samples(timeConstant: 2, spacing: 1).weights
        let fine = PSCKernel.samples(timeConstant: 2, spacing: 0.1).weights
        #expect(abs(coarse[21] / coarse[20] - exp(-0.5)) < 1e-14)
        #expect(abs(fine[201] / fine[200] - exp(-0.05)) < 1e-14)
    }

    @Test func populationGIDsAndErrors() throws {
        let text = "('a', 'II/III', 'E');1;3\n('a', 'II/III', 'I');4;4\n"
        let populations = try PopulationGIDs.parse(text, source: "p.dat")
        #expect(populations.neuronCounts[0] == 3 && populations.neuronCounts[1] == 1 && populations.gidRange == 1...4)
        for (bad, message) in [("('a', 'II/III', 'E');1\n", "expected"), ("('a', 'III', 'E');1;3\n", "unknown layer"),
                               ("('a', 'II/III', 'X');1;3\n", "unknown population"), ("('a', 'II/III', 'E');5;3\n", "firstGID ≤ lastGID"),
                               ("('a', 'II/III', 'E');1;3\n('a', 'II/III', 'I');3;4\n", "overlap"),
                               ("('a', 'II/III', 'E');1;3\n('a', 'II/III', 'E');4;5\n", "duplicate")] {
            #expect { _ = try PopulationGIDs.parse(bad, source: "p.dat") } throws: { error in
                "\(error)".contains("p.dat:") && "\(error)".contains(message)
            }
        }
    }
}
