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

    /// vEK rows in file order (repeated (area, layer) rows with density and thickness 0 kept, as
    /// the original keeps them; they add nothing).
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
    /// The folder the tables were read from.
    public var directory: URL

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

    /// The vEK areas of vek_cytoarchitecture.csv that dk_to_vek_mapping.csv maps to no DK area
    /// (Goulas et al. 2016 leave them out); every other area of the table must be mapped, so that
    /// a misspelt area code or a lost row of the mapping cannot drop an area's values silently.
    public static let unmappedVEKAreas: Set = ["FJ", "FK", "FM", "FN", "HE", "HF", "LE1", "LE2", "PD", "TB"]

    /// Valid ranges of the tables' values: physical bounds, generous enough for any real cortex
    /// (the committed tables lie well inside), tight enough that nothing downstream overflows.
    public enum ValidRanges {
        /// vEK sub-layer density: 0 occurs (sub-layers of a group carry 0); the densest is 2.5e5.
        public static let density = ValidRange.closed(0, 1e6, unit: "neurons/mm³")
        /// vEK sub-layer thickness: 0 occurs (as density); human cortex is at most ~4.5 mm thick.
        public static let thickness = ValidRange.closed(0, 10, unit: "mm")
        /// E/(E+I): every layer has both excitatory and inhibitory neurons.
        public static let excitatoryFraction = ValidRange(lower: 0, lowerInclusive: false, upper: 1, upperInclusive: false)
        /// DTI streamline counts (the table's largest is 756).
        public static let streamlines = ValidRange.closed(0, 1e9)
        /// Fibre length; the longest human association fibres are ~20 cm.
        public static let fibreLength = ValidRange.closed(0, 1000, unit: "mm")
        /// DK area volume; a whole brain is ~1.2e6 mm³.
        public static let volume = ValidRange.positive(upTo: 1e7, unit: "mm³")
        /// Potjans & Diesmann neuron numbers (Eq. 1 needs N_t N_s ≥ 1).
        public static let microcircuitNeurons = ValidRange.closed(1, 1e7, unit: "neurons")
        /// Potjans & Diesmann connection probability (Eq. 1 takes ln(1 − C)).
        public static let connectionProbability = ValidRange(lower: 0, upper: 1, upperInclusive: false)
        /// Potjans & Diesmann external indegree: every population receives external input.
        public static let externalIndegree = ValidRange.positive(upTo: 1e6, unit: "synapses")
        public static let probability = ValidRange.closed(0, 1)
        /// |Σ_population P(population | layer) − 1| allowed in a cell-body table (the committed
        /// ones are within 4e-16 of 1).
        public static let probabilitySumTolerance = 1e-6
    }

    /// Loads every table from `directory`, checking presence, shape, labels, that every value is
    /// in its `ValidRanges` range and that every mapping is complete.
    public static func load(from directory: URL) throws(InputError) -> ModelData {
        for name in requiredFiles where !FileManager.default.fileExists(atPath: directory.appendingPathComponent(name).path) {
            throw InputError(file: directory.appendingPathComponent(name).path,
                             "is missing. The tables are committed in the repository's notebooks-data/ (git checkout -- notebooks-data restores them); or convert a clone of INM-6/human-multi-area-model with scripts/convert-original-data.py, or point --data / $HUMAM_DATA at a folder with the files listed in notebooks-data/README.md")
        }
        func table(_ name: String) throws(InputError) -> CSVTable {
            try CSVTable(contentsOf: directory.appendingPathComponent(name))
        }

        let layerMapping = try table("vek_layer_mapping.csv")
        var vekLayerToModelLayer: [String: String] = [:]
        let mappedLayers = try layerMapping.strings(column: "vek_layer")
        for (row, modelLayer) in try layerMapping.strings(column: "humam_layer").enumerated() {
            guard layersWithLayerI.contains(modelLayer) else {
                throw InputError(file: layerMapping.source, line: row + 2, field: "humam_layer",
                                 "'\(modelLayer)' is not one of I, II/III, IV, V, VI")
            }
            try requireLabel(mappedLayers[row], layerMapping, row: row, field: "vek_layer")
            guard vekLayerToModelLayer[mappedLayers[row]] == nil else {
                throw InputError(file: layerMapping.source, line: row + 2, field: "vek_layer",
                                 "'\(mappedLayers[row])' is mapped a second time; each vEK layer belongs to one model layer")
            }
            vekLayerToModelLayer[mappedLayers[row]] = modelLayer
        }

        let vek = try table("vek_cytoarchitecture.csv")
        let vekAreas = try vek.strings(column: "vek_area")
        let vekLayers = try vek.strings(column: "vek_layer")
        let densities = try vek.numbers(column: "neuron_density_per_mm3", in: ValidRanges.density)
        let thicknesses = try vek.numbers(column: "layer_thickness_mm", in: ValidRanges.thickness)
        // The spreadsheet repeats a layer label where its layer cell is blank; those 20 rows are
        // 0/0 and add nothing. A repeated row with values would count its layer twice.
        var firstRow: [String: Int] = [:]
        for row in vek.rows.indices {
            try requireLabel(vekAreas[row], vek, row: row, field: "vek_area")
            guard vekLayerToModelLayer[vekLayers[row]] != nil else {
                throw InputError(file: vek.source, line: row + 2, field: "vek_layer",
                                 "'\(vekLayers[row])' is not in vek_layer_mapping.csv; every vEK layer must be mapped to a model layer (I, II/III, IV, V, VI)")
            }
            let key = "\(vekAreas[row]) \(vekLayers[row])"
            if let first = firstRow[key] {
                guard densities[row] == 0 && thicknesses[row] == 0 else {
                    throw InputError(file: vek.source, line: row + 2, field: "vek_layer",
                                     "a second row for \(key) (the first is on line \(first + 2)); expected each (area, layer) once, or a repeat with density and thickness 0")
                }
            } else {
                firstRow[key] = row
            }
        }
        let cytoarchitecture = vekAreas.indices.map {
            CytoarchitectureRow(vekArea: vekAreas[$0], vekLayer: vekLayers[$0],
                                density: densities[$0], thickness: thicknesses[$0])
        }

        let mapping = try table("dk_to_vek_mapping.csv")
        var dkToVek: [String: [String]] = [:]
        var dkAreas: [String] = []
        let knownVek = Set(vekAreas)
        let mappedDK = try mapping.strings(column: "dk_area")
        for (row, vekArea) in try mapping.strings(column: "vek_area").enumerated() {
            let dk = mappedDK[row]
            try requireLabel(dk, mapping, row: row, field: "dk_area")
            guard knownVek.contains(vekArea) else {
                throw InputError(file: mapping.source, line: row + 2, field: "vek_area",
                                 "'\(vekArea)' is not an area of vek_cytoarchitecture.csv")
            }
            guard dkToVek[dk]?.contains(vekArea) != true else {
                throw InputError(file: mapping.source, line: row + 2, field: "vek_area",
                                 "'\(dk) → \(vekArea)' is listed twice")
            }
            if dkToVek[dk] == nil { dkAreas.append(dk) }
            dkToVek[dk, default: []].append(vekArea)
        }
        let mappedVEK = Set(dkToVek.values.joined())
        for (row, vekArea) in vekAreas.enumerated() where !mappedVEK.contains(vekArea) && !unmappedVEKAreas.contains(vekArea) {
            throw InputError(file: vek.source, line: row + 2, field: "vek_area",
                             "'\(vekArea)' is mapped to no DK area in dk_to_vek_mapping.csv; expected an area the mapping names (a misspelt code, or a row missing from the mapping?) or one of the vEK areas it leaves out (\(unmappedVEKAreas.sorted().joined(separator: ", ")))")
        }

        var excitatoryFraction: [NetworkParameters.ExcitatoryFractionSource: [Double]] = [:]
        for source in NetworkParameters.ExcitatoryFractionSource.allCases {
            let fractions = try table("fraction_excitatory_\(source.rawValue).csv")
            excitatoryFraction[source] = try layerValues(fractions, valueColumn: "ratio", range: ValidRanges.excitatoryFraction)
        }

        let streamlines = try LabeledMatrix(table("hcp_dti_nos_right.csv"), range: ValidRanges.streamlines)
        let fibreLengthTable = try table("hcp_dti_fiber_length_right_mm.csv")
        let fibreLength = try LabeledMatrix(fibreLengthTable, range: ValidRanges.fibreLength)
        for matrix in [("hcp_dti_nos_right.csv", streamlines), ("hcp_dti_fiber_length_right_mm.csv", fibreLength)] {
            try requireSameAreas(matrix.1.labels, as: dkAreas, file: directory.appendingPathComponent(matrix.0).path, field: "area")
        }
        // A connected pair needs a fibre: its length sets the delay.
        for target in dkAreas.indices {
            for source in dkAreas.indices where source != target && streamlines.value(row: target, column: source) > 0
                && !(fibreLength.value(row: target, column: source) > 0) {
                throw InputError(file: fibreLengthTable.source, line: target + 2, field: dkAreas[source],
                                 "\(fibreLength.value(row: target, column: source)) mm for a pair with \(streamlines.value(row: target, column: source)) streamlines in hcp_dti_nos_right.csv; expected a length > 0 mm")
            }
        }
        let volumeTable = try table("dk_area_volumes_mm3.csv")
        let volumeAreas = try volumeTable.strings(column: "dk_area")
        let volumeValues = try volumeTable.numbers(column: "volume_mm3", in: ValidRanges.volume)
        try requireSameAreas(volumeAreas, as: dkAreas, file: volumeTable.source, field: "dk_area")
        let volumes = Dictionary(uniqueKeysWithValues: zip(volumeAreas, volumeValues))

        let microcircuitNeurons = try populationValues(table("pd_neuron_numbers.csv"), valueColumn: "neuron_number",
                                                       range: ValidRanges.microcircuitNeurons)
        let microcircuitExternalIndegree = try populationValues(table("pd_external_indegrees.csv"), valueColumn: "k_ext",
                                                                range: ValidRanges.externalIndegree)
        let probabilities = try LabeledMatrix(table("pd_connection_probabilities.csv"), range: ValidRanges.connectionProbability)
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
            cellBodyProbabilityMohan: try cellBodyTable(table("synapse_cellbody_probability_mohan.csv")),
            directory: directory)
    }

    /// Path of input table `name`, for errors about values computed from it.
    public func path(of name: String) -> String { directory.appendingPathComponent(name).path }

    /// The areas of a table must be the DK areas of dk_to_vek_mapping.csv, in the same order.
    private static func requireSameAreas(_ areas: [String], as dkAreas: [String], file: String, field: String) throws(InputError) {
        guard areas != dkAreas else { return }
        let expected = "expected the \(dkAreas.count) DK areas of dk_to_vek_mapping.csv, in its order"
        if let index = (0..<min(areas.count, dkAreas.count)).first(where: { areas[$0] != dkAreas[$0] }) {
            throw InputError(file: file, field: field, "area \(index + 1) is '\(areas[index])' where dk_to_vek_mapping.csv has '\(dkAreas[index])'; \(expected)")
        }
        throw InputError(file: file, field: field, "has \(areas.count) areas; \(expected)")
    }

    /// A label must not be empty.
    private static func requireLabel(_ label: String, _ table: CSVTable, row: Int, field: String) throws(InputError) {
        guard label.trimmingCharacters(in: .whitespaces).isEmpty else { return }
        throw InputError(file: table.source, line: row + 2, field: field, "is empty; expected a label")
    }

    /// A `layer,<value>` table with exactly one row per model layer II/III … VI, in layer order.
    private static func layerValues(_ table: CSVTable, valueColumn: String,
                                    range: ValidRange) throws(InputError) -> [Double] {
        let layers = try table.strings(column: "layer")
        let values = try table.numbers(column: valueColumn, in: range)
        var rows = [Int?](repeating: nil, count: Layer.allCases.count)
        for (row, label) in layers.enumerated() {
            guard let layer = Layer.allCases.firstIndex(where: { $0.label == label }) else {
                throw InputError(file: table.source, line: row + 2, field: "layer",
                                 "unknown layer '\(label)'; expected II/III, IV, V or VI")
            }
            guard rows[layer] == nil else {
                throw InputError(file: table.source, line: row + 2, field: "layer", "a second row for layer \(label)")
            }
            rows[layer] = row
        }
        var result: [Double] = []
        for (layer, row) in zip(Layer.allCases, rows) {
            guard let row else {
                throw InputError(file: table.source, field: "layer", "has no row for layer \(layer.label)")
            }
            result.append(values[row])
        }
        return result
    }

    /// Row index of (layer, population) in a `layer,pop,...` table, in model population order;
    /// every row must be a model population, each exactly once.
    private static func populationRows(_ table: CSVTable) throws(InputError) -> [Int] {
        let layers = try table.strings(column: "layer")
        let populations = try table.strings(column: "pop")
        var rows = [Int?](repeating: nil, count: Layer.allCases.count * CellType.allCases.count)
        for row in table.rows.indices {
            guard let layer = Layer(label: layers[row]) else {
                throw InputError(file: table.source, line: row + 2, field: "layer",
                                 "unknown layer '\(layers[row])'; expected II/III, IV, V or VI")
            }
            guard let cellType = CellType(label: populations[row]) else {
                throw InputError(file: table.source, line: row + 2, field: "pop",
                                 "unknown population '\(populations[row])'; expected E or I")
            }
            let index = Layer.allCases.firstIndex(of: layer)! * CellType.allCases.count + cellType.rawValue
            guard rows[index] == nil else {
                throw InputError(file: table.source, line: row + 2, "a second row for layer \(layer.label), population \(cellType.label)")
            }
            rows[index] = row
        }
        var result: [Int] = []
        for (index, row) in rows.enumerated() {
            guard let row else {
                throw InputError(file: table.source, "has no row for layer \(Layer.allCases[index / 2].label), population \(CellType.allCases[index % 2].label)")
            }
            result.append(row)
        }
        return result
    }

    private static func populationValues(_ table: CSVTable, valueColumn: String, range: ValidRange) throws(InputError) -> [Double] {
        let column = try table.column(valueColumn)
        var values: [Double] = []
        for row in try populationRows(table) { values.append(try table.number(row: row, column: column, in: range)) }
        return values
    }

    /// P(cell body in population | synapse in layer): probabilities, summing to 1 over the
    /// populations of every layer.
    private static func cellBodyTable(_ table: CSVTable) throws(InputError) -> [Double] {
        var values: [Double] = []
        let rows = try populationRows(table)
        for row in rows {
            for layer in layersWithLayerI {
                values.append(try table.number(row: row, column: try table.column(layer), in: ValidRanges.probability))
            }
        }
        for (layerIndex, layer) in layersWithLayerI.enumerated() {
            let sum = rows.indices.reduce(0) { $0 + values[$1 * layersWithLayerI.count + layerIndex] }
            guard abs(sum - 1) <= ValidRanges.probabilitySumTolerance else {
                throw InputError(file: table.source, field: layer,
                                 "the probabilities sum to \(sum) over the populations; expected 1 (± \(ValidRanges.probabilitySumTolerance)): every synapse of the layer has its cell body in one population")
            }
        }
        return values
    }
}
