import Analysis
import Foundation
import Model

/// `humam fc` as one call: the functional connectivity of a run's area synaptic input currents
/// (the original's `synapticInputCurrent`), its comparison with an experimental FC and,
/// if asked, the FC of the BOLD signal, written once into a results folder checked beforehand.
/// The network comes from the run (`RunNetwork`).
public struct FunctionalConnectivityRun: Sendable {
    /// A folder of network tables to take the network from (nil: the run's, see `RunNetwork`).
    public var networkTables: URL?
    public var pscKernel: PSCKernel = .synapticTimeConstant
    /// Simulation resolution, ms, the spacing of the original PSC kernel (nil: from the run's
    /// record, else 0.1).
    public var resolution: Double?
    /// Simulated time, ms (nil: from the run's files or records).
    public var simulationTime: Double?
    /// Start of the FC window, ms (the initial transient is dropped).
    public var windowStart = PopulationRate.notebookWindowStart
    /// Experimental FC to compare with: a square CSV with area labels, or with
    /// `experimentalTimeSeries` a time × areas BOLD table.
    public var experimentalFC: URL?
    /// The hemisphere taken from a file with both (nil: left); an error for a file of one.
    public var hemisphere: Hemisphere?
    public var experimentalTimeSeries = false
    /// Also compute the BOLD signal of the area rates and its FC.
    public var bold = false
    public var writesFigures = true

    /// Shortest FC window, ms: 100 bins of 1 ms.
    public static let minimumWindow = 100.0
    /// Shortest window, ms, whose BOLD FC is not dominated by the start transient.
    public static let minimumBOLDWindow = 60_000.0

    public init() {}

    /// What the FC of a run comes to, for the command's summary.
    public struct Outcome: Sendable {
        /// The folder the results were written to.
        public var directory: URL
        /// Spikes, neurons and simulated time of the run.
        public var totals: SpikeTotals
        /// Areas of the FC.
        public var areaCount: Int
        public var comparison: FCComparison?
        /// Wall time, s: taking the network, reading the spikes into the rate histogram, and
        /// from the start of the reading to the comparison.
        public var networkSeconds: Double
        public var readSeconds: Double
        public var computeSeconds: Double
    }

    /// Takes the network of `folder` (`configuration` when the run has no tables; see
    /// `RunNetwork`), reads its spikes into 1 ms rate bins (memory independent of their
    /// number), computes the area currents, their FC and the comparison, and writes
    /// syn_current_areas.csv, fc_synaptic.csv, fc_comparison.json, the BOLD tables, the record
    /// of the run (`AnalysedRun`) and the figures into `output`. A BOLD FC of a window shorter than `minimumBOLDWindow` is
    /// reported as `PipelineEvent.shortBOLDWindow`.
    public func run(_ folder: RunFolder, configuration: ExperimentConfiguration, into output: OutputFolder,
                    humamVersion: String, events: (PipelineEvent) -> Void) throws -> Outcome {
        let start = Date()
        let model = try RunNetwork.synapticInputModel(of: folder, tables: networkTables, configuration: configuration,
                                                      humamVersion: humamVersion, events: events)
        let networkSeconds = Date().timeIntervalSince(start)
        let clock = Date()
        let spikes = try folder.spikeSource(simulationTime: simulationTime, layout: model.layout)
        try RunNetwork.checkNeuronNumbers(spikes.populations, model)
        let window = try AnalysisWindow(start: windowStart, simulationTime: spikes.simulationTime,
                                        minimumLength: Self.minimumWindow, purpose: "an FC of area currents (1 ms bins)")
        let histogram = try RateHistogram(spikes)
        let readSeconds = Date().timeIntervalSince(clock)

        let current = SynapticInputCurrent(histogram: histogram, model: model, kernel: pscKernel,
                                           simulationResolution: folder.resolution(override: resolution))
        let fc = current.functionalConnectivity(start: window.start, stop: window.stop)
        let experimental = try experimentalFC.map {
            try ExperimentalFC.read($0, areas: fc.areas, hemisphere: hemisphere, timeseries: experimentalTimeSeries)
        }
        let comparison = experimental.map {
            FCComparison(simulated: fc, experimental: $0.connectivity, hemisphere: $0.hemisphere,
                         file: experimentalFC?.relativePath ?? "")
        }
        let computeSeconds = Date().timeIntervalSince(clock)

        let directory = try output.create()
        try AnalysedRun(folder, totals: SpikeTotals(spikes)).write(into: directory, command: "fc")
        try AtomicFile.write(AnalysisTables.timeSeries(names: current.areas, values: current.values,
                                                       binCount: current.binCount, binWidth: current.binWidth),
                             to: directory.appendingPathComponent("syn_current_areas.csv"))
        try AtomicFile.write(fc.csvText(), to: directory.appendingPathComponent("fc_synaptic.csv"))
        if let comparison {
            try AtomicFile.write(comparison.jsonText(), to: directory.appendingPathComponent("fc_comparison.json"))
        }
        if bold {
            if window.length < Self.minimumBOLDWindow {
                events(.shortBOLDWindow(lengthMs: window.length, minimumMs: Self.minimumBOLDWindow))
            }
            let signal = BOLDSignal(histogram: histogram, areas: spikes.populations.layout.areas)
            try AtomicFile.write(signal.tableText(), to: directory.appendingPathComponent("bold_areas.csv"))
            try AtomicFile.write(signal.functionalConnectivity(start: windowStart).csvText(),
                                 to: directory.appendingPathComponent("fc_bold.csv"))
        }
        if writesFigures {
            let figures = directory.appendingPathComponent("figures")
            var all: [(figure: any Figure, path: URL)] = [
                (HeatmapFigure(connectivity: fc, title: "Simulated FC (synaptic currents, \(pscKernel.rawValue) kernel)"),
                 figures.appendingPathComponent("fc_synaptic")),
                (AnalysisFigures.areaTimeSeries(names: current.areas, values: current.values, binCount: current.binCount,
                                                binWidth: current.binWidth, from: windowStart, yLabel: "Current (pA)"),
                 figures.appendingPathComponent("syn_current_areas")),
            ]
            if let comparison, let experimental {
                all.append((AnalysisFigures.fcComparison(simulated: fc, experimental: experimental.connectivity, comparison: comparison),
                            figures.appendingPathComponent("fc_comparison")))
            }
            try FigureExport.write(all)
        }
        return Outcome(directory: directory, totals: SpikeTotals(spikes),
                       areaCount: fc.areas.count, comparison: comparison,
                       networkSeconds: networkSeconds, readSeconds: readSeconds, computeSeconds: computeSeconds)
    }
}
