import Foundation
import Model

/// `humam analyze` as one call: the spike statistics of a run folder (the original's
/// `Analysis`) — rates, CV, LvR, spike-count correlations, rate histograms — written once into
/// a results folder checked beforehand, with the notebook's figures.
public struct SpikeStatisticsRun: Sendable {
    /// Start of the analysis window, ms.
    public var windowStart = PopulationRate.notebookWindowStart
    /// End of the analysis window, ms (nil: the simulated time).
    public var windowStop: Double?
    /// Simulated time, ms (nil: from the run's files or records).
    public var simulationTime: Double?
    /// Refractory period R of the revised local variation LvR, ms.
    public var refractoryPeriod = NeuronParameters.excitatoryDefault.refractoryPeriod
    /// Neurons per population whose spike counts are correlated (the first ones that fire).
    public var correlationSubsample = 2000
    /// Write the figures into `figures/` of the results folder.
    public var writesFigures = true
    /// Also compare this area with these human recordings (`HumanComparison`).
    public var humanComparison: (area: String, recordings: HumanRecordings)?

    public init() {}

    /// What the statistics of a run come to, for the command's summary.
    public struct Outcome: Sendable {
        /// The folder the results were written to.
        public var directory: URL
        /// Spikes, neurons and simulated time of the run.
        public var totals: SpikeTotals
        /// End of the window used, ms.
        public var windowStop: Double
        /// Rates over the window of the non-empty populations, spikes/s: their mean, their mean
        /// weighted by neuron number, their minimum and maximum.
        public var meanRateHz: Double
        public var neuronWeightedRateHz: Double
        public var minimumRateHz: Double
        public var maximumRateHz: Double
        /// One sentence per statistic that is undefined for some populations.
        public var undefinedStatistics: [String]
        /// The comparison with human recordings, if asked for.
        public var humanComparison: HumanComparison?
    }

    /// Reads the spikes of `folder` (streamed: memory per neuron or per bin, not per spike),
    /// computes the statistics and writes population_statistics.csv, the rate histograms, the
    /// record of the run (`AnalysedRun`) and, if asked, the figures into `output`.
    public func run(_ folder: RunFolder, into output: OutputFolder) throws -> Outcome {
        let spikes = try folder.spikeSource(simulationTime: simulationTime)
        let stop = try AnalysisWindow(start: windowStart, stop: windowStop, simulationTime: spikes.simulationTime,
                                      minimumLength: 1, purpose: "the statistics (1 ms bins)").stop
        let layout = spikes.populations.layout
        let neuronCounts = spikes.populations.neuronCounts
        // Windows as in the original: rates t_start ≤ t < t_stop; CV and LvR t ≥ t_start (and
        // ≤ t_stop only when one is given); correlations in 1 ms bins from t_start to t_stop.
        // Undefined statistics are NaN (empty cells).
        let rates = try FiringRates.populationRates(spikes, start: windowStart, stop: stop)
        let (cv, lvr) = try InterspikeIntervals.irregularity(spikes, refractoryPeriod: refractoryPeriod,
                                                             start: windowStart, stop: windowStop)
        let correlations = try SpikeCountCorrelation.populationMeans(spikes, start: windowStart, stop: stop,
                                                                     subsample: correlationSubsample)
        let histogram = try RateHistogram(spikes)
        let comparison = try humanComparison.map { (request) throws(InputError) in
            try HumanComparison(spikes, area: request.area, recordings: request.recordings)
        }

        let directory = try output.create()
        try AnalysedRun(folder, totals: SpikeTotals(spikes)).write(into: directory, command: "analyze")
        try AtomicFile.write(AnalysisTables.populationTable(
            layout: layout, neuronCounts: neuronCounts,
            columns: [("rate_hz", rates), ("cv_isi", cv), ("lvr", lvr), ("spike_count_correlation", correlations)]),
            to: directory.appendingPathComponent("population_statistics.csv"))
        try AtomicFile.write(AnalysisTables.timeSeries(names: layout.areas, values: histogram.areaRatesKHz,
                                                       binCount: histogram.binCount, binWidth: histogram.binWidth, scale: 1000),
                             to: directory.appendingPathComponent("rate_histogram_areas.csv"))
        let nonEmpty = (0..<layout.count).filter { neuronCounts[$0] > 0 }
        try AtomicFile.write(AnalysisTables.timeSeries(
            names: nonEmpty.map { layout.population(at: $0).label },
            values: nonEmpty.flatMap { histogram.populationRatesKHz[$0 * histogram.binCount..<($0 + 1) * histogram.binCount] },
            binCount: histogram.binCount, binWidth: histogram.binWidth, scale: 1000),
            to: directory.appendingPathComponent("rate_histogram_populations.csv"))
        if let comparison {
            try AtomicFile.write(comparison.jsonText(), to: directory.appendingPathComponent(HumanComparison.fileName))
        }
        if writesFigures {
            try writeFigures(spikes, rates: rates, cv: cv, correlations: correlations, histogram: histogram,
                             into: directory.appendingPathComponent("figures"))
            if let comparison {
                try FigureExport.write([(comparison.figure(), directory.appendingPathComponent("figures")
                    .appendingPathComponent(HumanComparison.figureName))])
            }
        }

        let nonEmptyRates = nonEmpty.map { rates[$0] }
        let minimumSpikes = InterspikeIntervals.defaultMinimumSpikes
        let tooFewSpikes = "no neuron with at least \(minimumSpikes) spikes, \(minimumSpikes - 1) ISIs, in the window"
        let undefined = [
            ("CV ISI", cv, tooFewSpikes),
            ("LvR", lvr, tooFewSpikes),
            ("spike-count correlation", correlations, "fewer than 2 neurons with varying spike counts"),
        ].compactMap { name, values, reason in
            AnalysisTables.undefinedSummary(name, values: values, neuronCounts: neuronCounts, reason: reason)
        }
        return Outcome(
            directory: directory, totals: SpikeTotals(spikes), windowStop: stop,
            meanRateHz: nonEmptyRates.reduce(0, +) / Double(nonEmptyRates.count),
            neuronWeightedRateHz: PopulationRate.neuronWeightedMean(rates, neuronCounts: neuronCounts, populations: nonEmpty),
            minimumRateHz: nonEmptyRates.min() ?? .nan, maximumRateHz: nonEmptyRates.max() ?? .nan,
            undefinedStatistics: undefined, humanComparison: comparison)
    }

    /// population_statistics, instantaneous_rate, average_rate_per_population, area_rates and a
    /// raster per area of the first 250 ms of the window.
    private func writeFigures(_ spikes: SpikeSource, rates: [Double], cv: [Double], correlations: [Double],
                              histogram: RateHistogram, into figures: URL) throws {
        let layout = spikes.populations.layout
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
}
