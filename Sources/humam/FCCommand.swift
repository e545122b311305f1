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

    @Option(parsing: .unconditional, help: "Simulation resolution, ms, the spacing of the original PSC kernel (default: from the run's record, else 0.1).")
    var resolution: Double?

    @Option(name: .customLong("t-start"), parsing: .unconditional, help: "Start of the FC window, ms (the initial transient is dropped).")
    var windowStart: Double = PopulationRate.notebookWindowStart

    @Option(help: "Experimental FC to compare with: a square CSV with area labels, or with --timeseries a time × areas table.")
    var compare: String?

    @Option(help: "Hemisphere taken from a --compare file with both (labels L_/R_, lh_/rh_, ctx-lh-/ctx-rh-; default left).")
    var hemisphere: Hemisphere?

    @Flag(help: "The --compare file is a time × areas BOLD table; its FC is computed here.")
    var timeseries = false

    @Flag(help: "Also compute the BOLD signal (Balloon–Windkessel, Friston 2003) of the area rates and its FC.")
    var bold = false

    func validate() throws {
        if let resolution, !(resolution > 0 && resolution.isFinite) {
            throw ValidationError("--resolution \(resolution) is invalid; expected a step > 0 ms")
        }
        if resolution != nil && pscKernel != .original {
            throw ValidationError("--resolution sets the spacing of the original PSC kernel; it does nothing with --psc-kernel \(pscKernel.rawValue)")
        }
        if compare == nil, let option = [hemisphere == nil ? nil : "--hemisphere", timeseries ? "--timeseries" : nil].compactMap({ $0 }).first {
            throw ValidationError("\(option) describes the --compare file; give --compare FILE or leave it out")
        }
    }

    func run() throws {
        let processStart = Date()
        let folder = try runOptions.runFolder()
        let output = try runOptions.outputFolder(for: folder)
        var request = FunctionalConnectivityRun()
        request.networkTables = networkTables.map { URL(fileURLWithPath: $0) }
        request.pscKernel = pscKernel
        request.resolution = resolution
        request.simulationTime = runOptions.simulationTime
        request.windowStart = windowStart
        request.experimentalFC = compare.map { URL(fileURLWithPath: $0) }
        request.hemisphere = hemisphere
        request.experimentalTimeSeries = timeseries
        request.bold = bold
        request.writesFigures = !runOptions.noFigures
        let outcome = try request.run(folder, configuration: network.configuration(), into: output,
                                      humamVersion: Humam.version, events: PipelineMessages.write)
        print(RunOptions.description(of: folder, outcome.totals))
        print("FC of \(outcome.areaCount) area currents, t ≥ \(windowStart) ms, \(pscKernel.rawValue) PSC kernel")
        if let comparison = outcome.comparison {
            print("compared with \(comparison.file) \(comparison.hemisphereDescription): \(comparison.summary)")
        }
        print(String(format: "time: network description %.3f s, reading spikes into the histogram %.3f s, reading to comparison %.3f s, total %.3f s",
                     outcome.networkSeconds, outcome.readSeconds, outcome.computeSeconds, Date().timeIntervalSince(processStart)))
        print("results in \(outcome.directory.path)/")
        let report = ["humam", "report", "--run", folder.url.path] + (runOptions.out == nil ? [] : ["--analysis", outcome.directory.path])
        print("report: \(ShellCommand.line(report)) writes \(folder.url.appendingPathComponent("report.html").path)")
    }
}
