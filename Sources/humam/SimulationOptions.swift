import ArgumentParser
import Foundation
import Model
import Spiking

extension ConnectionRule: ExpressibleByArgument {}
extension ConnectivityMode: ExpressibleByArgument {}

/// Simulation options shared by `humam simulate` and `humam export nest` (those of the engine
/// alone, `--connectivity` and `--single-spike`, are `humam simulate`'s). Precedence: defaults
/// (the notebook's: 2000 ms, seed 2903, 0.1 ms; all cores) < the experiment file's `sim_params`
/// < flags.
struct SimulationOptions: ParsableArguments {
    @Option(name: .customLong("t-sim"), parsing: .unconditional, help: "Simulated time, ms (default 2000).")
    var duration: Double?

    @Option(parsing: .unconditional, help: "Master seed of all random streams (default 2903).")
    var seed: UInt64?

    @Option(parsing: .unconditional, help: "Worker threads (default: all cores); humam's spikes do not depend on it.")
    var threads: Int?

    @Option(parsing: .unconditional, help: "Time step, ms (default 0.1).")
    var resolution: Double?

    @Option(help: "fixed_total_number (default) or fixed_indegree.")
    var connectionRule: ConnectionRule?

    @Option(parsing: .unconditional, help: "Lower bound of inter-area delays, ms (default 0: the resolution).")
    var delayCcMin: Double?

    func validate() throws {
        if let duration, !(duration > 0 && duration.isFinite) {
            throw ValidationError("--t-sim \(duration) is invalid; expected a duration > 0 ms")
        }
        if let threads, !(1...Simulation.maximumThreads).contains(threads) {
            throw ValidationError("--threads \(threads) is invalid; expected 1 … \(Simulation.maximumThreads)")
        }
        if let resolution, !(resolution > 0 && resolution.isFinite) {
            throw ValidationError("--resolution \(resolution) is invalid; expected a step > 0 ms")
        }
        if let delayCcMin, !(delayCcMin >= 0 && delayCcMin.isFinite) {
            throw ValidationError("--delay-cc-min \(delayCcMin) is invalid; expected ≥ 0 ms")
        }
    }

    /// The flags as overrides of the experiment file (`SimulationOverrides`).
    func overrides() -> SimulationOverrides {
        var overrides = SimulationOverrides()
        overrides.duration = duration
        overrides.seed = seed
        overrides.threads = threads
        overrides.resolution = resolution
        overrides.connectionRule = connectionRule
        overrides.minimumInterAreaDelay = delayCcMin
        return overrides
    }

    /// The simulation parameters: defaults < `experiment` < these flags.
    func parameters(experiment: ExperimentFile?) throws -> SimulationParameters {
        try overrides().parameters(experiment: experiment)
    }
}
