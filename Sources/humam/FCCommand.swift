import Analysis
import ArgumentParser
import Foundation
import Model
import Pipeline

/// `humam fc`: functional connectivity from the area synaptic input currents of a run, and its
/// comparison with an experimental FC.
struct FCCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fc",
        abstract: "Simulated FC from synaptic input currents (the original's synapticInputCurrent); compare with an fMRI FC.",
        discussion: """
        The area current is Σ |J| K psc(t) over each area's populations, weighted by neuron number, where psc is the \
        population rate (1 ms bins) convolved with a normalised causal exponential kernel. --psc-kernel tau-syn (default) \
        samples that kernel on the 1 ms bins, so it decays with tau_syn = 2 ms; --psc-kernel original samples it on the \
        0.1 ms simulation grid as the original does, which on 1 ms bins means a 20 ms decay, and reproduces the original's \
        numbers. The network (neuron and synapse numbers, weights) comes from --network-tables, else from a network/ \
        folder in the run, else from the parameters a humam run recorded in run.json (when no network options are \
        given), else from the network options (as for `humam network`); it must be the network that produced the \
        spikes (neuron numbers are checked against population_GIDs.dat).
        """)

    @OptionGroup var runOptions: RunOptions
    @OptionGroup var network: NetworkOptions

    @Option(help: "Folder with the network's tables (humam network --out, or the original's neuron_numbers.csv, synapses_internal.csv, weights_connected_only.csv).")
    var networkTables: String?

    @Option(help: "PSC kernel: tau-syn (intended decay) or original (the original's 0.1 ms kernel on 1 ms bins).")
    var pscKernel: PSCKernel = .synapticTimeConstant

    @Option(help: "Simulation resolution, ms, the spacing of the original PSC kernel (default: from the run's record, else 0.1).")
    var resolution: Double?

    @Option(name: .customLong("t-start"), parsing: .unconditional, help: "Start of the FC window, ms (the initial transient is dropped).")
    var windowStart: Double = 500

    @Option(help: "Experimental FC to compare with: a square CSV with area labels, or with --timeseries a time × areas table.")
    var compare: String?

    @Option(help: "Hemisphere taken from a file with both (labels L_/R_, lh_/rh_, ctx-lh-/ctx-rh-).")
    var hemisphere: Hemisphere = .left

    @Flag(help: "The --compare file is a time × areas BOLD table; its FC is computed here.")
    var timeseries = false

    @Flag(help: "Also compute the BOLD signal (Balloon–Windkessel, Friston 2003) of the area rates and its FC.")
    var bold = false

    /// Shortest FC window, ms: 100 bins of 1 ms.
    static let minimumWindow = 100.0
    /// Shortest window, ms, whose BOLD FC is not dominated by the start transient.
    static let minimumBOLDWindow = 60_000.0

    func validate() throws {
        if let resolution, !(resolution > 0) { throw ValidationError("--resolution must be positive") }
    }

    func run() throws {
        let processStart = Date()
        let folder = try runOptions.runFolder()
        let outputFolder = try runOptions.outputFolder(for: folder)
        let model = try inputModel(folder)
        let networkSeconds = Date().timeIntervalSince(processStart)
        let clock = Date()
        // One pass over the spikes into the rate histogram: memory independent of their number.
        let spikes = try folder.spikeSource(simulationTime: runOptions.simulationTime, layout: model.layout)
        try RunNetwork.checkNeuronNumbers(spikes.populations, model)
        let window = try AnalysisWindow(start: windowStart, simulationTime: spikes.simulationTime,
                                        minimumLength: Self.minimumWindow, purpose: "an FC of area currents (1 ms bins)")
        let histogram = try RateHistogram(spikes)
        let readSeconds = Date().timeIntervalSince(clock)

        let current = SynapticInputCurrent(histogram: histogram, model: model, kernel: pscKernel,
                                           simulationResolution: folder.resolution(override: resolution))
        let fc = current.functionalConnectivity(start: window.start, stop: window.stop)
        var comparison: FCComparison?
        var experimental: ExperimentalFC.Result?
        if let compare {
            let result = try ExperimentalFC.read(URL(fileURLWithPath: compare), areas: fc.areas,
                                                 hemisphere: hemisphere, timeseries: timeseries)
            experimental = result
            comparison = FCComparison(simulated: fc, experimental: result.connectivity, hemisphere: result.hemisphere,
                                      file: compare)
        }
        let computeSeconds = Date().timeIntervalSince(clock)

        let output = try outputFolder.create()
        try AtomicFile.write(AnalysisTables.timeSeries(names: current.areas, values: current.values,
                                                       binCount: current.binCount, binWidth: current.binWidth),
                             to: output.appendingPathComponent("syn_current_areas.csv"))
        try AtomicFile.write(fc.csvText(), to: output.appendingPathComponent("fc_synaptic.csv"))
        if let comparison {
            try AtomicFile.write(comparison.jsonText(), to: output.appendingPathComponent("fc_comparison.json"))
        }
        if bold {
            if window.length < Self.minimumBOLDWindow {
                FileHandle.standardError.write(Data("humam fc: warning: the BOLD FC of a \(window.length / 1000) s window is dominated by the hemodynamic response to the run's start (it lasts ~20 s); fc_bold.csv needs at least \(Self.minimumBOLDWindow / 1000) s to mean anything\n".utf8))
            }
            let signal = BOLDSignal(histogram: histogram, areas: spikes.populations.layout.areas)
            try AtomicFile.write(signal.tableText(), to: output.appendingPathComponent("bold_areas.csv"))
            try AtomicFile.write(signal.functionalConnectivity(start: windowStart).csvText(),
                                 to: output.appendingPathComponent("fc_bold.csv"))
        }
        if !runOptions.noFigures {
            let figures = output.appendingPathComponent("figures")
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

        print("run: \(folder.url.path) (\(spikes.spikeCount) spikes, \(spikes.populations.gidRange.count) neurons, t_sim \(spikes.simulationTime) ms)")
        print("FC of \(fc.areas.count) area currents, t ≥ \(windowStart) ms, \(pscKernel.rawValue) PSC kernel")
        if let comparison {
            print("compared with \(comparison.file) \(comparison.hemisphereDescription): \(comparison.summary)")
        }
        print(String(format: "time: network description %.3f s, reading spikes into the histogram %.3f s, reading to comparison %.3f s, total %.3f s",
                     networkSeconds, readSeconds, computeSeconds, Date().timeIntervalSince(processStart)))
        print("results in \(output.path)/")
        print("report: humam report --run \(folder.url.path)\(runOptions.out == nil ? "" : " --analysis \(output.path)") writes \(folder.url.appendingPathComponent("report.html").path)")
    }

    /// The network that produced the spikes (`RunNetwork`): `--network-tables`, else the run's
    /// `network/` tables, else the parameters a humam run recorded in `run.json` (unless network
    /// options are given), else the network options.
    func inputModel(_ folder: RunFolder) throws -> SynapticInputModel {
        try RunNetwork.synapticInputModel(of: folder, tables: networkTables.map { URL(fileURLWithPath: $0) },
                                          configuration: network.configuration(), humamVersion: Humam.configuration.version,
                                          events: PipelineMessages.write)
    }
}
