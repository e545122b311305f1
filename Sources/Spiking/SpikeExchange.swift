/// The spikes each thread emitted in the last two batches (double-buffered by batch parity, so
/// a thread may write the next batch's spikes while another still reads this batch's).
final class SpikeExchange: @unchecked Sendable {
    /// Neuron indices, ordered by step, per thread and parity.
    let buffers: [[UnsafeMutablePointer<Int32>]]
    /// Spikes of step `first + j` are `buffers[t][p][offsets[t][p][j] ..< offsets[t][p][j + 1]]`.
    let offsets: [[UnsafeMutablePointer<Int>]]

    init(partition: ThreadPartition, batchLength: Int, spikesPerNeuron: Int) {
        buffers = (0..<partition.threadCount).map { thread in
            let capacity = max(partition.neurons(ofThread: thread).count * spikesPerNeuron, 1)
            return [.allocate(capacity: capacity), .allocate(capacity: capacity)]
        }
        offsets = (0..<partition.threadCount).map { _ in
            (0..<2).map { _ in
                let offsets = UnsafeMutablePointer<Int>.allocate(capacity: batchLength + 1)
                offsets.initialize(repeating: 0, count: batchLength + 1)
                return offsets
            }
        }
    }

    deinit {
        for pair in buffers { for buffer in pair { buffer.deallocate() } }
        for pair in offsets { for offsets in pair { offsets.deallocate() } }
    }
}
