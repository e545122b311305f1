import Foundation
import Model

/// What the pipeline has to tell while it works. The library never prints: a command turns
/// each event into its message (`events` callbacks of `NetworkPipeline`, `SimulationRun`,
/// `FunctionalConnectivityRun`, `TheoryRun`).
public enum PipelineEvent: Sendable {
    /// The full-scale rates of the DC compensation came from humam's theory: `description`
    /// says which fixed point was chosen when they were solved now (nil: read from the cache);
    /// `cacheFile` is where they are kept (nil: not cached).
    case fullscaleTheory(description: String?, cacheFile: URL?)
    /// A temporary run folder whose writer died before any checkpoint was removed.
    case removedAbandonedFolder(URL)
    /// A temporary run folder whose writer died after a checkpoint was kept for resuming.
    case keptResumableFolder(URL)
    /// A large network's procedural connectivity is being set up (row lengths: `rowBytes`).
    case settingUpProcedural(neurons: Int, synapses: Int, rowBytes: Int)
    /// The run continues from the checkpoint in `folder` at `timeMs`.
    case resuming(folder: URL, timeMs: Double)
    /// The simulation is set up and about to run.
    case setUp(neurons: Int, synapses: Int, connectivity: ConnectivityMode, threads: Int, seconds: Double)
    /// The threads share the populations by the work at the rates of `file` (`--balance-rates`):
    /// the predicted imbalance (slowest thread over the mean) of that partition and of equal
    /// numbers of neurons, and the populations that several threads share.
    case balanced(file: URL, imbalance: Double, equalNeuronsImbalance: Double, sharedPopulations: Int)
    /// A checkpoint of `bytes` was written at simulated time `timeMs` in `seconds` of wall time.
    case checkpoint(timeMs: Double, bytes: Int, seconds: Double)
    /// Checkpoints come more often than every `SimulationRun.sensibleCheckpointIntervalMs`: the
    /// first one of the run cost `bytes` and `seconds`, and the run writes `count` of them.
    case frequentCheckpoints(intervalMs: Double, count: Int, bytes: Int, seconds: Double)
    /// The BOLD FC is of a window (`lengthMs`) shorter than `minimumMs`: the hemodynamic
    /// response to the run's start dominates it.
    case shortBOLDWindow(lengthMs: Double, minimumMs: Double)
}
