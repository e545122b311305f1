import Foundation
import Model
import RunFormat
import Testing
import TestSupport
@testable import Analysis

/// The comparison with human single units (`humam analyze --compare-human`): the two-sample
/// KS statistic against scipy, the snippet rules on hand-made trains, and the rates, CV and
/// LvR of a NEST run against the original's helper functions. Fixtures:
/// `Tests/Fixtures/human/make_fixtures.py`.
@Suite struct HumanComparisonTests {
    /// One area (`alpha`) of 8 populations × 1 neuron, GIDs 1…8.
    static let populations = PopulationGIDs(layout: PopulationLayout(areas: ["alpha"]), neuronCounts: Array(repeating: 1, count: 8))

    static func source(_ trains: [Int32: [Double]], simulationTime: Double) throws -> SpikeSource {
        var columns = NESTSpikeFiles.Columns()
        for (gid, times) in trains.sorted(by: { $0.key < $1.key }) {
            columns.senders += Array(repeating: gid, count: times.count)
            columns.times += times
        }
        return try SpikeSource(columns: columns, populations: populations, simulationTime: simulationTime, origin: "test")
    }

    /// The human values: three one-column files in a temporary folder.
    static func recordings(rates: [Double], cv: [Double], lvr: [Double]) throws -> HumanRecordings {
        let folder = try Fixtures.temporaryDirectory("humam-human")
        for (name, header, values) in [(HumanRecordings.ratesFile, "rate_hz", rates), (HumanRecordings.coefficientOfVariationFile, "cv", cv),
                                       (HumanRecordings.revisedLocalVariationFile, "lvr", lvr)] {
            try (([header] + values.map { "\($0)" }).joined(separator: "\n") + "\n")
                .write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return try HumanRecordings(folder: folder)
    }

    /// scipy.stats.ks_2samp's statistic on continuous, tied, equal, disjoint and tiny samples.
    /// Tolerance 1e-12: both take the largest difference of the same two fractions i/n − j/m.
    @Test func kolmogorovSmirnovEqualsScipy() throws {
        let data = try Data(contentsOf: Fixtures.url("human/ks_cases.json"))
        let cases = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        #expect(cases.count == 5)
        for item in cases {
            let first = try #require(item["first"] as? [Double]), second = try #require(item["second"] as? [Double])
            let expected = try #require(item["statistic"] as? Double)
            let statistic = try #require(KolmogorovSmirnov.statistic(first, second))
            #expect(abs(statistic - expected) <= 1e-12, "\(item["name"] ?? "")")
            #expect(KolmogorovSmirnov.statistic(second, first) == statistic)
        }
        #expect(KolmogorovSmirnov.statistic([], [1]) == nil && KolmogorovSmirnov.statistic([1, .nan], [1]) == nil)
    }

    /// Windows open at both ends; rates kept from 0.5 spikes/s; CV and LvR of trains with at
    /// least 10 spikes in the snippet and no zero ISI; the values by hand.
    @Test func snippetRules() throws {
        // Neuron 1: spikes at the window's ends (excluded) and 10 inside, 100 ms apart.
        let regular = (1...10).map { 2500.0 + 100 * Double($0) }
        // Neuron 2: 9 spikes inside. Neuron 3: 11 spikes with one repeated time (zero ISI).
        // Neuron 4: one spike (0.5 spikes/s, kept). Neuron 5: silent in the window.
        let nine = (1...9).map { 2600.0 + 50 * Double($0) }
        let repeated = (1...10).map { 3000.0 + 10 * Double($0) } + [3100.0]
        let spikes = try Self.source([1: [2500] + regular + [4500], 2: nine, 3: repeated.sorted(), 4: [3000], 5: [100, 4600]],
                                     simulationTime: 4700)
        let comparison = try HumanComparison(spikes, area: "alpha",
                                             recordings: Self.recordings(rates: [1, 2], cv: [1], lvr: [1]))
        #expect(comparison.snippets.count == 1 && comparison.snippets[0] == (2500, 4500))
        let rates = comparison.measures[0].simulated.sorted()
        #expect(rates == [0.5, 4.5, 5, 5.5])
        // Neuron 1 alone: equal ISIs, CV 0; LvR = 3/(n−1) Σ (1 − 1)(…) = 0.
        #expect(comparison.measures[1].simulated == [0] && comparison.measures[2].simulated == [0])
        // A Poisson-like train by hand: ISIs 10, 30, 20 ms → CV = SD/mean with the population SD.
        let intervals = [10.0, 30, 20]
        #expect(abs(SnippetStatistics.coefficientOfVariation(intervals) - (200.0 / 3).squareRoot() / 20) < 1e-15)
        let lvr = SnippetStatistics.revisedLocalVariation(intervals, refractoryPeriod: 2)
        let terms = (1 - 4 * 300.0 / 1600) * (1 + 8.0 / 40) + (1 - 4 * 600.0 / 2500) * (1 + 8.0 / 50)
        #expect(abs(lvr - 3 * terms / 2) < 1e-15)
    }

    /// A run shorter than 4500 ms has no snippet: an error; a measure without simulated values
    /// is undefined (null), never 0; an unknown area is named.
    @Test func undefinedCasesAreErrorsOrUndefined() throws {
        let recordings = try Self.recordings(rates: [1, 2], cv: [1], lvr: [1])
        #expect {
            try HumanComparison(try Self.source([1: [100]], simulationTime: 4400), area: "alpha", recordings: recordings)
        } throws: { "\($0)".contains("a run of at least 4500.0 ms; this run has 4400.0 ms") }
        #expect { try HumanComparison(try Self.source([:], simulationTime: 5000), area: "beta", recordings: recordings) } throws: {
            "\($0)".contains("--area 'beta' is not an area of the run")
        }
        let silent = try HumanComparison(try Self.source([1: [100]], simulationTime: 5000), area: "alpha", recordings: recordings)
        #expect(silent.measures.allSatisfy { $0.simulated.isEmpty && $0.oneMinusKS == nil })
        let json = silent.jsonText()
        #expect(json.contains("\"one_minus_ks\": null") && !json.contains("\"one_minus_ks\": 0"))
        #expect(try JSONSerialization.jsonObject(with: Data(json.utf8)) is [String: Any])
        #expect(silent.summaryLines.allSatisfy { $0.contains("undefined (no simulated value)") })
    }

    /// The rates, CV and LvR of one snippet of a NEST run (the humam network exported at scaling
    /// 0.01, 4600 ms, read from NEST's ASCII files as the original's output is) equal those the
    /// original's `lvr_from_isi` and numpy compute from the same spikes. Tolerance 1e-12
    /// relative: the same formulas, summed in another order.
    @Test func nestRunMatchesTheOriginalsHelpers() throws {
        let expected = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: Fixtures.url("human/nest-run-expected.json"))) as? [String: Any])
        let area = try #require(expected["area"] as? String)
        let spikes = try RunFolder(Fixtures.url("human/nest-run")).spikeSource()
        #expect(spikes.simulationTime == 4600)
        let comparison = try HumanComparison(spikes, area: area, recordings: Self.recordings(rates: [1], cv: [1], lvr: [1]))
        for (index, key) in ["rates", "cv", "lvr"].enumerated() {
            let reference = try #require(expected[key] as? [Double]).sorted()
            let values = comparison.measures[index].simulated.sorted()
            #expect(values.count == reference.count, "\(key)")
            #expect(!values.isEmpty, "\(key): the fixture's area must have values")
            for (value, target) in zip(values, reference) {
                #expect(abs(value - target) <= 1e-12 * max(abs(target), 1), "\(key): \(value) vs \(target)")
            }
        }
    }

    /// The committed human data: the paper's counts, and values of the right kind.
    @Test func theCommittedHumanDataLoad() throws {
        let recordings = try HumanRecordings(folder: Fixtures.dataDirectory)
        #expect(recordings.rates.count == 178_800 && recordings.coefficientsOfVariation.count == 25_552
                && recordings.revisedLocalVariations.count == 25_552)
        #expect(recordings.rates.allSatisfy { $0 >= 0.5 && ($0 * 2).rounded() == $0 * 2 })
    }
}
