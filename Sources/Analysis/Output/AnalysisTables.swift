import Model

/// CSV texts of the analysis results.
public enum AnalysisTables {
    /// `area,layer,population,neurons,<names…>` for every non-empty population; an undefined
    /// (NaN) value is an empty cell.
    public static func populationTable(layout: PopulationLayout, neuronCounts: [Int],
                                       columns: [(name: String, values: [Double])]) -> String {
        var text = "\(PopulationTable.keyHeader),neurons," + columns.map(\.name).joined(separator: ",") + "\n"
        for index in 0..<layout.count where neuronCounts[index] > 0 {
            text += "\(PopulationTable.keyCells(layout.population(at: index))),\(neuronCounts[index])"
            for column in columns { text += column.values[index].isNaN ? "," : ",\(column.values[index])" }
            text += "\n"
        }
        return text
    }

    /// "CV ISI undefined for 253 of 254 populations (no neuron with at least 10 spikes)", or nil
    /// when `values` is defined for every non-empty population.
    public static func undefinedSummary(_ name: String, values: [Double], neuronCounts: [Int], reason: String) -> String? {
        let nonEmpty = neuronCounts.indices.filter { neuronCounts[$0] > 0 }
        let undefined = nonEmpty.filter { values[$0].isNaN }.count
        guard undefined > 0 else { return nil }
        return "\(name) undefined for \(undefined) of \(nonEmpty.count) populations (\(reason)); empty cells in the table, left out of the figures"
    }

    /// `time_ms,<names…>`: one row per bin (its start time), series stored one after another
    /// (`values[series * binCount + bin]`), each multiplied by `scale`.
    public static func timeSeries(names: [String], values: [Double], binCount: Int, binWidth: Double,
                                  scale: Double = 1) -> String {
        precondition(values.count == names.count * binCount)
        var text = "time_ms," + names.joined(separator: ",") + "\n"
        text.reserveCapacity(binCount * names.count * 20)
        for bin in 0..<binCount {
            text += "\(Double(bin) * binWidth)"
            for series in names.indices { text += ",\(values[series * binCount + bin] * scale)" }
            text += "\n"
        }
        return text
    }
}
