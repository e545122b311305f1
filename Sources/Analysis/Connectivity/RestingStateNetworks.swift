/// The resting-state network of each of the 34 Desikan–Killiany areas of the left hemisphere, in
/// the order the original's FC figures list them: `left_ordering` of the original's
/// `src/helpers/resting_state_networks.py` (after Kabbara et al. 2017, Sci Rep 7:2936): default
/// mode (DMN), dorsal attention (DAN), salience (SAN), auditory (AUD), visual (VIS), other.
public enum RestingStateNetworks {
    public static let leftHemisphere: [(area: String, network: String)] = [
        ("isthmuscingulate", "DMN"), ("medialorbitofrontal", "DMN"), ("posteriorcingulate", "DMN"),
        ("precuneus", "DMN"), ("rostralanteriorcingulate", "DMN"), ("lateralorbitofrontal", "DMN"),
        ("parahippocampal", "DMN"),
        ("caudalanteriorcingulate", "DAN"), ("inferiortemporal", "DAN"), ("middletemporal", "DAN"),
        ("parsopercularis", "DAN"), ("parsorbitalis", "DAN"), ("parstriangularis", "DAN"),
        ("insula", "SAN"), ("rostralmiddlefrontal", "SAN"), ("supramarginal", "SAN"), ("caudalmiddlefrontal", "SAN"),
        ("superiortemporal", "AUD"),
        ("cuneus", "VIS"), ("lateraloccipital", "VIS"), ("fusiform", "VIS"), ("lingual", "VIS"),
        ("bankssts", "other"), ("entorhinal", "other"), ("frontalpole", "other"), ("inferiorparietal", "other"),
        ("superiorfrontal", "other"), ("paracentral", "other"), ("pericalcarine", "other"), ("postcentral", "other"),
        ("precentral", "other"), ("superiorparietal", "other"), ("temporalpole", "other"), ("transversetemporal", "other"),
    ]

    /// A display order of areas and the first index and name of each network in it.
    public struct Ordering: Sendable, Equatable {
        public var areas: [String]
        /// (first position, network name) per network, empty when the order is alphabetical.
        public var groups: [Group]

        public struct Group: Sendable, Equatable {
            public var start: Int
            public var name: String
        }
    }

    /// `areas` in resting-state order when they are exactly the 34 areas listed, else alphabetical
    /// without groups (e.g. a test network of a few areas).
    public static func ordering(of areas: [String]) -> Ordering {
        guard Set(areas) == Set(leftHemisphere.map(\.area)), areas.count == leftHemisphere.count else {
            return Ordering(areas: areas.sorted(), groups: [])
        }
        var groups: [Ordering.Group] = []
        for (index, entry) in leftHemisphere.enumerated() where index == 0 || leftHemisphere[index - 1].network != entry.network {
            groups.append(Ordering.Group(start: index, name: entry.network))
        }
        return Ordering(areas: leftHemisphere.map(\.area), groups: groups)
    }
}
