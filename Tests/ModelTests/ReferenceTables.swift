import Foundation
import Model
import TestSupport

/// Reference tables of the original pipeline (Tests/Fixtures/fullscale, downscaled) in layout order.
enum ReferenceTables {
    static func populationValues(_ path: String, column: String, layout: PopulationLayout) throws -> [Double] {
        try PopulationTable.read(Fixtures.table(path), valueColumn: column, layout: layout)
    }

    /// A long `target_area,target_layer,target_pop,source_area,source_layer,source_pop,<column>`
    /// table as a dense target × source matrix (absent pathways are 0).
    static func pathwayValues(_ path: String, column: String, layout: PopulationLayout) throws -> [Double] {
        let table = try Fixtures.table(path)
        let value = try table.column(column)
        let columns = try ["target_area", "target_layer", "target_pop", "source_area", "source_layer", "source_pop"].map {
            try table.column($0)
        }
        var matrix = [Double](repeating: 0, count: layout.count * layout.count)
        for row in table.rows.indices {
            let fields = table.rows[row]
            func index(_ offset: Int) -> Int {
                layout.index(of: Population(area: fields[columns[offset]], layer: Layer(label: fields[columns[offset + 1]])!,
                                            cellType: CellType(label: fields[columns[offset + 2]])!))!
            }
            matrix[index(0) * layout.count + index(3)] = try table.number(row: row, column: value)
        }
        return matrix
    }
}

extension ReferenceTables {
    /// An `area,<column>` table in the order of `areas`.
    static func areaValues(_ path: String, column: String, areas: [String]) throws -> [Double] {
        let table = try Fixtures.table(path)
        let byArea = Dictionary(uniqueKeysWithValues: zip(try table.strings(column: "area"), try table.numbers(column: column)))
        return areas.map { byArea[$0]! }
    }
}
