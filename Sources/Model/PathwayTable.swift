/// Reading per-pathway values from a long-format CSV table,
/// `target_area,target_layer,target_population,source_area,source_layer,source_population,<value>`
/// — the schema of synapse numbers, weights and delays (the original's tables name the
/// population columns `target_pop` and `source_pop`; both spellings are read).
public enum PathwayTable {
    /// The table's `valueColumn` as a dense target × source matrix in layout order
    /// (`matrix[target * count + source]`), 0 for pathways without a row. Unknown populations,
    /// a second row for a pathway, values outside `range` (and fractions with `wholeNumbers`)
    /// are errors naming the line.
    public static func read(_ table: CSVTable, valueColumn: String, layout: PopulationLayout,
                            range: ValidRange = ValidRange(), wholeNumbers: Bool = false) throws(InputError) -> [Double] {
        var columns: [Int] = []
        for side in ["target", "source"] {
            columns.append(try table.column("\(side)_area"))
            columns.append(try table.column("\(side)_layer"))
            columns.append(table.header.contains("\(side)_population") ? try table.column("\(side)_population")
                                                                         : try table.column("\(side)_pop"))
        }
        let value = try table.column(valueColumn)
        var matrix = [Double](repeating: 0, count: layout.count * layout.count)
        var seen = [Bool](repeating: false, count: layout.count * layout.count)
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
            let element = indices[0] * layout.count + indices[1]
            guard !seen[element] else {
                throw InputError(file: table.source, line: row + 2,
                                 "duplicate row for \(layout.population(at: indices[0]).label) ← \(layout.population(at: indices[1]).label)")
            }
            seen[element] = true
            matrix[element] = try table.number(row: row, column: value, in: range)
            guard !wholeNumbers || matrix[element] == matrix[element].rounded() else {
                throw InputError(file: table.source, line: row + 2, field: valueColumn,
                                 "\(matrix[element]) is not a whole number")
            }
        }
        return matrix
    }
}
