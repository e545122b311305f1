import ArgumentParser
import Foundation
import Model
import Spiking

extension ConnectionRule: ExpressibleByArgument {}
extension ConnectivityMode: ExpressibleByArgument {}

/// Simulation options shared by `humam simulate` and `humam export nest`. Precedence: defaults
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

    @Option(help: "Synapses stored (10 B each), procedural (regenerated at every spike; 2 B per source neuron and pathway), or auto (default: stored up to 200 million synapses).")
    var connectivity: ConnectivityMode?

    @Option(help: ArgumentHelp("A single spike onto the first neuron of a population, as AREA,LAYER,POP,TIME_MS (e.g. lingual,IV,E,500); repeatable.", valueName: "spike"))
    var singleSpike: [String] = []

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
    func overrides() throws -> SimulationOverrides {
        var overrides = SimulationOverrides()
        overrides.duration = duration
        overrides.seed = seed
        overrides.threads = threads
        overrides.resolution = resolution
        overrides.connectionRule = connectionRule
        overrides.minimumInterAreaDelay = delayCcMin
        overrides.connectivity = connectivity
        overrides.singleSpikes = try singleSpike.map { text in
            let fields = text.split(separator: ",").map(String.init)
            guard fields.count == 4, let time = Double(fields[3]) else {
                throw ValidationError("--single-spike '\(text)' is invalid; expected AREA,LAYER,POP,TIME_MS, e.g. lingual,IV,E,500")
            }
            return SingleSpike(area: fields[0], layer: fields[1], population: fields[2], time: time)
        }
        return overrides
    }

    /// The simulation parameters: defaults < `experiment` < these flags.
    func parameters(experiment: ExperimentFile?) throws -> SimulationParameters {
        try overrides().parameters(experiment: experiment)
    }
}
