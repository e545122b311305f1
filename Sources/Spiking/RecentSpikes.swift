import RunFormat

/// The spikes of the last `horizon` steps (the network's longest delay), kept by a run that
/// writes checkpoints: their synaptic events may still be on their way, and a checkpoint holds
/// them instead of the events (`SimulationState.recentSpikes`). Older spikes are forgotten as the
/// run goes, so memory follows the spikes of one delay, not of the run.
final class RecentSpikes {
    let horizon: Int
    private var spikes: [BinarySpikeFile.Spike]
    /// `spikes[first...]` are kept; those before are forgotten and removed now and then.
    private var first = 0

    /// `spikes`: those of a checkpoint the run resumes from.
    init(horizon: Int, spikes: [BinarySpikeFile.Spike] = []) {
        self.horizon = horizon
        self.spikes = spikes
    }

    func append(_ neurons: UnsafeBufferPointer<Int32>, stamp: Int32) {
        for neuron in neurons { spikes.append(BinarySpikeFile.Spike(neuron: neuron, stamp: stamp)) }
    }

    /// Forgets the spikes that no longer matter after step `step`: stamp ≤ `step` − `horizon`.
    func forget(after step: Int) {
        let limit = step - horizon
        while first < spikes.count && Int(spikes[first].stamp) <= limit { first += 1 }
        if first > 4096 && first > spikes.count / 2 {
            spikes.removeFirst(first)
            first = 0
        }
    }

    /// The spikes that matter after step `step` (stamp > `step` − `horizon`), in time order.
    func spikes(after step: Int) -> [BinarySpikeFile.Spike] {
        spikes[first...].filter { Int($0.stamp) > step - horizon }
    }
}
