import Model
import RunFormat

/// Spikes that the statistics read in one or more passes: runs of spikes of one population,
/// every spike once per pass, each neuron's spikes in time order. `SpikeTrains` (in memory) and
/// `SpikeSource` (humam's binary file streamed from disk) both provide them, so every statistic
/// has one implementation and reads a full-scale run in memory that does not grow with the
/// number of spikes.
public protocol SpikeRuns {
    associatedtype Failure: Error
    var populations: PopulationGIDs { get }
    /// Simulated time, ms.
    var simulationTime: Double { get }
    /// Calls `body` with runs of spikes of one population: its layout index, the spikes' GIDs
    /// and times (ms).
    func forEachRun(_ body: (Int, UnsafeBufferPointer<Int32>, UnsafeBufferPointer<Double>) -> Void) throws(Failure)
}

extension SpikeTrains: SpikeRuns {
    public func forEachRun(_ body: (Int, UnsafeBufferPointer<Int32>, UnsafeBufferPointer<Double>) -> Void) {
        var gids: [Int32] = []
        times.withUnsafeBufferPointer { times in
            for population in 0..<populations.layout.count where populations.neuronCounts[population] > 0 {
                for neuron in neurons(ofPopulation: population) {
                    let range = neuronOffsets[neuron]..<neuronOffsets[neuron + 1]
                    guard !range.isEmpty else { continue }
                    gids.removeAll(keepingCapacity: true)
                    gids.append(contentsOf: repeatElement(Int32(firstGID + neuron), count: range.count))
                    gids.withUnsafeBufferPointer { body(population, $0, UnsafeBufferPointer(rebasing: times[range])) }
                }
            }
        }
    }
}

extension SpikeSource: SpikeRuns {
    public func forEachRun(_ body: (Int, UnsafeBufferPointer<Int32>, UnsafeBufferPointer<Double>) -> Void) throws(InputError) {
        try forEachPopulationRun(body)
    }
}
