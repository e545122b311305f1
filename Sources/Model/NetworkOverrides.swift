import Foundation

/// The network settings given as flags (`--scaling`, `--chi`, `--downscaling`,
/// `--fullscale-rates`); nil means: not given, so the experiment file or the default applies.
public struct NetworkOverrides: Sendable, Equatable {
    /// N_scaling = K_scaling, 0 < s ≤ 1.
    public var scaling: Double?
    /// Cortico-cortical E→E weight factor; E→I gets 2 chi, as in the notebook.
    public var chi: Double?
    public var downscaling: NetworkParameters.DownscalingMode?
    /// CSV of full-scale rates (Hz) for the DC compensation of a down-scaled network.
    public var fullscaleRatesFile: URL?
    /// The scaling when neither a flag nor the experiment file sets one (`humam simulate`: the
    /// notebook's 0.006); nil: full scale.
    public var defaultScaling: Double?

    public init(scaling: Double? = nil, chi: Double? = nil, downscaling: NetworkParameters.DownscalingMode? = nil,
                fullscaleRatesFile: URL? = nil, defaultScaling: Double? = nil) {
        self.scaling = scaling
        self.chi = chi
        self.downscaling = downscaling
        self.fullscaleRatesFile = fullscaleRatesFile
        self.defaultScaling = defaultScaling
    }

    /// Whether any flag that changes the network was given (the full-scale rates file changes
    /// only its DC drive).
    public var changesNetwork: Bool { scaling != nil || chi != nil || downscaling != nil }

    /// The network parameters: defaults < `experiment` < these flags, range-checked.
    public func parameters(experiment: ExperimentFile?) throws(InputError) -> NetworkParameters {
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
}
