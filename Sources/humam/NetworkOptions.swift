import ArgumentParser
import Foundation
import Model
import Theory

/// Options shared by every command that builds a network: where the data is, the experiment
/// file, and the common overrides. Precedence: defaults < `--config` < flags.
struct NetworkOptions: ParsableArguments {
    @Option(help: "Folder with the model's input tables (else $HUMAM_DATA, else ./notebooks-data).")
    var data: String?

    @Option(help: "Experiment file (YAML or JSON) with net_params / sim_params overrides, keys as in the original.")
    var config: String?

    @Option(help: "Down-scaling factor for neuron numbers and indegrees (N_scaling = K_scaling), 0 < s ≤ 1.")
    var scaling: Double?

    @Option(help: "Cortico-cortical E→E weight factor chi (E→I gets 2 chi, as in the notebook).")
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

    /// The data folder: `--data`, else `$HUMAM_DATA`, else `notebooks-data/`.
    var dataDirectory: URL {
        if let data { return URL(fileURLWithPath: data) }
        if let environment = ProcessInfo.processInfo.environment["HUMAM_DATA"], !environment.isEmpty {
            return URL(fileURLWithPath: environment)
        }
        return URL(fileURLWithPath: "notebooks-data")
    }

    var experiment: ExperimentFile? {
        get throws { try config.map { try ExperimentFile(contentsOf: URL(fileURLWithPath: $0)) } }
    }

    /// Parameters after the experiment file and the flags; `defaultScaling` applies when neither
    /// sets the scaling (`humam simulate` defaults to the notebook's 0.006).
    func parameters(defaultScaling: Double? = nil) throws -> NetworkParameters {
        let experiment = try experiment
        var parameters = try experiment?.networkParameters() ?? NetworkParameters()
        if let scaling = scaling ?? (experiment?.setsScaling == true ? nil : defaultScaling) {
            parameters.downscaling.neuronScaling = scaling
            parameters.downscaling.indegreeScaling = scaling
        }
        if let chi {
            parameters.recurrentScaling.corticoCorticalEOntoE = chi
            parameters.recurrentScaling.corticoCorticalEOntoI = 2 * chi
        }
        if let downscaling { parameters.downscaling.mode = downscaling }
        try parameters.validate()
        return parameters
    }

    /// The full-scale rates file for the DC compensation from the flag or the experiment file;
    /// nil means: compute them with the mean-field theory.
    func fullscaleRatesFile() throws -> URL? {
        if let fullscaleRates { return URL(fileURLWithPath: fullscaleRates) }
        return try experiment?.fullscaleRatesPath.map { URL(fileURLWithPath: $0) }
    }

    /// Full-scale stationary rates (Hz, layout order) for the DC compensation of a down-scaled
    /// network: from `--fullscale-rates` / the experiment file, else the theory's fixed point of
    /// the same parameters at full scale, kept in humam's cache folder (`FullScaleRatesCache`).
    func fullscaleRates(data: ModelData, parameters: NetworkParameters) throws -> [Double] {
        let layout = PopulationLayout(areas: data.desikanKillianyAreas.sorted())
        let required = try Cytoarchitecture(data: data, parameters: parameters).nonEmptyPopulations
        if let file = try fullscaleRatesFile() {
            return try PopulationTable.readRates(file, layout: layout, required: required)
        }
        let choice = try FullScaleRatesCache().rates(data: data, parameters: parameters,
                                                     humamVersion: Humam.configuration.version)
        if let description = choice.description {
            FileHandle.standardError.write(Data("\(description)\n".utf8))
        }
        if let file = choice.file {
            FileHandle.standardError.write(Data("full-scale theory rates (for the DC compensation) \(choice.description == nil ? "read from" : "cached in") \(file.path)\n".utf8))
        }
        return choice.rates
    }

    /// Loads the data and builds the network these options describe.
    func build() throws -> Network {
        try build(parameters: parameters())
    }

    /// Loads the data and builds the network with `parameters` (e.g. recorded in a run folder).
    func build(parameters: NetworkParameters) throws -> Network {
        let data = try ModelData.load(from: dataDirectory)
        let rates = parameters.downscaling.isDownscaled ? try fullscaleRates(data: data, parameters: parameters) : nil
        return try Network.build(data: data, parameters: parameters, fullscaleRates: rates)
    }
}

extension NetworkParameters.DownscalingMode: ExpressibleByArgument {}
