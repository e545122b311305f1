import Analysis
import ArgumentParser
import Foundation
import Model

/// `humam analyze`: spike statistics of a run (the original's `Analysis`): rates, CV, LvR,
/// correlations, rate histograms, and the notebook's figures.
struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Spike statistics per population (rate, CV ISI, LvR, spike-count correlation), rate histograms and figures.",
        discussion: """
        As the original's Analysis (src/analysis.py) on the same spikes: rate = spikes in [t-start, t-stop) per neuron \
        and second; CV and LvR (R = --refractory-period) over neurons with at least 10 spikes after t-start; \
        spike-count correlation in 1 ms bins from t-start to t-stop over the first --correlation-subsample neurons that \
        fire (the original takes the first ones, not a random draw). Writes population_statistics.csv \
        (area,layer,population,neurons,rate_hz,cv_isi,lvr,spike_count_correlation; a cell is empty where the \
        statistic is undefined: CV and LvR of a population without a neuron with 10 spikes in the window, the \
        correlation of one with fewer than 2 neurons whose counts vary; the original writes 0 there), rate_histogram_areas.csv and \
        rate_histogram_populations.csv (time_ms × spikes/s, 1 ms bins from 0) and, unless --no-figures, \
        figures/population_statistics, instantaneous_rate (last 500 ms), average_rate_per_population (X: no neurons), \
        area_rates and raster_<area>_<start>-<stop>ms (.svg, and .png when rsvg-convert is installed). \
        --compare-human adds human_comparison.json and figures/human_comparison (Pronold et al. 2024's comparison \
        with human medial-frontal-cortex units, Minxha et al. 2020).
        """)

    @OptionGroup var runOptions: RunOptions

    @Option(name: .customLong("t-start"), parsing: .unconditional, help: "Start of the analysis window, ms.")
    var windowStart: Double = PopulationRate.notebookWindowStart

    @Option(name: .customLong("t-stop"), parsing: .unconditional, help: "End of the analysis window, ms (default: the simulated time).")
    var windowStop: Double?

    @Option(parsing: .unconditional, help: "Refractory period R of the revised local variation LvR, ms.")
    var refractoryPeriod: Double = NeuronParameters.excitatoryDefault.refractoryPeriod

    @Option(parsing: .unconditional, help: "Neurons per population whose spike counts are correlated (the first ones that fire, as the original).")
    var correlationSubsample = 2000

    @Flag(help: "Also compare --area with human single units as the paper does: rate, CV and LvR per neuron in 2-s snippets from 2.5 s on, 1 − KS against the recordings (analysis/human_comparison.json; needs t_sim ≥ 4500 ms).")
    var compareHuman = false

    @Option(help: "With --compare-human: the area compared (default: \(HumanComparison.defaultArea), as the paper).")
    var area: String?

    @Option(help: "With --compare-human: a folder with other recordings (human_mfc_rates.csv, human_mfc_cv.csv, human_mfc_lvr.csv; default: the data folder's human medial frontal cortex units).")
    var human: String?

    func validate() throws {
        if let windowStop, !(windowStop > windowStart) { throw ValidationError("--t-stop must be after --t-start") }
        if correlationSubsample < 2 {
            throw ValidationError("--correlation-subsample \(correlationSubsample) is invalid; expected at least 2")
        }
        if !(refractoryPeriod >= 0 && refractoryPeriod.isFinite) {
            throw ValidationError("--refractory-period \(refractoryPeriod) is invalid; expected a period ≥ 0 ms")
        }
        if !compareHuman, let option = [area == nil ? nil : "--area", human == nil ? nil : "--human"].compactMap({ $0 }).first {
            throw ValidationError("\(option) belongs to the comparison with human recordings; add --compare-human or leave it out")
        }
    }

    func run() throws {
        let clock = Date()
        let folder = try runOptions.runFolder()
        let output = try runOptions.outputFolder(for: folder)
        var request = SpikeStatisticsRun()
        if compareHuman {
            let recordings = try HumanRecordings(folder: human.map { URL(fileURLWithPath: $0) } ?? DataFolder.resolve(explicit: nil))
            request.humanComparison = (area ?? HumanComparison.defaultArea, recordings)
        }
        request.windowStart = windowStart
        request.windowStop = windowStop
        request.simulationTime = runOptions.simulationTime
        request.refractoryPeriod = refractoryPeriod
        request.correlationSubsample = correlationSubsample
        request.writesFigures = !runOptions.noFigures
        let outcome = try request.run(folder, into: output)
        print(RunOptions.description(of: folder, outcome.totals))
        print(String(format: "window %.1f–%.1f ms: mean rate over populations %.3f spikes/s, neuron-weighted %.3f spikes/s, range %.3f–%.3f",
                     windowStart, outcome.windowStop, outcome.meanRateHz, outcome.neuronWeightedRateHz,
                     outcome.minimumRateHz, outcome.maximumRateHz))
        outcome.undefinedStatistics.forEach { print($0) }
        if let comparison = outcome.humanComparison {
            print("compared with human recordings (\(comparison.human.path)): \(comparison.area), \(comparison.snippets.count) snippet(s) of 2 s from 2.5 s on")
            comparison.summaryLines.forEach { print("  " + $0) }
        }
        print(String(format: "time %.2f s; results in %@/", Date().timeIntervalSince(clock), outcome.directory.path))
    }
}
