import Foundation
import Model

extension SynapticInputModel {
    /// Reads neuron numbers, synapse numbers and weights from a folder of network tables: either
    /// what `humam network --out` writes (`neuron_numbers.csv` with `neurons`, `synapses.csv`,
    /// `weights.csv`) or the original pipeline's (`neuron_numbers.csv` with `N`,
    /// `synapses_internal.csv`, `weights_connected_only.csv`). Time constants in ms.
    public static func readTables(in directory: URL, layout: PopulationLayout,
                                  excitatoryTimeConstant: Double = NeuronParameters.excitatoryDefault.excitatorySynapticTimeConstant,
                                  inhibitoryTimeConstant: Double = NeuronParameters.excitatoryDefault.inhibitorySynapticTimeConstant)
        throws(InputError) -> SynapticInputModel {
        func firstExisting(_ names: [String]) throws(InputError) -> URL {
            for name in names {
                let url = directory.appendingPathComponent(name)
                if FileManager.default.fileExists(atPath: url.path) { return url }
            }
            throw InputError(file: directory.path, "has none of \(names.joined(separator: ", "))")
        }
        let neuronTable = try CSVTable(contentsOf: try firstExisting(["neuron_numbers.csv"]))
        let neuronColumn = neuronTable.header.contains("neurons") ? "neurons" : "N"
        let neurons = try PopulationTable.read(neuronTable, valueColumn: neuronColumn, layout: layout)
        for (index, count) in neurons.enumerated() where count < 0 || count != count.rounded() {
            throw InputError(file: neuronTable.source, field: neuronColumn,
                             "\(layout.population(at: index).label) has \(count) neurons; expected a non-negative integer")
        }
        let synapses = try pathwayMatrix(CSVTable(contentsOf: try firstExisting(["synapses.csv", "synapses_internal.csv"])),
                                         valueColumn: "synapses", layout: layout, range: .closed(0, 1e15, unit: "synapses"))
        let weights = try pathwayMatrix(CSVTable(contentsOf: try firstExisting(["weights.csv", "weights_connected_only.csv"])),
                                        valueColumn: "weight_pA", layout: layout)
        return SynapticInputModel(layout: layout, neuronCounts: neurons.map { Int($0) }, synapseCounts: synapses,
                                  weights: weights, excitatoryTimeConstant: excitatoryTimeConstant,
                                  inhibitoryTimeConstant: inhibitoryTimeConstant)
    }

    /// A long-format `target_area,target_layer,target_population|target_pop,source_…,<value>`
    /// table as a dense target × source matrix (absent pathways 0).
    static func pathwayMatrix(_ table: CSVTable, valueColumn: String, layout: PopulationLayout,
                              range: ValidRange = ValidRange()) throws(InputError) -> [Double] {
        var columns: [Int] = []
        for side in ["target", "source"] {
            columns.append(try table.column("\(side)_area"))
            columns.append(try table.column("\(side)_layer"))
            columns.append(table.header.contains("\(side)_population") ? try table.column("\(side)_population")
                                                                         : try table.column("\(side)_pop"))
        }
        let value = try table.column(valueColumn)
        var matrix = [Double](repeating: 0, count: layout.count * layout.count)
        for row in table.rows.indices {
            let fields = table.rows[row]
            var indices: [Int] = []
            for side in 0..<2 {
                let area = fields[columns[3 * side]]
                guard let layer = Layer(label: fields[columns[3 * side + 1]]),
                      let cellType = CellType(label: fields[columns[3 * side + 2]]),
                      let index = layout.index(of: Population(area: area, layer: layer, cellType: cellType)) else {
                    throw InputError(file: table.source, line: row + 2, field: table.header[columns[3 * side]],
                                     "unknown population '\(area),\(fields[columns[3 * side + 1]]),\(fields[columns[3 * side + 2]])'")
                }
                indices.append(index)
            }
            matrix[indices[0] * layout.count + indices[1]] = try table.number(row: row, column: value, in: range)
        }
        return matrix
    }
}
