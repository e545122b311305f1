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

    @Option(help: ArgumentHelp("Write a checkpoint into the run's temporary folder every MS ms of simulated time; SIGINT/SIGTERM then stop after a checkpoint, and --resume continues.", valueName: "ms"))
    var checkpointEvery: Double?

    @Option(help: ArgumentHelp("Continue the interrupted run whose temporary folder (.NAME.partial-ID, with a checkpoint) is DIR; give the options of that run (--threads may differ).", valueName: "dir"))
    var resume: String?

    func validate() throws {
        if let checkpointEvery, !(checkpointEvery > 0 && checkpointEvery.isFinite) {
            throw ValidationError("--checkpoint-every \(checkpointEvery) is invalid; expected an interval > 0 ms")
        }
    }

    /// The notebook's down-scaling factor, the default of `humam simulate`.
    static let notebookScaling = 0.006

    func run() throws {
        let parameters = try simulation.parameters(experiment: network.experiment)
        let built = try network.build(parameters: network.parameters(defaultScaling: Self.notebookScaling))
        if let rasterArea, !built.layout.areas.contains(rasterArea) {
            throw InputError("--raster-area '\(rasterArea)' is not an area; expected one of \(built.layout.areas.joined(separator: ", "))")
        }
        let directory = try destination(network: built, parameters: parameters)
        let standardError = FileHandle.standardError
        let abandoned = SimulationOutput.removeAbandonedFolders(beside: directory)
        for folder in abandoned.removed {
            standardError.write(Data("humam simulate: removed \(folder.path), the unfinished folder of a run that was killed\n".utf8))
        }
        for folder in abandoned.resumable where folder.path != resume.map({ URL(fileURLWithPath: $0).standardizedFileURL.path }) {
            standardError.write(Data("humam simulate: kept \(folder.path), the unfinished folder of a run that stopped after a checkpoint; continue it with: \(Self.resumeCommand(folder: folder))\n".utf8))
        }
        // The default folder is named by the parameters' hashes: a run there is the same run.
        // Spikes stream into its temporary folder while the simulation runs.
        let output: SimulationOutput
        var resumed: SimulationState?
        if let resume {
            (output, resumed) = try SimulationOutput.resuming(URL(fileURLWithPath: resume), network: built, parameters: parameters,
                                                              replace: replace, humamVersion: Humam.configuration.version)
        } else {
            output = try SimulationOutput(directory: directory, network: built, parameters: parameters,
                                          asciiSpikes: asciiSpikes, replace: replace || out == nil,
                                          humamVersion: Humam.configuration.version)
        }
        let estimate = MemoryEstimate(network: built, parameters: parameters)
        if estimate.mode == .procedural {
            // Drawing the row lengths of a large network takes a while (about 50 s at full scale).
            standardError.write(Data("humam simulate: setting up \(estimate.neurons) neurons and \(estimate.synapses) synapses with procedural connectivity (row lengths: \(estimate.synapseBytes / 1_000_000) MB)…\n".utf8))
        }
        let simulation: Simulation
        if let state = resumed {
            do { simulation = try Simulation(network: built, parameters: parameters, resuming: state) } catch {
                throw InputError(file: output.temporary.appendingPathComponent(RunFiles.checkpoint).path, error.description)
            }
            resumed = nil  // copied into the simulation: free the state's arrays
            standardError.write(Data(String(format: "humam simulate: resuming \(output.temporary.path) at %.1f ms\n",
                                            Double(simulation.startStep) * parameters.resolution).utf8))
        } else {
            simulation = try Simulation(network: built, parameters: parameters)
        }
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
        // A resumed run is a run with checkpoints: an interruption checkpoints it again.
        let checkpointing = checkpointEvery != nil || resume != nil
        let result: SimulationResult
        do {
            result = try simulation.run(sink: output, progress: interactive ? report : nil,
                                        interrupted: { Interruption.requested },
                                        checkpointSteps: checkpointEvery.map { max(1, Int(($0 / parameters.resolution).rounded())) },
                                        checkpoint: checkpointing ? { (state: SimulationState) throws(InputError) in
                                            let start = Date()
                                            let bytes = try output.writeCheckpoint(state)
                                            standardError.write(Data(String(format: "\rhumam simulate: checkpoint at %.1f ms: %.1f MB in %.2f s\n",
                                                                            Double(state.step) * parameters.resolution, Double(bytes) / 1e6,
                                                                            Date().timeIntervalSince(start)).utf8))
                                        } : nil)
        } catch {
            output.discard()
            if interactive { standardError.write(Data("\n".utf8)) }
            if output.isResumable {
                throw InputError("\(error.description); the unfinished run is kept in \(output.temporary.path) with its last checkpoint; continue it with: \(Self.resumeCommand(folder: output.temporary))")
            }
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

    /// Where the run goes: `--out`, the default folder named by the hashes, or, with `--resume`,
    /// where the interrupted run was going (`--out`, if given too, must name the same folder).
    func destination(network: Network, parameters: SimulationParameters) throws(InputError) -> URL {
        let requested = out.map { URL(fileURLWithPath: $0).standardizedFileURL }
        guard let resume else {
            return requested ?? SimulationOutput.defaultDirectory(base: URL(fileURLWithPath: "out"), network: network, parameters: parameters)
        }
        guard let target = AtomicFile.target(ofTemporary: URL(fileURLWithPath: resume)) else {
            throw InputError(file: resume, "is not the temporary folder of an unfinished humam run (a folder named .NAME.partial-ID beside the run's destination NAME)")
        }
        if let requested, requested.path != target.path {
            throw InputError("--out \(requested.path) is not where the run of --resume \(resume) goes (\(target.path)); give that folder or leave --out out")
        }
        return target
    }

    /// This command line with `--resume folder` instead of any `--resume` it has, quoted for a
    /// POSIX shell.
    static func resumeCommand(folder: URL) -> String {
        var arguments: [String] = []
        var skipNext = false
        for argument in CommandLine.arguments {
            if skipNext { skipNext = false; continue }
            if argument == "--resume" { skipNext = true; continue }
            if argument.hasPrefix("--resume=") { continue }
            arguments.append(argument)
        }
        return (arguments + ["--resume", folder.path]).map { argument in
            !argument.isEmpty && argument.allSatisfy({ $0.isLetter || $0.isNumber || "-_./=,:+@%".contains($0) })
                ? argument : "'" + argument.replacingOccurrences(of: "'", with: "'\\''") + "'"
        }.joined(separator: " ")
    }
}
