import Foundation

/// The simulation settings given as flags (`--t-sim`, `--seed`, `--threads`, …); nil means:
/// not given, so the experiment file's `sim_params` or the default applies.
public struct SimulationOverrides: Sendable, Equatable {
    /// Simulated time, ms.
    public var duration: Double?
    public var seed: UInt64?
    public var threads: Int?
    /// Time step, ms.
    public var resolution: Double?
    public var connectionRule: ConnectionRule?
    /// Lower bound of inter-area delays, ms.
    public var minimumInterAreaDelay: Double?
    public var connectivity: ConnectivityMode?
    /// Added to those of the experiment file.
    public var singleSpikes: [SingleSpike] = []

    public init() {}

    /// The simulation parameters: defaults (the notebook's, and every core of this machine) <
    /// `experiment`'s `sim_params` (range-checked, errors naming the file) < these flags.
    public func parameters(experiment: ExperimentFile?) throws(InputError) -> SimulationParameters {
        var defaults = SimulationParameters()
        defaults.threads = ProcessInfo.processInfo.activeProcessorCount
        var parameters = try experiment?.apply(section: "sim_params", to: defaults) ?? defaults
        try parameters.validate(source: experiment?.path)
        if let duration { parameters.duration = duration }
        if let seed { parameters.seed = seed }
        if let threads { parameters.threads = threads }
        if let resolution { parameters.resolution = resolution }
        if let connectionRule { parameters.connectionRule = connectionRule }
        if let minimumInterAreaDelay { parameters.minimumInterAreaDelay = minimumInterAreaDelay }
        if let connectivity { parameters.connectivity = connectivity }
        parameters.singleSpikes += singleSpikes
        // The flags, and their combination with the file's values (the steps of t_sim at the
        // resolution), checked again.
        try parameters.validate()
        return parameters
    }
}
