/// A functional-connectivity matrix over named areas (row-major, symmetric).
public struct FunctionalConnectivity: Sendable, Equatable {
    public var areas: [String]
    public var matrix: [Double]

    public init(areas: [String], matrix: [Double]) {
        precondition(matrix.count == areas.count * areas.count)
        self.areas = areas
        self.matrix = matrix
    }

    public subscript(row: Int, column: Int) -> Double { matrix[row * areas.count + column] }

    /// The same matrix with areas in `order` (every name must be present).
    public func reordered(_ order: [String]) -> FunctionalConnectivity {
        let positions = order.map { areas.firstIndex(of: $0)! }
        var values = [Double]()
        values.reserveCapacity(order.count * order.count)
        for row in positions { for column in positions { values.append(self[row, column]) } }
        return FunctionalConnectivity(areas: order, matrix: values)
    }

    /// CSV text with header `area,<names>` and one row per area; an undefined (NaN) entry, e.g.
    /// of an area whose signal is constant, is an empty cell.
    public func csvText() -> String {
        var text = "area," + areas.joined(separator: ",") + "\n"
        for row in areas.indices {
            text += areas[row]
            for column in areas.indices { text += self[row, column].isNaN ? "," : ",\(self[row, column])" }
            text += "\n"
        }
        return text
    }
}
