import Foundation
import Model
import TestSupport

/// Reference tables of the original pipeline (Tests/Fixtures/fullscale, downscaled) in layout order.
enum ReferenceTables {
    static func populationValues(_ path: String, column: String, layout: PopulationLayout) throws -> [Double] {
        try PopulationTable.read(Fixtures.table(path), valueColumn: column, layout: layout)
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
