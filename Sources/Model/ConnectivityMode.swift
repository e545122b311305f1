/// How the engine holds the internal synapses (`humam simulate --connectivity`).
public enum ConnectivityMode: String, Sendable, Codable, CaseIterable, Hashable {
    /// Every synapse drawn at set-up and stored (10 bytes each; `ConnectivityBuilder`).
    case stored
    /// Only row lengths stored, synapses regenerated at every spike (`ProceduralConnectivity`).
    case procedural
    /// Stored up to `storedSynapseLimit` synapses, procedural beyond (fixed_indegree: stored).
    case auto

    /// Largest network `auto` stores: 200 million synapses, 2 GB. The choice depends on the
    /// network only, never on the machine, so that the same parameters give the same spikes.
    public static let storedSynapseLimit = 200_000_000

    /// `stored` or `procedural`: what this mode means for `network` under `rule`.
    public func resolved(network: Network, rule: ConnectionRule) -> ConnectivityMode {
        guard self == .auto else { return self }
        return rule == .fixedIndegree || network.totalSynapses <= Self.storedSynapseLimit ? .stored : .procedural
    }
}
