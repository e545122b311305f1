/// The version of everything that decides the spikes of a run: the network's construction, the
/// random streams and their layout, the neuron update, the theory that feeds the DC compensation
/// and the spike file's layout. humam's release version (`humam --version`) may stay the same
/// across such changes; this number may not.
///
/// Rule: a change that changes the spikes of a fixed run (same data, parameters and seed) raises
/// `current` by one. `GoldenSpikesTests` pins the spike checksums per engine version, so re-pinning
/// them without a new version fails. The version is recorded in `run.json` and in checkpoints (a
/// checkpoint resumes only on the engine that wrote it) and keys the cache of full-scale theory
/// rates.
public enum EngineVersion {
    /// 1: the engine of humam 0.1.0 from the multinomial delays of long procedural rows on.
    public static let current = 1
}
