import ArgumentParser
import Foundation
import Model
import Pipeline

/// Options shared by every command that builds a network: where the data is, the experiment
/// file, and the common overrides. Precedence: defaults < `--config` < flags
/// (`ExperimentConfiguration`).
struct NetworkOptions: ParsableArguments {
    @Option(help: "Folder with the model's input tables (else $HUMAM_DATA, else ./notebooks-data, else the installed tables).")
    var data: String?

    @Option(help: "Experiment file (YAML or JSON) with net_params / sim_params overrides, keys as in the original.")
    var config: String?

    @Option(parsing: .unconditional, help: "Down-scaling factor for neuron numbers and indegrees (N_scaling = K_scaling), 0 < s ≤ 1.")
    var scaling: Double?

    @Option(parsing: .unconditional, help: "Cortico-cortical E→E weight factor chi (E→I gets 2 chi, as in the notebook).")
    var chi: Double?

    @Option(help: "Down-scaling rule: original (the original's, reproduces the notebook) or balanced (mean and variance preserving).")
    var downscaling: NetworkParameters.DownscalingMode?

    @Option(help: "CSV (area,layer,population,rate_hz) of full-scale rates for the DC compensation of a down-scaled network (default: humam's theory for the same parameters at full scale; the notebook used notebooks-data/base_theory_rates.csv).")
    var fullscaleRates: String?

    func validate() throws {
        if let scaling, !(scaling > 0 && scaling <= 1) {
            throw ValidationError("--scaling \(scaling) is invalid; expected 0 < scaling ≤ 1")
        }
        if let chi, !(chi >= 0 && chi.isFinite) {
            throw ValidationError("--chi \(chi) is invalid; expected chi ≥ 0")
        }
    }

    /// The data folder (`DataFolder`).
    var dataDirectory: URL { DataFolder.resolve(explicit: data) }

    /// The configuration of these options and `simulation`'s (the experiment file read here);
    /// `defaultScaling` applies when neither the file nor a flag sets the scaling (`humam
    /// simulate` defaults to the notebook's 0.006).
    func configuration(defaultScaling: Double? = nil, simulation: SimulationOverrides = SimulationOverrides()) throws -> ExperimentConfiguration {
        let overrides = NetworkOverrides(scaling: scaling, chi: chi, downscaling: downscaling,
                                         fullscaleRatesFile: fullscaleRates.map { URL(fileURLWithPath: $0) },
                                         defaultScaling: defaultScaling)
        return try ExperimentConfiguration(dataDirectory: dataDirectory, experimentFile: config.map { URL(fileURLWithPath: $0) },
                                           network: overrides, simulation: simulation)
    }

    /// Parameters after the experiment file and the flags.
    func parameters(defaultScaling: Double? = nil) throws -> NetworkParameters {
        try configuration(defaultScaling: defaultScaling).networkParameters()
    }

    /// Loads the data and builds the network these options describe.
    func build() throws -> Network {
        try NetworkPipeline.build(configuration(), humamVersion: Humam.version, events: PipelineMessages.write)
    }
}

extension NetworkParameters.DownscalingMode: ExpressibleByArgument {}
