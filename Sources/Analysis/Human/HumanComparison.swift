import Foundation
import Model

/// `humam analyze --compare-human`: one area's spiking in the paper's 2-s snippets
/// (`SnippetStatistics`) against human single units (`HumanRecordings`), each of rate, CV and
/// LvR as 1 − D, D the two-sample Kolmogorov–Smirnov statistic (`KolmogorovSmirnov`) — the
/// similarity the paper plots over chi (0.82 / 0.46 / 0.45 for chi ≤ 2.4, 0.93 / 0.90 / 0.95 at
/// chi 2.5). Written as `human_comparison.json` and the figure `human_comparison` (the three
/// cumulative distributions) into the analysis folder.
public struct HumanComparison: Sendable {
    /// Caudal anterior cingulate, the area the paper compares (the recordings are of the human
    /// medial frontal cortex).
    public static let defaultArea = "caudalanteriorcingulate"
    public static let fileName = "human_comparison.json"
    public static let figureName = "human_comparison"

    /// One measure's comparison.
    public struct Measure: Sendable {
        public var name: String
        public var simulated: [Double]
        public var human: [Double]
        /// 1 − D; nil (undefined) where the simulation gave no value.
        public var oneMinusKS: Double? {
            KolmogorovSmirnov.statistic(simulated, human).map { 1 - $0 }
        }
    }

    public var area: String
    public var snippets: [(start: Double, stop: Double)]
    public var human: URL
    public var measures: [Measure]

    /// Compares `area` of the run `spikes` with `recordings`. A run too short for one snippet,
    /// or an area that is not one of the run's, is an error; a measure without simulated values
    /// is undefined (`oneMinusKS` nil), never 0. Memory: the area's spikes from 2.5 s on.
    public init(_ spikes: SpikeSource, area: String, recordings: HumanRecordings) throws(InputError) {
        let layout = spikes.populations.layout
        let (areaIndex, windows) = try Self.check(area: area, layout: layout, simulationTime: spikes.simulationTime)
        let trains = try SpikeTrains(spikes, keep: { layout.areaIndex(ofPopulation: $0) == areaIndex },
                                     during: SnippetStatistics.firstStartMs...windows.last!.stop)
        try self.init(trains, area: area, recordings: recordings)
    }

    /// The same from spike trains already in memory (the report's).
    public init(_ trains: SpikeTrains, area: String, recordings: HumanRecordings) throws(InputError) {
        let layout = trains.populations.layout
        let (areaIndex, windows) = try Self.check(area: area, layout: layout, simulationTime: trains.simulationTime)
        let populations = (0..<layout.count).filter { layout.areaIndex(ofPopulation: $0) == areaIndex }
        let statistics = SnippetStatistics(trains, neurons: populations.map { trains.neurons(ofPopulation: $0) }, windows: windows)
        self.area = area
        snippets = windows
        human = recordings.folder
        measures = [
            Measure(name: "rates", simulated: statistics.rates, human: recordings.rates),
            Measure(name: "cv", simulated: statistics.coefficientsOfVariation, human: recordings.coefficientsOfVariation),
            Measure(name: "lvr", simulated: statistics.revisedLocalVariations, human: recordings.revisedLocalVariations),
        ]
    }

    /// The area's index and the snippets of a run of `simulationTime` ms; errors for an unknown
    /// area or a run without a snippet.
    static func check(area: String, layout: PopulationLayout, simulationTime: Double) throws(InputError)
        -> (area: Int, windows: [(start: Double, stop: Double)]) {
        guard let areaIndex = layout.areas.firstIndex(of: area) else {
            throw InputError("--area '\(area)' is not an area of the run; expected one of \(layout.areas.joined(separator: ", "))")
        }
        let windows = SnippetStatistics.windows(simulationTime: simulationTime)
        guard !windows.isEmpty else {
            throw InputError("the comparison with human recordings needs 2-s snippets from \(SnippetStatistics.firstStartMs) ms on, so a run of at least \(SnippetStatistics.firstStartMs + SnippetStatistics.lengthMs) ms; this run has \(simulationTime) ms")
        }
        return (areaIndex, windows)
    }

    /// The median (numpy's: the mean of the two middle values of an even count); nil if empty.
    public static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted(), middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// `human_comparison.json`: area, snippets and their windows, the human data's folder, and
    /// per measure the counts, medians and 1 − KS (null where undefined).
    public func jsonText() -> String {
        func number(_ value: Double?) -> String { value.map { "\($0)" } ?? "null" }
        var lines = ["{", "  \"area\": \"\(area)\",", "  \"snippets\": \(snippets.count),",
                     "  \"snippet_windows_ms\": [\(snippets.map { "[\($0.start), \($0.stop)]" }.joined(separator: ", "))],",
                     "  \"human_data\": \(jsonString(human.path)),"]
        for (index, measure) in measures.enumerated() {
            lines.append("  \"\(measure.name)\": {")
            lines.append("    \"simulated_count\": \(measure.simulated.count),")
            lines.append("    \"human_count\": \(measure.human.count),")
            lines.append("    \"simulated_median\": \(number(Self.median(measure.simulated))),")
            lines.append("    \"human_median\": \(number(Self.median(measure.human))),")
            lines.append("    \"one_minus_ks\": \(number(measure.oneMinusKS))")
            lines.append("  }" + (index < measures.count - 1 ? "," : ""))
        }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    private func jsonString(_ text: String) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: [text], options: [.withoutEscapingSlashes])) ?? Data("[\"\"]".utf8)
        return String(decoding: data.dropFirst().dropLast(), as: UTF8.self)
    }

    /// The three cumulative distributions, simulated against human (at most ~400 points each).
    public func figure() -> any Figure {
        let labels = ["rates": ("Rate (spikes/s)", "Rates"), "cv": ("CV ISI", "CV"), "lvr": ("LvR", "LvR")]
        return FigureRow(measures.map { measure in
            let (xLabel, title) = labels[measure.name] ?? (measure.name, measure.name)
            let similarity = measure.oneMinusKS.map { String(format: "1 − KS = %.3f", $0) } ?? "1 − KS undefined"
            let simulated = Self.cumulative(measure.simulated), human = Self.cumulative(measure.human)
            return LineFigure(series: [
                .init(label: "simulated (\(measure.simulated.count))", x: simulated.x, y: simulated.y, color: "#d62728"),
                .init(label: "human (\(measure.human.count))", x: human.x, y: human.y, color: "#1f77b4"),
            ], xLabel: xLabel, yLabel: "Cumulative fraction", title: "\(title): \(similarity)", yRange: 0...1,
               plotWidth: 260, plotHeight: 200)
        })
    }

    /// The empirical distribution function at (up to) 400 of the sorted values, as a step line.
    static func cumulative(_ values: [Double]) -> (x: [Double], y: [Double]) {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return ([], []) }
        let stride = max(1, sorted.count / 400)
        var x: [Double] = [], y: [Double] = []
        for index in Array(Swift.stride(from: 0, to: sorted.count, by: stride)) + [sorted.count - 1] {
            x.append(sorted[index])
            y.append(Double(index + 1) / Double(sorted.count))
        }
        return (x, y)
    }

    /// One line per measure for the terminal.
    public var summaryLines: [String] {
        measures.map { measure in
            let value = measure.oneMinusKS.map { String(format: "%.3f", $0) } ?? "undefined (no simulated value)"
            let simulatedMedian = Self.median(measure.simulated).map { String(format: "%.3g", $0) } ?? "—"
            return "\(measure.name): 1 − KS = \(value) (\(measure.simulated.count) simulated values, median \(simulatedMedian); \(measure.human.count) human, median \(String(format: "%.3g", Self.median(measure.human) ?? .nan)))"
        }
    }
}
