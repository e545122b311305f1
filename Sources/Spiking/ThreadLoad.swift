import Model

/// The work each thread of a run does, predicted from the network and its population rates:
/// the model by which thread counts are planned beyond the cores this project can measure
/// (`humam network --thread-load`, `scripts/bench-scaling`).
///
/// A population's cost per simulated second, in core-seconds, is its neuron steps times
/// `UnitCosts.neuronStep` plus the synaptic events that arrive on it times `UnitCosts.event`.
/// The event path of procedural connectivity — regenerating the rows at the source's spike,
/// drawing their delays, queueing and grouping the segments, drawing targets and weights and
/// adding them up — runs on the thread that owns the *target* population
/// (`ProceduralConnectivity`), so all of an event's cost is the target's; threads that share a
/// population share its rows in proportion to their parts of it, and so its cost. A thread's
/// cost is its populations' sum (their parts' where shared); the slowest thread sets the pace
/// (every batch ends at a barrier), so the run's real-time factor is the largest thread cost
/// and its imbalance that cost over the mean. Where threads share a population they wait for
/// each other in every step instead of every batch: the real-time factor is then larger by the
/// measured `UnitCosts.lockstep`. Memory bandwidth, caches and the exchange are not in the
/// model: it says how evenly a partition spreads the work, not how fast one core runs it.
public struct ThreadLoad: Sendable {
    /// Core-seconds per event and per neuron step, and the slow-down of a run whose threads
    /// share a population.
    public struct UnitCosts: Sendable {
        public var neuronStep: Double
        public var event: Double
        public var lockstep: Double

        /// Measured on the project's 2-core AMD EPYC VM (2026-12-06, release build, full scale,
        /// chi 2.5, 300 ms, 2 threads; `perf record` shares of `docs/performance.md`): 3.9 ns per
        /// neuron step (the neuron update with its Poisson drive, 6.4 % of 623.5 core-s for
        /// 1.04 · 10¹⁰ neuron steps) and 17.0 ns per event (the rest, for 3.43 · 10¹⁰ events);
        /// and a lock-step factor of 1.01: the same run with one population shared by the 2
        /// threads took 311.7 s, against 308.1 s with whole populations (`--balance-rates`, one
        /// run each, side by side).
        public static let measured = UnitCosts(neuronStep: 3.9e-9, event: 17.0e-9, lockstep: 1.01)

        public init(neuronStep: Double, event: Double, lockstep: Double = 1) {
            self.neuronStep = neuronStep
            self.event = event
            self.lockstep = lockstep
        }
    }

    /// Synaptic events arriving on each population per simulated second: Σ_q S(p ← q) · ν_q.
    public let eventsPerSecond: [Double]
    /// Core-seconds each population costs per simulated second.
    public let populationCosts: [Double]
    let indexing: NeuronIndexing
    let lockstep: Double

    /// The load of `network` firing at `rates` (Hz per population, layout order), simulated at
    /// `resolution` ms per step.
    public init(network: Network, rates: [Double], resolution: Double, costs: UnitCosts = .measured) {
        let count = network.populationCount
        indexing = NeuronIndexing(neuronCounts: network.neuronCounts)
        // Synapse counts are target-major: element target · count + source.
        let events = (0..<count).map { target in
            (0..<count).reduce(0.0) { sum, source in
                let element = target * count + source
                return network.weights[element] == 0 ? sum : sum + Double(network.synapseCounts[element]) * rates[source]
            }
        }
        eventsPerSecond = events
        lockstep = costs.lockstep
        let stepsPerSecond = 1000 / resolution
        populationCosts = (0..<count).map { population in
            Double(network.neuronCounts[population]) * stepsPerSecond * costs.neuronStep + events[population] * costs.event
        }
    }

    /// Core-seconds per simulated second of each thread of `partition`.
    public func threadCosts(_ partition: ThreadPartition) -> [Double] {
        var costs = [Double](repeating: 0, count: partition.threadCount)
        for population in populationCosts.indices where !indexing.neurons(ofPopulation: population).isEmpty {
            let neurons = indexing.neurons(ofPopulation: population)
            for thread in 0..<partition.threadCount {
                let shared = neurons.clamped(to: partition.neurons(ofThread: thread)).count
                costs[thread] += populationCosts[population] * Double(shared) / Double(neurons.count)
            }
        }
        return costs
    }

    /// The largest thread cost over the mean: 1 for a perfect partition.
    public func imbalance(_ partition: ThreadPartition) -> Double {
        let costs = threadCosts(partition)
        let mean = costs.reduce(0, +) / Double(costs.count)
        return mean > 0 ? costs.max()! / mean : 1
    }

    /// Wall seconds per simulated second with `partition`: its slowest thread's cost, times the
    /// lock-step factor where its threads share a population.
    public func realTimeFactor(_ partition: ThreadPartition) -> Double {
        (threadCosts(partition).max() ?? 0) * (sharesPopulations(partition) ? lockstep : 1)
    }

    /// Whether `partition` cuts inside a population with neurons.
    public func sharesPopulations(_ partition: ThreadPartition) -> Bool {
        !partition.sharedPopulations(of: indexing).isEmpty
    }

    /// The partition by cost (`simulate --balance-rates`): of the best partition into whole
    /// populations and the one that shares populations (`sharedCostPartition`), the one with
    /// the smaller real-time factor — sharing only where the lock-step costs less than the
    /// imbalance it removes.
    public func costPartition(threads: Int) -> ThreadPartition {
        let whole = wholePopulationPartition(threads: threads)
        let shared = sharedCostPartition(threads: threads)
        return realTimeFactor(shared) < realTimeFactor(whole) ? shared : whole
    }

    /// The partition into `threads` contiguous ranges of whole populations whose costliest
    /// thread costs least (the linear partition problem): the least capacity with which filling
    /// the threads in order, each up to the capacity, needs no more than `threads` threads,
    /// found by bisection on the capacity. Threads left over stay empty.
    public func wholePopulationPartition(threads: Int) -> ThreadPartition {
        let total = populationCosts.reduce(0, +)
        var low = max(populationCosts.max() ?? 0, total / Double(threads)), high = max(total, low)
        // The cuts of a greedy fill with `capacity`, or nil if it needs more threads.
        func fill(_ capacity: Double) -> [Int]? {
            var cuts: [Int] = [], load = 0.0
            for (population, cost) in populationCosts.enumerated() {
                if load + cost > capacity && load > 0 {
                    cuts.append(population)
                    load = 0
                }
                load += cost
            }
            return cuts.count < threads ? cuts : nil
        }
        for _ in 0..<64 where high - low > 1e-9 * high {
            let middle = (low + high) / 2
            if fill(middle) == nil { low = middle } else { high = middle }
        }
        let cuts = fill(high) ?? []
        var boundaries = [0] + cuts.map { indexing.firstNeuron[$0] }
        boundaries += [Int](repeating: indexing.neuronCount, count: threads - boundaries.count + 1)
        return ThreadPartition(boundaries: boundaries)
    }

    /// The partition by cost that may share populations: thread t's range ends where the
    /// cumulative cost, over the neurons in order, reaches (t + 1)/`threads` of the total. Each
    /// cut is moved to the nearest population boundary where that changes the cost before it by
    /// at most `snap` of a thread's share, else left inside the population, which the threads
    /// on either side then share. The imbalance is thus at most 1 + 2 · `snap` (and one neuron's
    /// cost).
    public func sharedCostPartition(threads: Int, snap: Double = 0.01) -> ThreadPartition {
        let total = populationCosts.reduce(0, +)
        let share = total / Double(threads)
        var boundaries = [0]
        var population = 0, before = 0.0  // the population the cut falls in, the cost before it
        for thread in 1..<threads {
            let target = Double(thread) * share
            while population < populationCosts.count - 1 && before + populationCosts[population] <= target {
                before += populationCosts[population]
                population += 1
            }
            let neurons = indexing.neurons(ofPopulation: population)
            let after = before + populationCosts[population]
            let cut = if target - before <= snap * share && target - before <= after - target {
                neurons.lowerBound
            } else if after - target <= snap * share || populationCosts[population] <= 0 {
                neurons.upperBound
            } else {
                neurons.lowerBound + Int(((target - before) / populationCosts[population] * Double(neurons.count)).rounded())
            }
            boundaries.append(min(max(cut, boundaries.last!), indexing.neuronCount))
        }
        boundaries.append(indexing.neuronCount)
        return ThreadPartition(boundaries: boundaries)
    }
}
