import Model
import RunFormat
import Synchronization

/// Where thread 0 puts the spikes of each step: the tally of the result and the sink, and, in
/// a run with checkpoints, the recent spikes and the checkpoints. The first error of the sink or
/// of a checkpoint, or an interruption, is kept and asks every thread to stop.
final class SpikeOutput: @unchecked Sendable {
    let sink: (any SpikeSink)?
    private(set) var tally: SpikeTally
    private(set) var error: InputError?
    /// Whether the stop was asked by `interrupt` (not by an error).
    private(set) var wasInterrupted = false
    let checkpoint: ((SimulationState) throws(InputError) -> Void)?
    /// The spikes a checkpoint needs (nil without checkpoints).
    let recent: RecentSpikes?
    /// The batch thread 0 is recording.
    var batch = 0
    /// The step up to which thread 0 recorded the spikes.
    var recordedStep = 0
    /// The batch after whose barrier every thread stops (Int.max: none).
    let stopBatch = Atomic<Int>(.max)

    init(sink: (any SpikeSink)?, tally: SpikeTally, checkpoint: ((SimulationState) throws(InputError) -> Void)?,
         recent: RecentSpikes?) {
        self.sink = sink
        self.tally = tally
        self.checkpoint = checkpoint
        self.recent = recent
    }

    /// Counts the spikes of one step and hands them on; after an interruption too, as the run
    /// ends with the batch it is in (and a checkpoint counts them).
    func record(_ neurons: UnsafeBufferPointer<Int32>, stamp: Int32) {
        guard error == nil || wasInterrupted, !neurons.isEmpty else { return }
        tally.count(neurons, stamp: stamp)
        recent?.append(neurons, stamp: stamp)
        do throws(InputError) {
            try sink?.record(neurons: neurons, stamp: stamp)
        } catch {
            fail(error)
        }
    }

    /// Hands `state` to the checkpoint; its error stops the run.
    func writeCheckpoint(_ state: SimulationState) {
        guard error == nil, let checkpoint else { return }
        do throws(InputError) { try checkpoint(state) } catch { fail(error) }
    }

    /// Asks every thread to stop at the next exchange for an error of the sink or of a
    /// checkpoint; the run then throws the first one. It replaces an interruption, whose
    /// checkpoint is then not written.
    func fail(_ failure: InputError) {
        guard error == nil || wasInterrupted else { return }
        if error == nil { stopBatch.store(batch + 1, ordering: .relaxed) }
        error = failure
        wasInterrupted = false
    }

    /// Asks every thread to stop at the next exchange for an interruption; the run then throws
    /// an error naming the step where it stopped, after a checkpoint there if it writes them.
    func interrupt() {
        guard error == nil else { return }
        error = InputError("interrupted")
        wasInterrupted = true
        stopBatch.store(batch + 1, ordering: .relaxed)
    }
}
