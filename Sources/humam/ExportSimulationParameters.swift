import ArgumentParser
import Foundation
import Model

/// The simulation parameters an export hands to NEST (the original's `default_sim_params.py`;
/// duration and seed as the notebook uses them). Coding keys are the original's names, so that
/// an experiment file's `sim_params` section applies.
///
/// Mirrors `SimulationParameters` of the Spiking module (branch `spiking`, same keys and
/// defaults); when that is on main, the export should take it instead of this type.
struct ExportSimulationParameters: Sendable, Codable, Hashable {
    /// How the synapses of a pathway are drawn (NEST connection rule).
    enum ConnectionRule: String, Sendable, Codable, CaseIterable, Hashable {
        case fixedTotalNumber = "fixed_total_number"
        case fixedIndegree = "fixed_indegree"
    }

    /// Simulated time, ms.
    var duration: Double = 2000
    /// NEST's `rng_seed`.
    var seed: Int = 2903
    /// Time step, ms.
    var resolution: Double = 0.1
    /// NEST threads per MPI process.
    var threads: Int = 1
    /// Initial membrane potential: Normal(mean, SD), mV.
    var initialPotentialMean: Double = -150
    var initialPotentialSD: Double = 50
    var connectionRule = ConnectionRule.fixedTotalNumber
    /// Lower bound of inter-area delays, ms (0: the resolution).
    var minimumInterAreaDelay: Double = 0

    enum CodingKeys: String, CodingKey {
        case duration = "t_sim"
        case seed = "master_seed"
        case resolution = "sim_resolution"
        case threads = "num_threads"
        case initialPotentialMean = "V0_mean"
        case initialPotentialSD = "V0_sd"
        case connectionRule = "connection_rule"
        case minimumInterAreaDelay = "delay_cc_min"
    }

    /// Hash of the parameters, threads excluded, computed as `SimulationParameters.contentHash`
    /// of the Spiking module. It equals `humam simulate`'s hash only while both types have the
    /// same fields (Spiking's has since gained `single_spike`); unifying the types fixes that.
    var contentHash: String {
        var canonical = self
        canonical.threads = 1
        var hash = ContentHash()
        hash.combine(encoding: canonical)
        return hash.hexDigest
    }

    /// Rejects values NEST would refuse or that make no simulation, naming the key.
    func validate() throws(InputError) {
        func require(_ condition: Bool, _ message: String) throws(InputError) {
            if !condition { throw InputError(message) }
        }
        try require(duration > 0 && duration.isFinite, "t_sim = \(duration) is invalid; expected a duration > 0 ms")
        try require(resolution > 0 && resolution.isFinite, "sim_resolution = \(resolution) is invalid; expected a step > 0 ms")
        try require(threads >= 1, "num_threads = \(threads) is invalid; expected at least 1")
        try require(seed >= 1 && seed < 1 << 32, "master_seed = \(seed) is invalid; NEST's rng_seed must be in 1 ..< 2^32")
        try require(initialPotentialSD >= 0 && initialPotentialMean.isFinite, "V0_mean/V0_sd are invalid; expected a finite mean and an SD ≥ 0 mV")
        try require(minimumInterAreaDelay >= 0, "delay_cc_min = \(minimumInterAreaDelay) is invalid; expected a delay ≥ 0 ms")
    }
}

/// `--t-sim`, `--seed`, `--threads` (same names as `humam simulate`), applied over the
/// experiment file's `sim_params`.
struct SimulationOptions: ParsableArguments {
    @Option(help: "Simulated time, ms (default 2000, as the notebook).")
    var tSim: Double?

    @Option(help: "Master seed (NEST rng_seed; default 2903, as the notebook).")
    var seed: Int?

    @Option(help: "Threads per process (NEST local_num_threads; default 1).")
    var threads: Int?

    /// Defaults < the experiment file's `sim_params` < flags.
    func parameters(experiment: ExperimentFile?) throws -> ExportSimulationParameters {
        var parameters = try experiment?.apply(section: "sim_params", to: ExportSimulationParameters())
            ?? ExportSimulationParameters()
        if let tSim { parameters.duration = tSim }
        if let seed { parameters.seed = seed }
        if let threads { parameters.threads = threads }
        try parameters.validate()
        return parameters
    }
}
