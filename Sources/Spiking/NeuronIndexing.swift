import Model

/// Neurons of all populations numbered consecutively in layout order, as NEST creates them:
/// population p holds neurons `firstNeuron[p] ..< firstNeuron[p + 1]`; NEST's global id is
/// index + 1. Empty populations hold no neurons.
public struct NeuronIndexing: Sendable, Equatable {
    public let firstNeuron: [Int]

    public init(neuronCounts: [Int]) {
        var first = [0]
        first.reserveCapacity(neuronCounts.count + 1)
        for count in neuronCounts { first.append(first.last! + count) }
        firstNeuron = first
    }

    public var neuronCount: Int { firstNeuron.last! }
    public var populationCount: Int { firstNeuron.count - 1 }

    public func neurons(ofPopulation index: Int) -> Range<Int> {
        firstNeuron[index] ..< firstNeuron[index + 1]
    }

    /// Population of neuron `neuron` (binary search).
    public func population(ofNeuron neuron: Int) -> Int {
        var low = 0, high = populationCount
        while high - low > 1 {
            let middle = (low + high) / 2
            if firstNeuron[middle] <= neuron { low = middle } else { high = middle }
        }
        // Skip empty populations that start at the same neuron.
        while firstNeuron[low + 1] <= neuron { low += 1 }
        return low
    }
}

/// Contiguous ranges of neurons, one per worker thread; a thread updates its neurons and
/// receives all their input, so no two threads write the same memory. Ranges are cut at area
/// boundaries where possible, so that only inter-area synapses — whose delays are long — cross
/// threads, and threads need to exchange spikes only every few steps. A population larger than
/// a thread's share is cut too: the threads then share it (`SharedPopulationInputs`).
public struct ThreadPartition: Sendable {
    /// Thread t owns neurons `boundaries[t] ..< boundaries[t + 1]`.
    let boundaries: [Int]

    /// Cuts `0 ..< neuronCount` into `threads` ranges of about equal size, each cut moved to the
    /// nearest of `preferredCuts` (e.g. the first neuron of every area) if that changes the
    /// share of a thread by at most a quarter, else to the nearest of `fallbackCuts` (e.g. the
    /// first neuron of every population) under the same condition, else left where it is.
    init(neuronCount: Int, threads: Int, preferredCuts: [Int] = [], fallbackCuts: [Int] = []) {
        var boundaries = [0]
        let tolerance = neuronCount / (4 * max(threads, 1))
        for thread in 1..<max(threads, 1) {
            let ideal = thread * neuronCount / threads
            let nearest = [preferredCuts, fallbackCuts].lazy.compactMap { cuts in
                cuts.min { abs($0 - ideal) < abs($1 - ideal) }.flatMap { abs($0 - ideal) <= tolerance ? $0 : nil }
            }.first
            boundaries.append(max(nearest ?? ideal, boundaries.last!))
        }
        boundaries.append(neuronCount)
        self.boundaries = boundaries
    }

    /// Thread t owns `boundaries[t] ..< boundaries[t + 1]` (ascending, from 0 to the neuron count).
    init(boundaries: [Int]) {
        self.boundaries = boundaries
    }

    /// The engine's partition of `indexing`'s neurons over `threads` threads: equal numbers of
    /// neurons, cut at area boundaries where that moves a cut by at most a quarter of a share,
    /// else at population boundaries under the same condition, else inside a population (one
    /// larger than half a share), which the threads then share.
    public static func engine(indexing: NeuronIndexing, threads: Int) -> ThreadPartition {
        let areaStarts = stride(from: 0, to: indexing.populationCount, by: PopulationLayout.populationsPerArea)
            .map { indexing.firstNeuron[$0] }
        return ThreadPartition(neuronCount: indexing.neuronCount, threads: threads, preferredCuts: areaStarts,
                               fallbackCuts: indexing.firstNeuron)
    }

    public var threadCount: Int { boundaries.count - 1 }

    public func neurons(ofThread thread: Int) -> Range<Int> { boundaries[thread] ..< boundaries[thread + 1] }

    /// The threads that own some of `neurons` (a population): several where they share it.
    public func threads(owning neurons: Range<Int>) -> Range<Int> {
        guard !neurons.isEmpty else { return 0..<0 }
        return thread(ofNeuron: neurons.lowerBound) ..< thread(ofNeuron: neurons.upperBound - 1) + 1
    }

    /// The populations of `indexing` that a cut divides between threads, ascending.
    public func sharedPopulations(of indexing: NeuronIndexing) -> [Int] {
        (0..<indexing.populationCount).filter { threads(owning: indexing.neurons(ofPopulation: $0)).count > 1 }
    }

    @inline(__always)
    func thread(ofNeuron neuron: Int) -> Int {
        var thread = 0
        while neuron >= boundaries[thread + 1] { thread += 1 }
        return thread
    }
}
