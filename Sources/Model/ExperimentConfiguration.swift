import Foundation

/// Everything a command's options say about the network and the simulation, the experiment
/// file read once: the data folder, the experiment file (YAML or JSON) and the flags, with the
/// precedence defaults < experiment file < flags.
public struct ExperimentConfiguration: Sendable {
    /// The model's input tables.
    public let dataDirectory: URL
    /// The experiment file, parsed (nil: none given).
    public let experiment: ExperimentFile?
    public let networkOverrides: NetworkOverrides
    public let simulationOverrides: SimulationOverrides

    /// Reads `experimentFile` (if given); errors name the file and key.
    public init(dataDirectory: URL, experimentFile: URL?, network: NetworkOverrides,
                simulation: SimulationOverrides = SimulationOverrides()) throws(InputError) {
        self.dataDirectory = dataDirectory
        experiment = try experimentFile.map { (url) throws(InputError) in try ExperimentFile(contentsOf: url) }
        networkOverrides = network
        simulationOverrides = simulation
    }

    /// The network parameters after the experiment file and the flags.
    public func networkParameters() throws(InputError) -> NetworkParameters {
        try networkOverrides.parameters(experiment: experiment)
    }

    /// The simulation parameters after the experiment file and the flags.
    public func simulationParameters() throws(InputError) -> SimulationParameters {
        try simulationOverrides.parameters(experiment: experiment)
    }

    /// The full-scale rates file for the DC compensation: the flag's, else the experiment
    /// file's; nil means: solve the mean-field theory of the full-scale network.
    public var fullscaleRatesFile: URL? {
        networkOverrides.fullscaleRatesFile ?? experiment?.fullscaleRatesPath.map { URL(fileURLWithPath: $0) }
    }

    /// Whether the experiment file or a flag (other than the rates file) sets the network; if
    /// neither does, a command reading a run may take the network the run recorded.
    public var setsNetwork: Bool { experiment != nil || networkOverrides.changesNetwork }
}
