import Foundation
import Model
import NESTExport

/// `humam export nest` as one call: the configuration's network and simulation parameters,
/// written as network.json and run_nest.py (`NESTExport`) into a results folder checked before,
/// by the caller's `OutputFolder`.
public enum NESTExportRun {
    /// What was exported, and where.
    public struct Outcome: Sendable {
        public var network: Network
        public var directory: URL
        /// The PyNEST script to run.
        public var script: URL
    }

    /// `options`: the humam options the network was built from, recorded in network.json.
    public static func run(_ configuration: ExperimentConfiguration, into output: OutputFolder, options: [String: String],
                           humamVersion: String, events: (PipelineEvent) -> Void) throws -> Outcome {
        let parameters = try configuration.simulationParameters()
        try checkExportable(parameters, experimentFile: configuration.experiment?.path)
        let network = try NetworkPipeline.build(configuration, humamVersion: humamVersion, events: events)
        let directory = try output.create()
        try NESTExport(network: network, simulation: parameters, options: options, humamVersion: humamVersion).write(to: directory)
        return Outcome(network: network, directory: directory, script: directory.appendingPathComponent(NESTScript.fileName))
    }

    /// Throws for what NEST's script cannot run: a seed outside NEST's `rng_seed` range
    /// (1 ..< 2³²), and single-spike stimulation (an experiment file's `single_spike`).
    static func checkExportable(_ parameters: SimulationParameters, experimentFile: String?) throws(InputError) {
        guard parameters.seed >= 1, parameters.seed < 1 << 32 else {
            throw InputError("--seed \(parameters.seed) is invalid for NEST; its rng_seed must be in 1 ..< 2^32")
        }
        guard parameters.singleSpikes.isEmpty else {
            throw InputError("the single spikes of \(experimentFile ?? "the experiment file") (sim_params.single_spike) are not exported to NEST; simulate them with humam simulate")
        }
    }
}
