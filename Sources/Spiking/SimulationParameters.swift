/// How synapses of a pathway are drawn (the original's `sim_dict['connection_rule']`).
public enum ConnectionRule: String, Sendable, Codable, CaseIterable, Hashable {
    /// Exactly N synapses per pathway, each with a uniformly drawn source and target
    /// (autapses and multapses allowed; NEST `fixed_total_number`).
    case fixedTotalNumber = "fixed_total_number"
    /// Every target neuron gets round(N / N_target) synapses from uniformly drawn sources
    /// (NEST `fixed_indegree`; rounding half to even as numpy's `np.round`).
    case fixedIndegree = "fixed_indegree"
}

/// Parameters of one simulation run (the original's `default_sim_params.py`; seed and duration
/// as the notebook uses them). Coding keys are the original's names.
public struct SimulationParameters: Sendable, Codable, Hashable {
    /// Simulated time, ms.
    public var duration: Double = 2000
    /// Master seed of all random streams.
    public var seed: UInt64 = 2903
    /// Time step, ms.
    public var resolution: Double = 0.1
    /// Worker threads; the spikes do not depend on it.
    public var threads: Int = 1
    /// Initial membrane potential: Normal(mean, SD), mV.
    public var initialPotentialMean: Double = -150
    public var initialPotentialSD: Double = 50
    public var connectionRule = ConnectionRule.fixedTotalNumber
    /// Lower bound of inter-area delays, ms (0: the resolution).
    public var minimumInterAreaDelay: Double = 0

    public init() {}

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

    /// Number of steps simulated.
    public var steps: Int { Int((duration / resolution).rounded()) }
}
