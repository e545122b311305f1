import Foundation

/// A square matrix with labels: header `corner,<labels>`, then one row per label starting with
/// that label, rows in the same order as the columns (the layout of the DTI, FC and
/// microcircuit tables in notebooks-data/).
public struct LabeledMatrix: Sendable {
    public let labels: [String]
    /// Row-major values, `values[row * labels.count + column]`.
    public let values: [Double]

    public init(labels: [String], values: [Double]) {
        self.labels = labels
        self.values = values
    }

    /// - Parameter range: the valid range of every value.
    public init(_ table: CSVTable, range: ValidRange = ValidRange()) throws(InputError) {
        let labels = Array(table.header.dropFirst())
        guard table.rows.count == labels.count else {
            throw InputError(file: table.source,
                             "has \(table.rows.count) data rows but \(labels.count) column labels; expected a square matrix")
        }
        var values: [Double] = []
        values.reserveCapacity(labels.count * labels.count)
        for row in table.rows.indices {
            guard table.rows[row][0] == labels[row] else {
                throw InputError(file: table.source, line: row + 2, field: table.header[0],
                                 "row label '\(table.rows[row][0])' differs from column label '\(labels[row])'; rows must be in column order")
            }
            for column in 1..<table.header.count { values.append(try table.number(row: row, column: column, in: range)) }
        }
        self.labels = labels
        self.values = values
    }

    public init(contentsOf url: URL, range: ValidRange = ValidRange()) throws(InputError) {
        try self.init(CSVTable(contentsOf: url), range: range)
    }

    public func value(row: Int, column: Int) -> Double { values[row * labels.count + column] }
}
