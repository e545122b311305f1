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
/// receives all their input, so no two threads write the same memory.
struct ThreadPartition: Sendable {
    /// Thread t owns neurons `boundaries[t] ..< boundaries[t + 1]`.
    let boundaries: [Int]

    init(neuronCount: Int, threads: Int) {
        boundaries = (0...threads).map { $0 * neuronCount / threads }
    }

    var threadCount: Int { boundaries.count - 1 }

    func neurons(ofThread thread: Int) -> Range<Int> { boundaries[thread] ..< boundaries[thread + 1] }

    @inline(__always)
    func thread(ofNeuron neuron: Int) -> Int {
        var thread = 0
        while neuron >= boundaries[thread + 1] { thread += 1 }
        return thread
    }
}
