import Model

/// Receives the spikes of a running simulation as they happen: each step's spikes once, steps in
/// time order, neurons ascending. A sink that throws stops the simulation at the next exchange
/// of the threads; `Simulation.run` then rethrows the error.
public protocol SpikeSink: AnyObject {
    /// The spikes (0-based neuron indices) with time stamp `stamp` (steps; t = stamp · h ms).
    func record(neurons: UnsafeBufferPointer<Int32>, stamp: Int32) throws(InputError)
}

/// Keeps every spike in memory: for tests and small networks.
public final class SpikeRecorder: SpikeSink {
    public private(set) var spikes = SpikeRecord()

    public init() {}

    public func record(neurons: UnsafeBufferPointer<Int32>, stamp: Int32) throws(InputError) {
        spikes.append(neurons, stamp: stamp)
    }
}
