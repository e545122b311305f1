import ArgumentParser
import Foundation
import Model
import Pipeline
import Spiking

/// `humam simulate`: build the network, simulate it with the LIF engine and write the spikes,
/// rates and a run record to `out/<network-hash>/<simulation-hash>/` (or `--out`).
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Simulate the network with NEST's iaf_psc_exp dynamics; write spikes (NEST ASCII and binary), rates and run.json.")

    @OptionGroup var network: NetworkOptions

    @OptionGroup var simulation: SimulationOptions

    @Option(help: "Synapses stored (10 B each), procedural (regenerated at every spike; 2 B per source neuron and pathway), or auto (default: stored up to 200 million synapses).")
    var connectivity: ConnectivityMode?

    @Option(help: ArgumentHelp("A single spike onto the first neuron of a population, as AREA,LAYER,POP,TIME_MS (e.g. lingual,IV,E,500); repeatable.", valueName: "spike"))
    var singleSpike: [String] = []

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

    @Option(parsing: .unconditional, help: ArgumentHelp("Write a checkpoint into the run's temporary folder every MS ms of simulated time; SIGINT/SIGTERM then stop after a checkpoint, and --resume continues.", valueName: "ms"))
    var checkpointEvery: Double?

    @Option(help: ArgumentHelp("Continue the interrupted run whose temporary folder (.NAME.partial-ID, with a checkpoint) is DIR; give the options of that run (--threads and --balance-rates may differ).", valueName: "dir"))
    var resume: String?

    @Option(help: ArgumentHelp("Share the populations between the threads by the work these population rates make (a CSV area,layer,population,rate_hz: a previous run's rates.csv, or `humam theory --out`), instead of by equal numbers of neurons; at high activity (chi 2.5) equal neurons are far from equal work. Where the model predicts a gain, a population is shared by several threads. The spikes do not depend on it. See `humam network --thread-load`.", valueName: "csv"))
    var balanceRates: String?

    func validate() throws {
        if let checkpointEvery, !(checkpointEvery > 0 && checkpointEvery.isFinite) {
            throw ValidationError("--checkpoint-every \(checkpointEvery) is invalid; expected an interval > 0 ms")
        }
        if rasterArea != nil && noFigures {
            throw ValidationError("--raster-area chooses the raster figure; it does nothing with --no-figures")
        }
    }

    /// The notebook's down-scaling factor, the default of `humam simulate`.
    static let notebookScaling = SimulationRun.notebookScaling

    func run() throws {
        var overrides = simulation.overrides()
        overrides.connectivity = connectivity
        overrides.singleSpikes = try singleSpike.map { text in
            let fields = text.split(separator: ",").map(String.init)
            guard fields.count == 4, let time = Double(fields[3]) else {
                throw ValidationError("--single-spike '\(text)' is invalid; expected AREA,LAYER,POP,TIME_MS, e.g. lingual,IV,E,500")
            }
            return SingleSpike(area: fields[0], layer: fields[1], population: fields[2], time: time)
        }
        let configuration = try network.configuration(defaultScaling: Self.notebookScaling, simulation: overrides)
        var request = SimulationRun()
        request.directory = out.map { URL(fileURLWithPath: $0) }
        request.resumeFolder = resume.map { URL(fileURLWithPath: $0) }
        request.replace = replace
        request.asciiSpikes = asciiSpikes
        request.checkpointInterval = checkpointEvery
        request.writesFigures = !noFigures
        request.rasterArea = rasterArea
        request.balanceRates = balanceRates.map { URL(fileURLWithPath: $0) }
        let interactive = isatty(STDERR_FILENO) == 1
        let outcome: SimulationRun.Outcome
        do {
            outcome = try request.run(configuration, humamVersion: Humam.version, events: { event in
                PipelineMessages.write(event)
                // From here on SIGINT/SIGTERM stop the run at the next exchange of its threads.
                if case .setUp = event { Interruption.install() }
            }, progress: interactive ? Self.writeProgress : nil, interrupted: { Interruption.requested })
        } catch let stopped as SimulationRun.Stopped {
            if interactive { FileHandle.standardError.write(Data("\n".utf8)) }
            if let kept = stopped.keptFolder {
                throw InputError("\(stopped.reason.description); the unfinished run is kept in \(kept.path) with its last checkpoint; continue it with: \(Self.resumeCommand(folder: kept))")
            }
            throw InputError("\(stopped.reason.description); the unfinished run was removed, nothing was written to \(stopped.destination.path)")
        }
        if interactive { FileHandle.standardError.write(Data("\n".utf8)) }
        let saved = outcome.savedDirectory, record = outcome.record, duration = outcome.result.parameters.duration
        if saved != outcome.destination {
            FileHandle.standardError.write(Data("humam simulate: \(outcome.destination.path) could not be replaced (another run was written there, or files humam did not write appeared in it, while this one ran); this run was saved as \(saved.path)\n".utf8))
        }
        let rates = PopulationRateSummary(result: outcome.result, network: outcome.network)
        func list(_ entries: [(label: String, rateHz: Double)]) -> String {
            entries.map { "\($0.label) \(String(format: "%.2f", $0.rateHz))" }.joined(separator: ", ")
        }
        print("""
            simulated \(String(format: "%.0f", duration)) ms of \(record.neurons) neurons, \(record.synapses) synapses
              setup      \(String(format: "%.3f", record.setupSeconds)) s
              simulate   \(String(format: "%.3f", record.simulateSeconds)) s (real-time factor \(String(format: "%.3f", duration > 0 ? record.simulateSeconds / (duration / 1000) : 0)), \(record.threads) thread(s))
              spikes     \(record.spikes) (mean rate \(record.meanRateHz.map { String(format: "%.2f spikes/s per neuron", $0) } ?? "undefined: empty window") from \(String(format: "%.0f", record.rateWindowStartMs)) ms)
              events     \(Self.workLine(outcome.result))
              E / I      \(String(format: "%.2f", rates.excitatoryHz)) / \(String(format: "%.2f", rates.inhibitoryHz)) spikes/s per neuron
              busiest    \(list(rates.busiest))
              quietest   \(list(rates.quietest))
              peak memory \(record.peakMemoryBytes.map { "\($0 / 1_000_000) MB" } ?? "unknown")
            written to \(saved.path)/\(outcome.figures.isEmpty ? "" : " (figures: \(outcome.figures.map(\.lastPathComponent).joined(separator: ", ")))")
            report: \(ShellCommand.line(["humam", "report", "--run", saved.path])) writes \(saved.appendingPathComponent("report.html").path)
            """)
    }

    /// The progress line on a terminal, rewritten in place.
    @Sendable static func writeProgress(_ progress: SimulationProgress) {
        let events = progress.eventsPerSecond.map { String(format: "  %.3g events/s, %.1f ns·core per event", $0, progress.coreNanosecondsPerEvent ?? 0) } ?? ""
        let line = String(format: "\r  %.0f / %.0f ms  wall %.1f s  real-time factor %.2f  %ld spikes",
                          progress.simulatedMs, progress.totalMs, progress.wallSeconds, progress.realTimeFactor, progress.spikes)
            + events + String(format: "  ETA %.1f s   ", progress.remainingSeconds)
        FileHandle.standardError.write(Data(line.utf8))
    }

    /// The summary's line of what the engine did (`EngineWork`): synaptic events delivered, per
    /// second and per core-nanosecond, and the rows and segments of procedural connectivity.
    static func workLine(_ result: SimulationResult) -> String {
        let work = result.work
        var line = "\(work.synapticEvents) synaptic events delivered"
        if let perEvent = result.coreNanosecondsPerEvent, result.workSeconds > 0 {
            line += String(format: " (%.3g per second, %.1f ns·core per event)", Double(work.synapticEvents) / result.workSeconds, perEvent)
        }
        if result.connectivity == .procedural {
            line += "; \(work.rowsRegenerated) rows regenerated in \(work.rowSegments) segments"
        }
        return line
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
        return ShellCommand.line(arguments + ["--resume", folder.path])
    }
}
