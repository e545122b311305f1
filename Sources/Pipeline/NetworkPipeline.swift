import Foundation
import Model
import RunFormat
import Theory

/// From a configuration to the network: load the input tables, find the full-scale rates for
/// the DC compensation of a down-scaled network (the configuration's rates file, else the
/// mean-field theory of the full-scale network, kept in `FullScaleRatesCache`), build.
public enum NetworkPipeline {
    /// The network of `configuration`, or, with `parameters`, of those parameters (e.g. recorded
    /// in a run folder) on the configuration's data and rates file.
    public static func build(_ configuration: ExperimentConfiguration, parameters: NetworkParameters? = nil,
                             humamVersion: String, events: (PipelineEvent) -> Void) throws -> Network {
        let parameters = try parameters ?? configuration.networkParameters()
        let data = try ModelData.load(from: configuration.dataDirectory)
        let rates = parameters.downscaling.isDownscaled
            ? try fullscaleRates(data: data, parameters: parameters, file: configuration.fullscaleRatesFile,
                                 humamVersion: humamVersion, events: events)
            : nil
        return try Network.build(data: data, parameters: parameters, fullscaleRates: rates)
    }

    /// Full-scale stationary rates (Hz, layout order) for the DC compensation of a down-scaled
    /// network of `parameters`: read from `file`, else the theory's fixed point of the same
    /// parameters at full scale, from humam's cache or solved and cached (reported as
    /// `PipelineEvent.fullscaleTheory`).
    public static func fullscaleRates(data: ModelData, parameters: NetworkParameters, file: URL?, humamVersion: String,
                                      events: (PipelineEvent) -> Void) throws -> [Double] {
        if let file {
            let layout = PopulationLayout(areas: data.desikanKillianyAreas.sorted())
            let required = try Cytoarchitecture(data: data, parameters: parameters).nonEmptyPopulations
            return try PopulationTable.readRates(file, layout: layout, required: required)
        }
        let choice = try FullScaleRatesCache().rates(data: data, parameters: parameters, humamVersion: humamVersion)
        events(.fullscaleTheory(description: choice.description, cacheFile: choice.file))
        return choice.rates
    }
}
