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
        area_rates and raster_<area>_<start>-<stop>ms (.svg, and .png when rsvg-convert is installed).
        """)

    @OptionGroup var runOptions: RunOptions

    @Option(name: .customLong("t-start"), parsing: .unconditional, help: "Start of the analysis window, ms.")
    var windowStart: Double = 500

    @Option(name: .customLong("t-stop"), parsing: .unconditional, help: "End of the analysis window, ms (default: the simulated time).")
    var windowStop: Double?

    @Option(help: "Refractory period R of the revised local variation LvR, ms.")
    var refractoryPeriod: Double = NeuronParameters.excitatoryDefault.refractoryPeriod

    @Option(help: "Neurons per population whose spike counts are correlated (the first ones that fire, as the original).")
    var correlationSubsample = 2000

    func validate() throws {
        if let windowStop, !(windowStop > windowStart) { throw ValidationError("--t-stop must be after --t-start") }
        if correlationSubsample < 2 { throw ValidationError("--correlation-subsample must be at least 2") }
    }

    func run() throws {
        let clock = Date()
        let folder = try runOptions.runFolder()
        let outputFolder = try runOptions.outputFolder(for: folder)
        let spikes = try folder.spikeSource(simulationTime: runOptions.simulationTime)
        let stop = try AnalysisWindow(start: windowStart, stop: windowStop, simulationTime: spikes.simulationTime,
                                      minimumLength: 1, purpose: "the statistics (1 ms bins)").stop
        let layout = spikes.populations.layout
        // Every statistic passes over the spikes streamed from the run's files, keeping per
        // neuron or per bin numbers only. Windows as in the original: rates t_start ≤ t < t_stop;
        // CV and LvR t ≥ t_start (and ≤ t_stop only when one is given); correlations in 1 ms
        // bins from t_start to t_stop. Undefined statistics are NaN (empty cells).
        let rates = try FiringRates.populationRates(spikes, start: windowStart, stop: stop)
        let (cv, lvr) = try InterspikeIntervals.irregularity(spikes, refractoryPeriod: refractoryPeriod,
                                                             start: windowStart, stop: windowStop)
        let correlations = try SpikeCountCorrelation.populationMeans(spikes, start: windowStart, stop: stop,
                                                                     subsample: correlationSubsample)
        let histogram = try RateHistogram(spikes)

        let output = try outputFolder.create()
        try AtomicFile.write(AnalysisTables.populationTable(
            layout: layout, neuronCounts: spikes.populations.neuronCounts,
            columns: [("rate_hz", rates), ("cv_isi", cv), ("lvr", lvr), ("spike_count_correlation", correlations)]),
            to: output.appendingPathComponent("population_statistics.csv"))
        try AtomicFile.write(AnalysisTables.timeSeries(names: layout.areas, values: histogram.areaRatesKHz,
                                                       binCount: histogram.binCount, binWidth: histogram.binWidth, scale: 1000),
                             to: output.appendingPathComponent("rate_histogram_areas.csv"))
        let nonEmpty = (0..<layout.count).filter { spikes.populations.neuronCounts[$0] > 0 }
        try AtomicFile.write(AnalysisTables.timeSeries(
            names: nonEmpty.map { layout.population(at: $0).label },
            values: nonEmpty.flatMap { histogram.populationRatesKHz[$0 * histogram.binCount..<($0 + 1) * histogram.binCount] },
            binCount: histogram.binCount, binWidth: histogram.binWidth, scale: 1000),
            to: output.appendingPathComponent("rate_histogram_populations.csv"))

        if !runOptions.noFigures {
            let figures = output.appendingPathComponent("figures")
            let rasterWindow = windowStart...min(windowStart + 250, spikes.simulationTime)
            // The rasters need the spikes of their window only.
            let trains = try SpikeTrains(spikes, during: rasterWindow)
            var all: [(figure: any Figure, path: URL)] = [
                (FigureRow([
                    AnalysisFigures.boxPlot(rates, layout: layout, xLabel: "Firing rate (spikes/s)", title: "Rates"),
                    AnalysisFigures.boxPlot(cv, layout: layout, xLabel: "CV ISI", title: "CV of ISIs"),
                    AnalysisFigures.boxPlot(correlations, layout: layout, xLabel: "Correlation coefficient", title: "Correlations"),
                 ]), figures.appendingPathComponent("population_statistics")),
                (AnalysisFigures.instantaneousRates(histogram, areas: layout.areas), figures.appendingPathComponent("instantaneous_rate")),
                (AnalysisFigures.averageRates(rates, layout: layout), figures.appendingPathComponent("average_rate_per_population")),
                (AnalysisFigures.areaTimeSeries(names: layout.areas, values: histogram.areaRatesKHz, binCount: histogram.binCount,
                                                binWidth: histogram.binWidth, from: windowStart, yLabel: "Rate (spikes/s)", scale: 1000),
                 figures.appendingPathComponent("area_rates")),
            ]
            for area in layout.areas.indices {
                all.append((AnalysisFigures.raster(trains, areaIndex: area, window: rasterWindow),
                            figures.appendingPathComponent(AnalysisFigures.rasterFileName(area: layout.areas[area], window: rasterWindow))))
            }
            try FigureExport.write(all)
        }

        let finite = nonEmpty.map { rates[$0] }
        let totalNeurons = Double(spikes.populations.neuronCounts.reduce(0, +))
        let weighted = nonEmpty.map { rates[$0] * Double(spikes.populations.neuronCounts[$0]) }.reduce(0, +) / totalNeurons
        print("run: \(folder.url.path) (\(spikes.spikeCount) spikes, \(spikes.populations.gidRange.count) neurons, t_sim \(spikes.simulationTime) ms)")
        print(String(format: "window %.1f–%.1f ms: mean rate over populations %.3f spikes/s, neuron-weighted %.3f spikes/s, range %.3f–%.3f",
                     windowStart, stop, finite.reduce(0, +) / Double(finite.count), weighted,
                     finite.min() ?? .nan, finite.max() ?? .nan))
        let minimumSpikes = InterspikeIntervals.defaultMinimumSpikes
        for (name, values, reason) in [
            ("CV ISI", cv, "no neuron with at least \(minimumSpikes) spikes, \(minimumSpikes - 1) ISIs, in the window"),
            ("LvR", lvr, "no neuron with at least \(minimumSpikes) spikes, \(minimumSpikes - 1) ISIs, in the window"),
            ("spike-count correlation", correlations, "fewer than 2 neurons with varying spike counts"),
        ] {
            if let text = AnalysisTables.undefinedSummary(name, values: values, neuronCounts: spikes.populations.neuronCounts,
                                                          reason: reason) {
                print(text)
            }
        }
        print(String(format: "time %.2f s; results in %@/", Date().timeIntervalSince(clock), output.path))
    }
}
