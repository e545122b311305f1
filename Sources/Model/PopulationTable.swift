import Foundation

/// Reading and writing per-population values as `area,layer,population,<value>` CSV — the
/// schema of rates, DC drives and neuron numbers (the reference files name the third column
/// `pop`; both spellings are read).
public enum PopulationTable {
    /// Reads one value column per population into `layout` order. Populations missing from the
    /// file get `missing`; unknown areas, layers or cell types, duplicates and non-numbers are errors,
    /// except `nan` (an undefined statistic, as `humam analyze` writes it) when `acceptingNaN`.
    public static func read(_ url: URL, valueColumn: String, layout: PopulationLayout,
                            missing: Double = 0, acceptingNaN: Bool = false) throws(InputError) -> [Double] {
        let table = try CSVTable(contentsOf: url)
        return try read(table, valueColumn: valueColumn, layout: layout, missing: missing, acceptingNaN: acceptingNaN)
    }

    public static func read(_ table: CSVTable, valueColumn: String, layout: PopulationLayout,
                            missing: Double = 0, acceptingNaN: Bool = false) throws(InputError) -> [Double] {
        let areaColumn = try table.column("area")
        let layerColumn = try table.column("layer")
        let populationColumn = table.header.contains("population") ? try table.column("population")
                                                                   : try table.column("pop")
        let valueIndex = try table.column(valueColumn)
        var values = [Double](repeating: missing, count: layout.count)
        var seen = [Bool](repeating: false, count: layout.count)
        for row in table.rows.indices {
            let fields = table.rows[row]
            guard layout.areas.contains(fields[areaColumn]) else {
                throw InputError(file: table.source, line: row + 2, field: "area",
                                 "unknown area '\(fields[areaColumn])'; expected one of the \(layout.areas.count) Desikan-Killiany areas")
            }
            guard let layer = Layer(label: fields[layerColumn]) else {
                throw InputError(file: table.source, line: row + 2, field: "layer",
                                 "unknown layer '\(fields[layerColumn])'; expected II/III, IV, V or VI")
            }
            guard let cellType = CellType(label: fields[populationColumn]) else {
                throw InputError(file: table.source, line: row + 2, field: table.header[populationColumn],
                                 "unknown population '\(fields[populationColumn])'; expected E or I")
            }
            let index = layout.index(of: Population(area: fields[areaColumn], layer: layer, cellType: cellType))!
            guard !seen[index] else {
                throw InputError(file: table.source, line: row + 2, "duplicate row for \(layout.population(at: index).label)")
            }
            seen[index] = true
            values[index] = acceptingNaN && fields[valueIndex].trimmingCharacters(in: .whitespaces) == "nan"
                ? .nan : try table.number(row: row, column: valueIndex)
        }
        return values
    }

    /// CSV text `area,layer,population,<valueColumn>` for the populations in `indices`.
    public static func text(_ values: [Double], valueColumn: String, layout: PopulationLayout,
                            indices: [Int]? = nil) -> String {
        var text = "area,layer,population,\(valueColumn)\n"
        for index in indices ?? Array(0..<layout.count) {
            let population = layout.population(at: index)
            text += "\(population.area),\(population.layer.label),\(population.cellType.label),\(values[index])\n"
        }
        return text
    }
}
