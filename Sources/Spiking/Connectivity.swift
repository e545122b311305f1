import Model

/// The internal synapses of a running simulation.
enum Connectivity {
    case stored(SynapseStore)
    case procedural(ProceduralConnectivity)

    var maximumDelay: Int {
        switch self {
        case .stored(let store): store.maximumDelay
        case .procedural(let rows): rows.maximumDelay
        }
    }

    var minimumCrossThreadDelay: Int {
        switch self {
        case .stored(let store): store.minimumCrossThreadDelay
        case .procedural(let rows): rows.minimumCrossThreadDelay
        }
    }

    var synapseCount: Int {
        switch self {
        case .stored(let store): store.count
        case .procedural(let rows): rows.synapseCount
        }
    }

    var mode: ConnectivityMode {
        switch self {
        case .stored: .stored
        case .procedural: .procedural
        }
    }
}
