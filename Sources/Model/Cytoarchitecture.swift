import Foundation

/// Layer thicknesses, neuron densities and neuron numbers of the 1 mm² column of every
/// Desikan-Killiany area — a port of the original's `NeuronNumbers`
/// (`src/data_preprocessing/cytoarchitecture.py`), with its rules:
/// vEK sub-layers are grouped into model layers (`vek_layer_mapping.csv`); a layer's density is
/// the thickness-weighted mean of its sub-layers' densities, split into E and I by the excitatory
/// fraction; vEK areas are averaged onto DK areas (thickness: plain mean; density: weighted by
/// the vEK areas' layer thicknesses); layers with fewer than `minimumNeuronsPerLayer` neurons
/// (optionally: fewer than layer I) are dropped (thickness and density set to 0).
public struct Cytoarchitecture: Sendable {
    /// DK areas, alphabetical (the layout order).
    public let areas: [String]
    /// Thickness per area and layer I, II/III, IV, V, VI, mm: `thickness[area * 5 + layer]`.
    public let thickness: [Double]
    /// Neuron density per area and population (layout order within the area), 1/mm³.
    public let density: [Double]
    /// Neurons in layer I of the column (no populations are built there).
    public let layerINeurons: [Double]
    /// Neurons per population, layout order.
    public let neuronCounts: [Int]
    /// Column surface, mm².
    public let surfaceArea: Double

    static let layerCount = ModelData.layersWithLayerI.count

    public init(data: ModelData, parameters: NetworkParameters) throws(InputError) {
        let surfaceArea = parameters.surfaceArea
        let cyto = parameters.cytoarchitecture
        guard let fractions = data.excitatoryFraction[cyto.excitatoryFraction] else {
            throw InputError("no excitatory fraction table for '\(cyto.excitatoryFraction.rawValue)'")
        }
        let modelLayers = ModelData.layersWithLayerI

        // vEK stage: per vEK area, per model layer (original NeuronNumbers.__init__).
        struct VekLayers { var thickness = [Double](repeating: 0, count: 5); var density = [Double](repeating: 0, count: 8); var layerINeurons = 0.0 }
        var vekValues: [String: VekLayers] = [:]
        var rowsByArea: [String: [ModelData.CytoarchitectureRow]] = [:]
        for row in data.cytoarchitecture { rowsByArea[row.vekArea, default: []].append(row) }
        for (vekArea, rows) in rowsByArea {
            var values = VekLayers()
            for (layerIndex, layer) in modelLayers.enumerated() {
                let selected = rows.filter { data.vekLayerToModelLayer[$0.vekLayer] == layer }
                values.thickness[layerIndex] = selected.reduce(0) { $0 + $1.thickness }
                if layerIndex == 0 {
                    values.layerINeurons = selected.reduce(0) { $0 + $1.thickness * $1.density * surfaceArea }
                    continue
                }
                // Σ density · (thickness / Σ thickness); NaN where the layer has no thickness,
                // which the DK averaging then skips (pandas' sum skips NaN).
                let total = values.thickness[layerIndex]
                let mean = selected.isEmpty ? 0 : selected.reduce(0) { $0 + $1.density * ($1.thickness / total) }
                for cellType in CellType.allCases {
                    let fraction = cellType == .excitatory ? fractions[layerIndex - 1] : 1 - fractions[layerIndex - 1]
                    values.density[(layerIndex - 1) * 2 + cellType.rawValue] = fraction * mean
                }
            }
            vekValues[vekArea] = values
        }

        // DK stage (original NeuronNumbers.map_atlas): equal surface for every vEK area.
        let areas = data.desikanKillianyAreas.sorted()
        var thickness = [Double](repeating: 0, count: areas.count * 5)
        var density = [Double](repeating: 0, count: areas.count * 8)
        var layerINeurons = [Double](repeating: 0, count: areas.count)
        for (areaIndex, area) in areas.enumerated() {
            let members = data.dkToVek[area]!.map { vekValues[$0]! }
            let count = Double(members.count)
            for layer in 0..<5 {
                thickness[areaIndex * 5 + layer] = members.reduce(0) { $0 + $1.thickness[layer] } / count
            }
            for population in 0..<8 {
                let layer = population / 2 + 1
                let layerTotal = members.reduce(0) { $0 + $1.thickness[layer] }
                density[areaIndex * 8 + population] = members.reduce(0) { sum, member in
                    let weight = layerTotal > 0 ? member.thickness[layer] / layerTotal : 0
                    let term = member.density[population] * weight
                    return term.isNaN ? sum : sum + term
                }
            }
            layerINeurons[areaIndex] = members.reduce(0) { $0 + $1.layerINeurons } / count
        }

        // Drop small layers, judged on the neuron numbers before any drop.
        let before = try Self.neuronCounts(areas: areas, thickness: thickness, density: density, surfaceArea: surfaceArea)
        for (areaIndex, area) in areas.enumerated() where before[areaIndex * 8..<(areaIndex + 1) * 8].allSatisfy({ $0 == 0 }) {
            throw InputError(file: data.path(of: "vek_cytoarchitecture.csv"),
                             "the vEK areas of \(area) (\(data.dkToVek[area]!.joined(separator: ", ")) in dk_to_vek_mapping.csv) give its column no neurons in layers II/III–VI; expected densities and thicknesses > 0")
        }
        for areaIndex in areas.indices {
            for layer in 0..<4 {
                let neurons = Double(before[areaIndex * 8 + layer * 2] + before[areaIndex * 8 + layer * 2 + 1])
                let dropForLayerI = cyto.removeLayersSmallerThanLayerI && neurons > 0 && neurons < layerINeurons[areaIndex]
                let dropForMinimum = neurons > 0 && neurons < cyto.minimumNeuronsPerLayer
                if dropForLayerI || dropForMinimum {
                    thickness[areaIndex * 5 + layer + 1] = 0
                    density[areaIndex * 8 + layer * 2] = 0
                    density[areaIndex * 8 + layer * 2 + 1] = 0
                }
            }
        }

        let counts = try Self.neuronCounts(areas: areas, thickness: thickness, density: density, surfaceArea: surfaceArea)
        for (areaIndex, area) in areas.enumerated() where counts[areaIndex * 8..<(areaIndex + 1) * 8].allSatisfy({ $0 == 0 }) {
            throw InputError("cytoarchitecture_params.min_neurons_per_layer = \(cyto.minimumNeuronsPerLayer) and remove_smaller_layerI = \(cyto.removeLayersSmallerThanLayerI) drop every layer of \(area) (\(before[areaIndex * 8..<(areaIndex + 1) * 8].reduce(0, +)) neurons in layers II/III–VI); expected settings that leave every area some neurons")
        }

        self.areas = areas
        self.thickness = thickness
        self.density = density
        self.layerINeurons = layerINeurons
        self.surfaceArea = surfaceArea
        self.neuronCounts = counts
    }

    /// round(density × layer thickness × surface), half to even as numpy's `np.round`.
    static func neuronCounts(areas: [String], thickness: [Double], density: [Double], surfaceArea: Double) throws(InputError) -> [Int] {
        let layout = PopulationLayout(areas: areas)
        var counts: [Int] = []
        counts.reserveCapacity(density.count)
        for index in density.indices {
            let area = index / 8, layer = (index % 8) / 2 + 1
            counts.append(try roundedCount(density[index] * thickness[area * 5 + layer] * surfaceArea) {
                "the neuron number of \(layout.population(at: index).label)"
            })
        }
        return counts
    }

    /// Layout indices of the populations with neurons (full scale).
    public var nonEmptyPopulations: [Int] { neuronCounts.indices.filter { neuronCounts[$0] > 0 } }

    /// Thickness of `layer` (index into I, II/III, IV, V, VI) of area `areaIndex`, mm.
    public func thickness(areaIndex: Int, layer: Int) -> Double { thickness[areaIndex * Self.layerCount + layer] }

    /// Sum of all layer thicknesses (layer I included), mm.
    public func totalThickness(areaIndex: Int) -> Double {
        (0..<Self.layerCount).reduce(0) { $0 + thickness[areaIndex * Self.layerCount + $1] }
    }

    /// Neurons of the column per mm³ of cortex: Σ neurons / total thickness / surface.
    public func meanDensity(areaIndex: Int) -> Double {
        let neurons = neuronCounts[areaIndex * 8..<(areaIndex + 1) * 8].reduce(0, +)
        return Double(neurons) / totalThickness(areaIndex: areaIndex) / surfaceArea
    }
}
