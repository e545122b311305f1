import Foundation

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
    /// Single spikes sent to the first neuron of a population (the original's `single_spike`).
    public var singleSpikes: [SingleSpike] = []
    /// How synapses are held; nil means `auto`. Stored and procedural connectivity draw
    /// different realizations of the same random network.
    public var connectivity: ConnectivityMode? = nil

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
        case singleSpikes = "single_spike"
        case connectivity
    }

    /// Number of steps simulated (the duration and resolution checked by `validate`).
    public var steps: Int { Int((duration / resolution).rounded()) }

    /// Most steps a run may have: the engine's time stamps are 32-bit.
    public static let maximumSteps = Double(Int32.max) - 1

    /// Longest time, ms, that a parameter of a run may span in steps (a delay, a refractory
    /// period): 32-bit step counts at the finest resolution, NEST's tic of 0.001 ms, hold it.
    public static let longestStepTime = 1e6
}

/// One spike from a `spike_generator` at `time` onto the first neuron of a population, with
/// weight w_ext · 10³ · K_ext of that population and NEST's default delay of 1 ms (the
/// original's `create_single_spike` / `connect_single_spike`, used for its spike-journey
/// figure).
public struct SingleSpike: Sendable, Codable, Hashable {
    public var area: String
    /// Layer label: II/III, IV, V or VI.
    public var layer: String
    /// E or I.
    public var population: String
    /// Emission time, ms (rounded to the grid, as NEST requires grid times).
    public var time: Double

    public init(area: String, layer: String, population: String, time: Double) {
        self.area = area
        self.layer = layer
        self.population = population
        self.time = time
    }

    enum CodingKeys: String, CodingKey {
        case area, layer
        case population = "pop"
        case time = "time_ms"
    }

    /// NEST's default delay of a `static_synapse`, ms.
    public static let delay = 1.0
}

extension SimulationParameters {
    /// Hash of the parameters that determine the spikes, for the output folder name. The thread
    /// count is left out: it does not change a single spike.
    /// These parameters with `connectivity` nil where it names the store that the default (`auto`)
    /// picks for `network` anyway: the same run, so the same `contentHash` and default folder.
    public func canonical(for network: Network) -> SimulationParameters {
        var canonical = self
        if let connectivity, connectivity.resolved(network: network, rule: connectionRule)
            == ConnectivityMode.auto.resolved(network: network, rule: connectionRule) {
            canonical.connectivity = nil
        }
        return canonical
    }

    public var contentHash: String {
        var canonical = self
        canonical.threads = 1
        var hash = ContentHash()
        hash.combine(encoding: canonical)
        return hash.hexDigest
    }

    /// Rejects a duration or resolution that is not positive, a duration under one step, more
    /// steps than the engine's time stamps hold, a negative initial-potential SD, an inter-area delay bound outside
    /// 0 … `longestStepTime`, naming the key under `sim_params` (and `source`, the experiment
    /// file, when given). That the resolution is a whole number of tics, the threads and single
    /// spikes are checked by `Simulation`.
    public func validate(source: String? = nil) throws(InputError) {
        try ValidRange.positive(upTo: .infinity, unit: "ms").check(duration, file: source, field: "sim_params.t_sim")
        try ValidRange.positive(upTo: .infinity, unit: "ms").check(resolution, file: source, field: "sim_params.sim_resolution")
        let stepCount = (duration / resolution).rounded()
        func stepError(_ message: String) -> InputError {
            source.map { InputError(file: $0, field: "sim_params.t_sim", message) } ?? InputError(message)
        }
        guard stepCount >= 1 else {
            throw stepError("t_sim \(duration) ms is shorter than one step of sim_resolution \(resolution) ms: nothing would be simulated; expected t_sim ≥ \(resolution) ms")
        }
        guard stepCount <= Self.maximumSteps else {
            throw stepError("t_sim \(duration) ms at sim_resolution \(resolution) ms is \(stepCount) steps; the engine's 32-bit time stamps hold at most \(Int(Self.maximumSteps)) steps: expected t_sim ≤ \(String(format: "%.0f", (Self.maximumSteps * resolution).rounded(.down))) ms")
        }
        try ValidRange.closed(0, .infinity, unit: "mV").check(initialPotentialSD, file: source, field: "sim_params.V0_sd")
        try ValidRange.closed(0, Self.longestStepTime, unit: "ms").check(minimumInterAreaDelay, file: source, field: "sim_params.delay_cc_min")
    }
}
