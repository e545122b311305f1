import Foundation
import Model
import RunFormat
import Spiking

/// `humam simulate` as one call: the configuration's network, simulated into a run folder.
/// The folder is checked before any work; temporary folders of killed runs beside it are
/// removed (or kept, with a checkpoint); spikes stream into a hidden temporary folder
/// (`SimulationOutput`, which also writes the network's tables), the run is checkpointed and
/// can be interrupted, and the finished folder is renamed into place and gets its figures.
public struct SimulationRun: Sendable {
    /// The run folder (nil: `<defaultBase>/<network-hash>/<simulation-hash>`).
    public var directory: URL?
    /// Where default run folders go.
    public var defaultBase = URL(fileURLWithPath: "out")
    /// The temporary folder (`.NAME.partial-ID`) of an interrupted run to continue.
    public var resumeFolder: URL?
    /// Replace a humam run at `directory` (the default folder, named by the hashes, is always
    /// replaced: a run there is the same run).
    public var replace = false
    /// NEST's ASCII spike file too (nil: for networks up to `SimulationOutput.asciiNeuronLimit`).
    public var asciiSpikes: Bool?
    /// Simulated time between checkpoints, ms (nil: none, unless resuming).
    public var checkpointInterval: Double?
    /// Shorter checkpoint intervals, ms of simulated time, get a warning with their cost: a
    /// checkpoint serves only to survive a stop, and a full-scale one writes ~100 MB (~0.8 s).
    public static let sensibleCheckpointIntervalMs = 100.0
    /// Write the raster and rate figures into the run folder.
    public var writesFigures = true
    /// Area of the raster plot (nil: the busiest one).
    public var rasterArea: String?
    /// Population rates (a CSV area,layer,population,rate_hz) by whose expected work the threads
    /// share the populations (nil: equal numbers of neurons; `Simulation`).
    public var balanceRates: URL?

    /// The notebook's down-scaling factor, the default of `humam simulate`.
    public static let notebookScaling = 0.006

    public init() {}

    /// What a finished run gives back.
    public struct Outcome: Sendable {
        public var network: Network
        public var result: SimulationResult
        /// run.json's content.
        public var record: RunRecord
        /// Where the run was going (`directory`, the default folder, or that of `resumeFolder`).
        public var destination: URL
        /// Where it was saved: `destination`, or beside it when another run appeared there meanwhile.
        public var savedDirectory: URL
        /// The figures written into the run folder.
        public var figures: [URL]
    }

    /// A run that stopped before its folder was saved: `reason`, and whether its temporary
    /// folder was kept with a checkpoint (`keptFolder`, from which `resumeFolder` continues) or
    /// removed (nothing was written to `destination`).
    public struct Stopped: Error, Sendable {
        public var reason: InputError
        public var keptFolder: URL?
        public var destination: URL
    }

    /// Builds the network of `configuration`, simulates it and saves the run folder. Progress
    /// goes to `progress` (nil: no progress work), messages to `events`; `interrupted` is asked
    /// at every exchange of the threads (with checkpoints the run then stops after one).
    public func run(_ configuration: ExperimentConfiguration, humamVersion: String,
                    events: @escaping (PipelineEvent) -> Void,
                    progress: (@Sendable (SimulationProgress) -> Void)? = nil,
                    interrupted: (@Sendable () -> Bool)? = nil) throws -> Outcome {
        let network = try NetworkPipeline.build(configuration, humamVersion: humamVersion, events: events)
        let parameters = try configuration.simulationParameters().canonical(for: network)
        if let rasterArea, !network.layout.areas.contains(rasterArea) {
            throw InputError("--raster-area '\(rasterArea)' is not an area; expected one of \(network.layout.areas.joined(separator: ", "))")
        }
        let destination = try destination(network: network, parameters: parameters)
        // Before the abandoned folders are cleared, which would remove one without a checkpoint.
        if let resumeFolder { try SimulationOutput.checkResumable(resumeFolder) }
        let abandoned = SimulationOutput.removeAbandonedFolders(beside: destination)
        abandoned.removed.forEach { events(.removedAbandonedFolder($0)) }
        for folder in abandoned.resumable where folder.path != resumeFolder?.standardizedFileURL.path {
            events(.keptResumableFolder(folder))
        }
        let output: SimulationOutput
        var resumed: SimulationState?
        if let resumeFolder {
            (output, resumed) = try SimulationOutput.resuming(resumeFolder, network: network, parameters: parameters,
                                                              replace: replace, humamVersion: humamVersion)
        } else {
            output = try SimulationOutput(directory: destination, network: network, parameters: parameters,
                                          asciiSpikes: asciiSpikes, replace: replace || directory == nil,
                                          humamVersion: humamVersion)
        }
        let estimate = MemoryEstimate(network: network, parameters: parameters)
        if estimate.mode == .procedural {
            events(.settingUpProcedural(neurons: estimate.neurons, synapses: estimate.synapses, rowBytes: estimate.synapseBytes))
        }
        let rates = try balanceRates.map { file throws(InputError) in
            try PopulationTable.readRates(file, of: network)
        }
        let simulation: Simulation
        if let state = resumed {
            do { simulation = try Simulation(network: network, parameters: parameters, resuming: state, balanceRates: rates) } catch {
                throw InputError(file: output.temporary.appendingPathComponent(RunFiles.checkpoint).path, error.description)
            }
            resumed = nil  // copied into the simulation: free the state's arrays
            events(.resuming(folder: output.temporary, timeMs: Double(simulation.startStep) * parameters.resolution))
        } else {
            simulation = try Simulation(network: network, parameters: parameters, balanceRates: rates)
        }
        events(.setUp(neurons: simulation.neuronCount, synapses: simulation.synapseCount,
                      connectivity: simulation.connectivityMode, threads: simulation.threadCount,
                      seconds: simulation.setupSeconds))
        if let balanceRates, let rates {
            let load = ThreadLoad(network: network, rates: rates, resolution: parameters.resolution)
            let equal = ThreadPartition.engine(indexing: simulation.indexing, threads: simulation.threadCount)
            events(.balanced(file: balanceRates, imbalance: load.imbalance(simulation.partition),
                             equalNeuronsImbalance: load.imbalance(equal),
                             sharedPopulations: simulation.partition.sharedPopulations(of: simulation.indexing).count))
        }
        // A resumed run is a run with checkpoints: an interruption checkpoints it again.
        // An interval beyond the run means no checkpoint before its end (and fits an Int).
        let checkpointSteps = checkpointInterval.map { max(1, Int(min(($0 / parameters.resolution).rounded(), Double(parameters.steps)))) }
        var warnedOfCheckpoints = false
        let checkpoint: ((SimulationState) throws(InputError) -> Void)? = checkpointInterval != nil || resumeFolder != nil
            ? { (state: SimulationState) throws(InputError) in
                let start = Date()
                let bytes = try output.writeCheckpoint(state)
                let seconds = Date().timeIntervalSince(start)
                events(.checkpoint(timeMs: Double(state.step) * parameters.resolution, bytes: bytes, seconds: seconds))
                if let checkpointSteps, !warnedOfCheckpoints,
                   Double(checkpointSteps) * parameters.resolution < Self.sensibleCheckpointIntervalMs {
                    warnedOfCheckpoints = true
                    events(.frequentCheckpoints(intervalMs: Double(checkpointSteps) * parameters.resolution,
                                                count: (parameters.steps - 1) / checkpointSteps, bytes: bytes, seconds: seconds))
                }
            } : nil
        let result: SimulationResult
        do {
            result = try simulation.run(sink: output, progress: progress, interrupted: interrupted,
                                        checkpointSteps: checkpointSteps,
                                        checkpoint: checkpoint)
        } catch {
            output.discard()
            throw Stopped(reason: error, keptFolder: output.isResumable ? output.temporary : nil, destination: destination)
        }
        let record: RunRecord
        do { record = try output.finish(result) } catch {
            throw Stopped(reason: error, keptFolder: nil, destination: destination)
        }
        let saved = output.savedDirectory ?? destination
        let figures = writesFigures ? try SimulationFigures.write(run: saved, rasterArea: rasterArea) : []
        return Outcome(network: network, result: result, record: record, destination: destination, savedDirectory: saved,
                       figures: figures)
    }

    /// Where the run goes: `directory`, the default folder named by the hashes, or, when
    /// resuming, where the interrupted run was going (`directory`, if given too, must name it).
    func destination(network: Network, parameters: SimulationParameters) throws(InputError) -> URL {
        let requested = directory?.standardizedFileURL
        guard let resumeFolder else {
            return requested ?? SimulationOutput.defaultDirectory(base: defaultBase, network: network, parameters: parameters)
        }
        guard let target = AtomicFile.target(ofTemporary: resumeFolder) else {
            throw InputError(file: resumeFolder.path, "is not the temporary folder of an unfinished humam run (a folder named .NAME.partial-ID beside the run's destination NAME)")
        }
        if let requested, requested.path != target.path {
            throw InputError("--out \(requested.path) is not where the run of --resume \(resumeFolder.path) goes (\(target.path)); give that folder or leave --out out")
        }
        return target
    }
}
