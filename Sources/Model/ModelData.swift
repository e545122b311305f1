import Foundation

/// The model's input tables (notebooks-data/, schema in notebooks-data/README.md), loaded and
/// checked. Everything the network construction reads from disk is here.
public struct ModelData: Sendable {
    /// One row of the von Economo & Koskinas table: a sub-layer of a vEK area.
    public struct CytoarchitectureRow: Sendable {
        public var vekArea: String
        public var vekLayer: String
        /// Neuron density, 1/mm³.
        public var density: Double
        /// Layer thickness, mm.
        public var thickness: Double
    }

    /// vEK rows in file order (duplicate (area, layer) rows kept, as the original keeps them).
    public var cytoarchitecture: [CytoarchitectureRow]
    /// Desikan-Killiany area → its vEK areas, in the mapping's order; the keys' order is
    /// `desikanKillianyAreas`.
    public var dkToVek: [String: [String]]
    /// The 34 DK areas in the mapping's (HCP) order.
    public var desikanKillianyAreas: [String]
    /// vEK sub-layer label → model layer label (`I`, `II/III`, `IV`, `V`, `VI`).
    public var vekLayerToModelLayer: [String: String]
    /// Fraction of excitatory neurons per layer (II/III … VI), for each source table.
    public var excitatoryFraction: [NetworkParameters.ExcitatoryFractionSource: [Double]]
    /// HCP DTI number of streamlines, right hemisphere (rows = target, columns = source).
    public var streamlines: LabeledMatrix
    /// HCP DTI fibre length, right hemisphere, mm.
    public var fibreLength: LabeledMatrix
    /// Area volume, mm³, by DK area.
    public var volumes: [String: Double]
    /// Potjans & Diesmann 2014 tables, in population order 2/3E, 2/3I, 4E, … 6I.
    public var microcircuitNeurons: [Double]
    /// Connection probability, 8 × 8 row-major, row = target, column = source.
    public var microcircuitConnectionProbability: [Double]
    public var microcircuitExternalIndegree: [Double]
    /// P(cell body in population | synapse in layer), 8 × 5 (layers I … VI), row-major.
    public var cellBodyProbabilityBinzegger: [Double]
    public var cellBodyProbabilityMohan: [Double]

    /// Model layers including layer I, in table column order.
    public static let layersWithLayerI = ["I", "II/III", "IV", "V", "VI"]

    /// Files this loader reads (a user with the original repository can produce them with
    /// scripts/convert-original-data.py).
    public static let requiredFiles = [
        "vek_cytoarchitecture.csv", "dk_to_vek_mapping.csv", "vek_layer_mapping.csv",
        "fraction_excitatory_lichtman.csv", "fraction_excitatory_binzegger.csv",
        "hcp_dti_nos_right.csv", "hcp_dti_fiber_length_right_mm.csv", "dk_area_volumes_mm3.csv",
        "pd_neuron_numbers.csv", "pd_connection_probabilities.csv", "pd_external_indegrees.csv",
        "synapse_cellbody_probability_binzegger.csv", "synapse_cellbody_probability_mohan.csv",
    ]

    /// Loads every table from `directory`, checking presence, shape, labels and numbers.
    public static func load(from directory: URL) throws(InputError) -> ModelData {
        for name in requiredFiles where !FileManager.default.fileExists(atPath: directory.appendingPathComponent(name).path) {
            throw InputError(file: directory.appendingPathComponent(name).path,
                             "is missing. The tables are committed in the repository's notebooks-data/ (git checkout -- notebooks-data restores them); or convert a clone of INM-6/human-multi-area-model with scripts/convert-original-data.py, or point --data / $HUMAM_DATA at a folder with the files listed in notebooks-data/README.md")
        }
        func table(_ name: String) throws(InputError) -> CSVTable {
            try CSVTable(contentsOf: directory.appendingPathComponent(name))
        }

        let vek = try table("vek_cytoarchitecture.csv")
        let vekAreas = try vek.strings(column: "vek_area")
        let vekLayers = try vek.strings(column: "vek_layer")
        let densities = try vek.numbers(column: "neuron_density_per_mm3")
        let thicknesses = try vek.numbers(column: "layer_thickness_mm")
        let cytoarchitecture = vekAreas.indices.map {
            CytoarchitectureRow(vekArea: vekAreas[$0], vekLayer: vekLayers[$0],
                                density: densities[$0], thickness: thicknesses[$0])
        }

        let mapping = try table("dk_to_vek_mapping.csv")
        var dkToVek: [String: [String]] = [:]
        var dkAreas: [String] = []
        let knownVek = Set(vekAreas)
        for (row, fields) in zip(mapping.rows.indices, mapping.rows) {
            let dk = fields[try mapping.column("dk_area")], vekArea = fields[try mapping.column("vek_area")]
            guard knownVek.contains(vekArea) else {
                throw InputError(file: mapping.source, line: row + 2, field: "vek_area",
                                 "'\(vekArea)' is not an area of vek_cytoarchitecture.csv")
            }
            if dkToVek[dk] == nil { dkAreas.append(dk) }
            dkToVek[dk, default: []].append(vekArea)
        }

        let layerMapping = try table("vek_layer_mapping.csv")
        var vekLayerToModelLayer: [String: String] = [:]
        for (row, fields) in zip(layerMapping.rows.indices, layerMapping.rows) {
            let modelLayer = fields[try layerMapping.column("humam_layer")]
            guard layersWithLayerI.contains(modelLayer) else {
                throw InputError(file: layerMapping.source, line: row + 2, field: "humam_layer",
                                 "'\(modelLayer)' is not one of I, II/III, IV, V, VI")
            }
            vekLayerToModelLayer[fields[try layerMapping.column("vek_layer")]] = modelLayer
        }

        var excitatoryFraction: [NetworkParameters.ExcitatoryFractionSource: [Double]] = [:]
        for source in NetworkParameters.ExcitatoryFractionSource.allCases {
            let fractions = try table("fraction_excitatory_\(source.rawValue).csv")
            excitatoryFraction[source] = try layerValues(fractions, valueColumn: "ratio", range: 0...1)
        }

        let streamlines = try LabeledMatrix(table("hcp_dti_nos_right.csv"))
        let fibreLength = try LabeledMatrix(table("hcp_dti_fiber_length_right_mm.csv"))
        for matrix in [("hcp_dti_nos_right.csv", streamlines), ("hcp_dti_fiber_length_right_mm.csv", fibreLength)]
        where matrix.1.labels != dkAreas {
            throw InputError(file: directory.appendingPathComponent(matrix.0).path,
                             "labels differ from the DK areas of dk_to_vek_mapping.csv (same names, same order expected)")
        }
        let volumeTable = try table("dk_area_volumes_mm3.csv")
        let volumeAreas = try volumeTable.strings(column: "dk_area")
        let volumeValues = try volumeTable.numbers(column: "volume_mm3")
        guard volumeAreas == dkAreas else {
            throw InputError(file: volumeTable.source, field: "dk_area",
                             "areas differ from the DK areas of dk_to_vek_mapping.csv (same names, same order expected)")
        }
        let volumes = Dictionary(uniqueKeysWithValues: zip(volumeAreas, volumeValues))

        let microcircuitNeurons = try populationValues(table("pd_neuron_numbers.csv"), valueColumn: "neuron_number")
        let microcircuitExternalIndegree = try populationValues(table("pd_external_indegrees.csv"), valueColumn: "k_ext")
        let probabilities = try LabeledMatrix(table("pd_connection_probabilities.csv"))
        let expectedLabels = Layer.allCases.flatMap { layer in CellType.allCases.map { "\(layer.label)_\($0.label)" } }
        guard probabilities.labels == expectedLabels else {
            throw InputError(file: directory.appendingPathComponent("pd_connection_probabilities.csv").path, line: 1,
                             "columns must be \(expectedLabels.joined(separator: ","))")
        }

        return ModelData(
            cytoarchitecture: cytoarchitecture, dkToVek: dkToVek, desikanKillianyAreas: dkAreas,
            vekLayerToModelLayer: vekLayerToModelLayer, excitatoryFraction: excitatoryFraction,
            streamlines: streamlines, fibreLength: fibreLength, volumes: volumes,
            microcircuitNeurons: microcircuitNeurons,
            microcircuitConnectionProbability: probabilities.values,
            microcircuitExternalIndegree: microcircuitExternalIndegree,
            cellBodyProbabilityBinzegger: try cellBodyTable(table("synapse_cellbody_probability_binzegger.csv")),
            cellBodyProbabilityMohan: try cellBodyTable(table("synapse_cellbody_probability_mohan.csv")))
    }

    /// A `layer,<value>` table with one row per model layer II/III … VI, in layer order.
    private static func layerValues(_ table: CSVTable, valueColumn: String,
                                    range: ClosedRange<Double>) throws(InputError) -> [Double] {
        let layers = try table.strings(column: "layer")
        let values = try table.numbers(column: valueColumn)
        var result: [Double] = []
        for layer in Layer.allCases {
            guard let row = layers.firstIndex(of: layer.label) else {
                throw InputError(file: table.source, field: "layer", "has no row for layer \(layer.label)")
            }
            guard range.contains(values[row]) else {
                throw InputError(file: table.source, line: row + 2, field: valueColumn,
                                 "\(values[row]) is outside \(range.lowerBound)...\(range.upperBound)")
            }
            result.append(values[row])
        }
        return result
    }

    /// Row index of (layer, population) in a `layer,pop,...` table, in model population order.
    private static func populationRows(_ table: CSVTable) throws(InputError) -> [Int] {
        let layers = try table.strings(column: "layer")
        let populations = try table.strings(column: "pop")
        var rows: [Int] = []
        for layer in Layer.allCases {
            for cellType in CellType.allCases {
                guard let row = layers.indices.first(where: { layers[$0] == layer.label && populations[$0] == cellType.label }) else {
                    throw InputError(file: table.source, "has no row for layer \(layer.label), population \(cellType.label)")
                }
                rows.append(row)
            }
        }
        return rows
    }

    private static func populationValues(_ table: CSVTable, valueColumn: String) throws(InputError) -> [Double] {
        let column = try table.column(valueColumn)
        var values: [Double] = []
        for row in try populationRows(table) { values.append(try table.number(row: row, column: column)) }
        return values
    }

    private static func cellBodyTable(_ table: CSVTable) throws(InputError) -> [Double] {
        var values: [Double] = []
        for row in try populationRows(table) {
            for layer in layersWithLayerI { values.append(try table.number(row: row, column: try table.column(layer))) }
        }
        return values
    }
}
