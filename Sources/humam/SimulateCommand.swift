import ArgumentParser
import Analysis
import Foundation
import Model
import RunFormat
import Spiking

/// `humam simulate`: build the network, simulate it with the LIF engine and write the spikes,
/// rates and a run record to `out/<network-hash>/<simulation-hash>/` (or `--out`).
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Simulate the network with NEST's iaf_psc_exp dynamics; write spikes (NEST ASCII and binary), rates and run.json.")

    @OptionGroup var network: NetworkOptions

    @OptionGroup var simulation: SimulationOptions

    @Option(help: "Output folder (default: out/<network-hash>/<simulation-hash>/).")
    var out: String?

    @Option(help: "Area of the raster plot (default: the area with the highest mean rate).")
    var rasterArea: String?

    @Flag(help: "Write no figures.")
    var noFigures = false

    @Flag(help: "Replace the humam run folder at --out if there is one (anything else is never replaced).")
    var replace = false

    @Flag(inversion: .prefixedNo, help: "Also write NEST's ASCII spike file (default: for networks up to 1,000,000 neurons; spikes.bin is always written).")
    var asciiSpikes: Bool?

    /// The notebook's down-scaling factor, the default of `humam simulate`.
    static let notebookScaling = 0.006

    func run() throws {
        let parameters = try simulation.parameters(experiment: network.experiment)
        let built = try network.build(parameters: network.parameters(defaultScaling: Self.notebookScaling))
        if let rasterArea, !built.layout.areas.contains(rasterArea) {
            throw InputError("--raster-area '\(rasterArea)' is not an area; expected one of \(built.layout.areas.joined(separator: ", "))")
        }
        let directory = out.map { URL(fileURLWithPath: $0) }
            ?? SimulationOutput.defaultDirectory(base: URL(fileURLWithPath: "out"), network: built, parameters: parameters)
        let standardError = FileHandle.standardError
        for folder in SimulationOutput.removeAbandonedFolders(beside: directory) {
            standardError.write(Data("humam simulate: removed \(folder.path), the unfinished folder of a run that was killed\n".utf8))
        }
        // The default folder is named by the parameters' hashes: a run there is the same run.
        // Spikes stream into its temporary folder while the simulation runs.
        let output = try SimulationOutput(directory: directory, network: built, parameters: parameters,
                                          asciiSpikes: asciiSpikes, replace: replace || out == nil,
                                          humamVersion: Humam.configuration.version)
        let estimate = MemoryEstimate(network: built, parameters: parameters)
        if estimate.mode == .procedural {
            // Drawing the row lengths of a large network takes a while (about 50 s at full scale).
            standardError.write(Data("humam simulate: setting up \(estimate.neurons) neurons and \(estimate.synapses) synapses with procedural connectivity (row lengths: \(estimate.synapseBytes / 1_000_000) MB)…\n".utf8))
        }
        let simulation = try Simulation(network: built, parameters: parameters)
        standardError.write(Data(String(format: "humam simulate: %ld neurons, %ld synapses (\(simulation.connectivityMode.rawValue)), %ld thread(s); set up in %.3f s\n",
                                        simulation.neuronCount, simulation.synapseCount, simulation.threadCount,
                                        simulation.setupSeconds).utf8))
        let interactive = isatty(STDERR_FILENO) == 1
        let report: @Sendable (SimulationProgress) -> Void = { progress in
            let line = String(format: "\r  %.0f / %.0f ms  wall %.1f s  real-time factor %.2f  %ld spikes  ETA %.1f s   ",
                              progress.simulatedMs, progress.totalMs, progress.wallSeconds, progress.realTimeFactor,
                              progress.spikes, progress.remainingSeconds)
            FileHandle.standardError.write(Data(line.utf8))
        }
        Interruption.install()
        let result: SimulationResult
        do {
            result = try simulation.run(sink: output, progress: interactive ? report : nil,
                                        interrupted: { Interruption.requested })
        } catch {
            output.discard()
            if interactive { standardError.write(Data("\n".utf8)) }
            throw InputError("\(error.description); the unfinished run was removed, nothing was written to \(directory.path)")
        }
        if interactive { standardError.write(Data("\n".utf8)) }
        let record: RunRecord
        do { record = try output.finish(result) } catch {
            throw InputError("\(error.description); the unfinished run was removed, nothing was written to \(directory.path)")
        }
        let saved = output.savedDirectory ?? directory
        if saved != directory {
            standardError.write(Data("humam simulate: another run was written to \(directory.path) while this one ran; this run was saved as \(saved.path)\n".utf8))
        }
        let figures = noFigures ? [] : try SimulationFigures.write(run: saved, rasterArea: rasterArea)
        print("""
            simulated \(String(format: "%.0f", parameters.duration)) ms of \(record.neurons) neurons, \(record.synapses) synapses
              setup      \(String(format: "%.3f", record.setupSeconds)) s
              simulate   \(String(format: "%.3f", record.simulateSeconds)) s (real-time factor \(String(format: "%.3f", parameters.duration > 0 ? record.simulateSeconds / (parameters.duration / 1000) : 0)), \(record.threads) thread(s))
              spikes     \(record.spikes) (mean rate \(record.meanRateHz.map { String(format: "%.2f spikes/s", $0) } ?? "undefined: empty window") from \(String(format: "%.0f", record.rateWindowStartMs)) ms)
            \(SimulationRateSummary(result: result, network: built).text)
              peak memory \(record.peakMemoryBytes.map { "\($0 / 1_000_000) MB" } ?? "unknown")
            written to \(saved.path)/\(figures.isEmpty ? "" : " (figures: \(figures.map(\.lastPathComponent).joined(separator: ", ")))")
            report: humam report --run \(saved.path) writes \(saved.appendingPathComponent("report.html").path)
            """)
    }
}
