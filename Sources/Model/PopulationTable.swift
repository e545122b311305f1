import Foundation

/// Reading and writing per-population values as `area,layer,population,<value>` CSV — the
/// schema of rates, DC drives and neuron numbers (the reference files name the third column
/// `pop`; both spellings are read).
public enum PopulationTable {
    /// Valid range of a firing rate: ≥ 0, and below 10 kHz, faster than any neuron can fire.
    public static let rateRange = ValidRange.closed(0, 1e4, unit: "Hz")

    /// Reads one value column per population into `layout` order. Every population in
    /// `required` (layout indices) must have a row; others missing from the file get `missing`.
    /// Unknown areas, layers or cell types, duplicates, non-numbers and values outside `range`
    /// are errors, except an empty cell (an undefined statistic, as `humam analyze` writes it) or
    /// `nan`, read as NaN when `acceptingUndefined`.
    public static func read(_ url: URL, valueColumn: String, layout: PopulationLayout, required: [Int] = [],
                            range: ValidRange = ValidRange(), missing: Double = 0,
                            acceptingUndefined: Bool = false) throws(InputError) -> [Double] {
        let table = try CSVTable(contentsOf: url)
        return try read(table, valueColumn: valueColumn, layout: layout, required: required, range: range, missing: missing,
                        acceptingUndefined: acceptingUndefined)
    }

    /// Rates in Hz (column `rate_hz`), one for every population in `required`.
    public static func readRates(_ url: URL, layout: PopulationLayout, required: [Int]) throws(InputError) -> [Double] {
        try read(url, valueColumn: "rate_hz", layout: layout, required: required, range: rateRange)
    }

    /// Rates in Hz of `network`'s populations (layout order), one for every non-empty one.
    public static func readRates(_ url: URL, of network: Network) throws(InputError) -> [Double] {
        try readRates(url, layout: network.layout, required: network.nonEmptyPopulations)
    }

    public static func read(_ table: CSVTable, valueColumn: String, layout: PopulationLayout, required: [Int] = [],
                            range: ValidRange = ValidRange(), missing: Double = 0,
                            acceptingUndefined: Bool = false) throws(InputError) -> [Double] {
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
            let cell = fields[valueIndex].trimmingCharacters(in: .whitespaces)
            values[index] = acceptingUndefined && (cell.isEmpty || cell == "nan")
                ? .nan : try table.number(row: row, column: valueIndex, in: range)
        }
        let absent = required.filter { !seen[$0] }
        if let first = absent.first {
            throw InputError(file: table.source, field: valueColumn,
                             "has no row for \(absent.count) of the \(required.count) non-empty populations (the first: \(layout.population(at: first).label)); every non-empty population needs a value")
        }
        return values
    }

    /// The header cells that name a population: `area,layer,population`.
    public static let keyHeader = "area,layer,population"

    /// The cells of `population` under `keyHeader`, e.g. `bankssts,II/III,E`.
    public static func keyCells(_ population: Population) -> String {
        "\(population.area),\(population.layer.label),\(population.cellType.label)"
    }

    /// CSV text `area,layer,population,<valueColumn>` for the populations in `indices`.
    public static func text(_ values: [Double], valueColumn: String, layout: PopulationLayout,
                            indices: [Int]? = nil) -> String {
        var text = "\(keyHeader),\(valueColumn)\n"
        for index in indices ?? Array(0..<layout.count) {
            text += "\(keyCells(layout.population(at: index))),\(values[index])\n"
        }
        return text
    }
}
