/// Cortical layers that carry neuron populations (layer I has neurons in the data,
/// but no populations in the model; Pronold et al. 2024, Methods).
public enum Layer: Int, CaseIterable, Sendable, Comparable, Codable {
    case layer23 = 0, layer4, layer5, layer6

    /// Label as in the original model and the reference tables: `II/III`, `IV`, `V`, `VI`.
    public var label: String {
        switch self {
        case .layer23: "II/III"
        case .layer4: "IV"
        case .layer5: "V"
        case .layer6: "VI"
        }
    }

    public init?(label: String) {
        guard let layer = Layer.allCases.first(where: { $0.label == label }) else { return nil }
        self = layer
    }

    public static func < (lhs: Layer, rhs: Layer) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Excitatory or inhibitory cell type of a population.
public enum CellType: Int, CaseIterable, Sendable, Comparable, Codable {
    case excitatory = 0, inhibitory

    /// Label as in the reference tables: `E` or `I`.
    public var label: String { self == .excitatory ? "E" : "I" }

    public init?(label: String) {
        switch label {
        case "E": self = .excitatory
        case "I": self = .inhibitory
        default: return nil
        }
    }

    public static func < (lhs: CellType, rhs: CellType) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// One population: cell type in a layer of an area.
public struct Population: Hashable, Sendable, Codable {
    public var area: String
    public var layer: Layer
    public var cellType: CellType

    public init(area: String, layer: Layer, cellType: CellType) {
        self.area = area
        self.layer = layer
        self.cellType = cellType
    }

    /// `area/layer/E` — for messages and file names.
    public var label: String { "\(area)/\(layer.label)/\(cellType.label)" }
}

/// The fixed population layout of a network: `areas` in alphabetical order (as the original's
/// `sortIndices`), then layers II/III, IV, V, VI, then E, I. Index of a population:
/// `(areaIndex * 4 + layer) * 2 + cellType` — the row order of every reference table.
public struct PopulationLayout: Sendable, Equatable, Codable {
    public let areas: [String]
    public static let populationsPerArea = Layer.allCases.count * CellType.allCases.count

    public init(areas: [String]) {
        self.areas = areas
    }

    public var count: Int { areas.count * Self.populationsPerArea }

    public func index(areaIndex: Int, layer: Layer, cellType: CellType) -> Int {
        (areaIndex * Layer.allCases.count + layer.rawValue) * CellType.allCases.count + cellType.rawValue
    }

    public func index(of population: Population) -> Int? {
        guard let areaIndex = areas.firstIndex(of: population.area) else { return nil }
        return index(areaIndex: areaIndex, layer: population.layer, cellType: population.cellType)
    }

    public func population(at index: Int) -> Population {
        let cellType = CellType(rawValue: index % 2)!
        let layer = Layer(rawValue: (index / 2) % Layer.allCases.count)!
        return Population(area: areas[index / Self.populationsPerArea], layer: layer, cellType: cellType)
    }

    public func areaIndex(ofPopulation index: Int) -> Int { index / Self.populationsPerArea }

    public var populations: [Population] { (0..<count).map(population(at:)) }
}
