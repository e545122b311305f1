import ArgumentParser
import Analysis
import Foundation
import Model
import Spiking

extension ConnectionRule: ExpressibleByArgument {}

/// `humam simulate`: build the network, simulate it with the LIF engine and write the spikes,
/// rates and a run record to `out/<network-hash>/<simulation-hash>/` (or `--out`).
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Simulate the network with NEST's iaf_psc_exp dynamics; write spikes (NEST ASCII and binary), rates and run.json.")

    @OptionGroup var network: NetworkOptions

    @Option(name: .customLong("t-sim"), help: "Simulated time, ms (default 2000).")
    var duration: Double?

    @Option(help: "Master seed of all random streams (default 2903).")
    var seed: UInt64?

    @Option(help: "Worker threads (default: all cores); the spikes do not depend on it.")
    var threads: Int?

    @Option(help: "Time step, ms (default 0.1).")
    var resolution: Double?

    @Option(help: "fixed_total_number (default) or fixed_indegree.")
    var connectionRule: ConnectionRule?

    @Option(help: "Lower bound of inter-area delays, ms (default 0: the resolution).")
    var delayCcMin: Double?

    @Option(help: ArgumentHelp("A single spike onto the first neuron of a population, as AREA,LAYER,POP,TIME_MS (e.g. lingual,IV,E,500); repeatable.", valueName: "spike"))
    var singleSpike: [String] = []

    @Option(help: "Output folder (default: out/<network-hash>/<simulation-hash>/).")
    var out: String?

    @Option(help: "Area of the raster plot (default: the area with the highest mean rate).")
    var rasterArea: String?

    @Flag(help: "Write no figures.")
    var noFigures = false

    func validate() throws {
        if let duration, !(duration >= 0 && duration.isFinite) {
            throw ValidationError("--t-sim \(duration) is invalid; expected a duration ≥ 0 ms")
        }
        if let threads, threads < 1 { throw ValidationError("--threads \(threads) is invalid; expected at least 1") }
        if let resolution, !(resolution > 0 && resolution.isFinite) {
            throw ValidationError("--resolution \(resolution) is invalid; expected a step > 0 ms")
        }
        if let delayCcMin, !(delayCcMin >= 0 && delayCcMin.isFinite) {
            throw ValidationError("--delay-cc-min \(delayCcMin) is invalid; expected ≥ 0 ms")
        }
    }

    /// Simulation parameters: defaults < experiment file `sim_params` < flags.
    func parameters() throws -> SimulationParameters {
        var defaults = SimulationParameters()
        defaults.threads = ProcessInfo.processInfo.activeProcessorCount
        var parameters = try network.experiment?.apply(section: "sim_params", to: defaults) ?? defaults
        if let duration { parameters.duration = duration }
        if let seed { parameters.seed = seed }
        if let threads { parameters.threads = threads }
        if let resolution { parameters.resolution = resolution }
        if let connectionRule { parameters.connectionRule = connectionRule }
        if let delayCcMin { parameters.minimumInterAreaDelay = delayCcMin }
        for text in singleSpike {
            let fields = text.split(separator: ",").map(String.init)
            guard fields.count == 4, let time = Double(fields[3]) else {
                throw ValidationError("--single-spike '\(text)' is invalid; expected AREA,LAYER,POP,TIME_MS, e.g. lingual,IV,E,500")
            }
            parameters.singleSpikes.append(SingleSpike(area: fields[0], layer: fields[1], population: fields[2], time: time))
        }
        return parameters
    }

    /// The notebook's down-scaling factor, the default of `humam simulate`.
    static let notebookScaling = 0.006

    func run() throws {
        let parameters = try parameters()
        let built = try network.build(parameters: network.parameters(defaultScaling: Self.notebookScaling))
        if let rasterArea, !built.layout.areas.contains(rasterArea) {
            throw ValidationError("--raster-area '\(rasterArea)' is not an area; expected one of \(built.layout.areas.joined(separator: ", "))")
        }
        let simulation = try Simulation(network: built, parameters: parameters)
        let standardError = FileHandle.standardError
        standardError.write(Data(String(format: "humam simulate: %ld neurons, %ld synapses, %ld thread(s); set up in %.3f s\n",
                                        simulation.neuronCount, simulation.synapseCount, simulation.threadCount,
                                        simulation.setupSeconds).utf8))
        let interactive = isatty(STDERR_FILENO) == 1
        let report: @Sendable (SimulationProgress) -> Void = { progress in
            let line = String(format: "\r  %.0f / %.0f ms  wall %.1f s  real-time factor %.2f  %ld spikes  ETA %.1f s   ",
                              progress.simulatedMs, progress.totalMs, progress.wallSeconds, progress.realTimeFactor,
                              progress.spikes, progress.remainingSeconds)
            FileHandle.standardError.write(Data(line.utf8))
        }
        let result = simulation.run(progress: interactive ? report : nil)
        if interactive { standardError.write(Data("\n".utf8)) }
        let directory = out.map { URL(fileURLWithPath: $0) }
            ?? SimulationOutput.defaultDirectory(base: URL(fileURLWithPath: "out"), network: built, parameters: parameters)
        let output = SimulationOutput(result: result, network: built,
                                      humamVersion: Humam.configuration.version)
        try output.write(to: directory)
        let record = output.record()
        let figures = noFigures ? [] : try SimulationFigures.write(run: directory, rasterArea: rasterArea)
        print("""
            simulated \(String(format: "%.0f", parameters.duration)) ms of \(record.neurons) neurons, \(record.synapses) synapses
              setup      \(String(format: "%.3f", record.setupSeconds)) s
              simulate   \(String(format: "%.3f", record.simulateSeconds)) s (real-time factor \(String(format: "%.3f", parameters.duration > 0 ? record.simulateSeconds / (parameters.duration / 1000) : 0)), \(record.threads) thread(s))
              spikes     \(record.spikes) (mean rate \(String(format: "%.2f", record.meanRateHz)) spikes/s from \(String(format: "%.0f", record.rateWindowStartMs)) ms)
            \(SimulationRateSummary(result: result, network: built).text)
              peak memory \(record.peakMemoryBytes.map { "\($0 / 1_000_000) MB" } ?? "unknown")
            written to \(directory.path)/\(figures.isEmpty ? "" : " (figures: \(figures.map(\.lastPathComponent).joined(separator: ", ")))")
            """)
    }
}
