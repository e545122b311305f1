import Foundation
import Model

/// Reads an experimental functional-connectivity matrix for comparison with the model, matching
/// areas by name only (never by position).
///
/// Matrix files: square CSV with area labels in the header row and/or the first column (a corner
/// field such as `area` or `region` when both). 34 areas, or 68 of both hemispheres from which
/// `hemisphere` is taken (default left; a hemisphere asked of a file whose labels carry none is
/// an error: it would choose nothing). Time-series files (`timeseries: true`): time × areas, labels in the
/// header, optionally a leading `time`/`t`/`frame`/`index` column; FC is their Pearson matrix.
/// A missing, duplicated or unknown area, a non-square or non-numeric matrix is an `InputError`.
public enum ExperimentalFC {
    public struct Result: Sendable {
        /// FC in the order of `areas` passed to `read`.
        public var connectivity: FunctionalConnectivity
        /// The hemisphere taken, nil if the labels carry none.
        public var hemisphere: Hemisphere?
    }

    public static func read(_ url: URL, areas: [String], hemisphere: Hemisphere? = nil,
                            timeseries: Bool = false) throws(InputError) -> Result {
        let table = try CSVTable(contentsOf: url)
        return timeseries ? try readTimeseries(table, areas: areas, hemisphere: hemisphere)
                          : try readMatrix(table, areas: areas, hemisphere: hemisphere)
    }

    // MARK: matrix

    static func readMatrix(_ table: CSVTable, areas: [String], hemisphere: Hemisphere?) throws(InputError) -> Result {
        let source = table.source
        let headerIsLabels = table.header.dropFirst().contains { Double($0.trimmingCharacters(in: .whitespaces)) == nil }
            || (table.header.count == 1 && Double(table.header[0]) == nil)
        // All rows as text, including the header when it holds numbers.
        var lines: [(line: Int, fields: [String])] = table.rows.enumerated().map { ($0.offset + 2, $0.element) }
        if !headerIsLabels { lines.insert((1, table.header), at: 0) }
        guard !lines.isEmpty else { throw InputError(file: source, "has no matrix rows") }
        let firstColumnIsLabels = lines.contains { Double($0.fields[0].trimmingCharacters(in: .whitespaces)) == nil }
        guard headerIsLabels || firstColumnIsLabels else {
            throw InputError(file: source, line: 1,
                             "has no area labels; expected labels in the header row and/or the first column")
        }
        let valueStart = firstColumnIsLabels ? 1 : 0
        let columnCount = table.header.count - valueStart
        guard lines.count == columnCount else {
            throw InputError(file: source, "is not square: \(lines.count) rows, \(columnCount) columns of values")
        }
        let columnLabels = headerIsLabels ? Array(table.header[valueStart...]) : nil
        let rowLabels = firstColumnIsLabels ? lines.map { $0.fields[0] } : nil
        if let columnLabels, let rowLabels {
            for (index, (column, row)) in zip(columnLabels, rowLabels).enumerated()
            where AreaLabel(parsing: column) != AreaLabel(parsing: row) {
                throw InputError(file: source, line: lines[index].line,
                                 "row label '\(row)' differs from column label '\(column)' at position \(index + 1); the matrix must list the areas in the same order in both")
            }
        }
        let labels = (columnLabels ?? rowLabels)!.map { AreaLabel(parsing: $0) }
        var values = [Double](repeating: 0, count: columnCount * columnCount)
        for (row, entry) in lines.enumerated() {
            for column in 0..<columnCount {
                let text = entry.fields[valueStart + column].trimmingCharacters(in: .whitespaces)
                guard let value = Double(text), value.isFinite else {
                    throw InputError(file: source, line: entry.line, field: (columnLabels?[column]) ?? "column \(column + 1)",
                                     "'\(text)' is not a finite number")
                }
                values[row * columnCount + column] = value
            }
        }
        try requireSymmetry(values, count: columnCount, labels: (columnLabels ?? rowLabels)!, lines: lines.map(\.line), source: source)
        let (positions, used) = try select(labels, areas: areas, hemisphere: hemisphere, source: source,
                                          line: headerIsLabels ? 1 : nil)
        var matrix = [Double]()
        matrix.reserveCapacity(areas.count * areas.count)
        for row in positions { for column in positions { matrix.append(values[row * columnCount + column]) } }
        return Result(connectivity: FunctionalConnectivity(areas: areas, matrix: matrix), hemisphere: used)
    }

    /// |a_ij − a_ji| allowed, relative to max(1, |a_ij|, |a_ji|): rounding in the file's writer.
    public static let symmetryTolerance = 1e-12

    /// An FC is symmetric: the first pair (in row order) that differs by more than
    /// `symmetryTolerance` is an error naming both entries.
    static func requireSymmetry(_ values: [Double], count: Int, labels: [String], lines: [Int], source: String) throws(InputError) {
        for row in 0..<count {
            for column in 0..<row {
                let lower = values[row * count + column], upper = values[column * count + row]
                guard abs(lower - upper) > symmetryTolerance * max(1, abs(lower), abs(upper)) else { continue }
                throw InputError(file: source, line: lines[row], field: labels[column],
                                 "the FC is not symmetric: (\(labels[row]), \(labels[column])) = \(lower) but (\(labels[column]), \(labels[row])) = \(upper) on line \(lines[column]); expected equal values (within \(symmetryTolerance) relative)")
            }
        }
    }

    // MARK: time series

    static let timeColumnNames: Set<String> = ["", "time", "t", "time_s", "time_ms", "frame", "volume", "index", "tr"]

    static func readTimeseries(_ table: CSVTable, areas: [String], hemisphere: Hemisphere?) throws(InputError) -> Result {
        let source = table.source
        let skipFirst = timeColumnNames.contains(table.header[0].trimmingCharacters(in: .whitespaces).lowercased())
        let columns = Array((skipFirst ? 1 : 0)..<table.header.count)
        let labels = columns.map { AreaLabel(parsing: table.header[$0]) }
        let (positions, used) = try select(labels, areas: areas, hemisphere: hemisphere, source: source, line: 1)
        guard table.rows.count >= 3 else {
            throw InputError(file: source, "has \(table.rows.count) time points; an FC needs at least 3")
        }
        var series = [Double]()
        series.reserveCapacity(areas.count * table.rows.count)
        for position in positions {
            let column = columns[position]
            for row in table.rows.indices { series.append(try table.number(row: row, column: column)) }
        }
        let matrix = PearsonCorrelation.matrix(series: series, count: areas.count, length: table.rows.count)
        for (index, area) in areas.enumerated() where matrix[index * areas.count + index].isNaN {
            throw InputError(file: source, line: 1, field: table.header[columns[positions[index]]],
                             "the time series of '\(area)' is constant; its correlations are undefined")
        }
        return Result(connectivity: FunctionalConnectivity(areas: areas, matrix: matrix), hemisphere: used)
    }

    // MARK: label matching

    /// Positions of `areas` among `labels`, after choosing `hemisphere` where labels carry one.
    static func select(_ labels: [AreaLabel], areas: [String], hemisphere: Hemisphere?, source: String,
                       line: Int?) throws(InputError) -> (positions: [Int], hemisphere: Hemisphere?) {
        let known = Set(areas)
        for label in labels where !known.contains(label.name) {
            throw InputError(file: source, line: line,
                             "unknown area '\(label.name)'; expected Desikan-Killiany names such as \(areas.prefix(3).joined(separator: ", ")) (optionally L_/R_, lh_/rh_ or ctx-lh-/ctx-rh- prefixed)")
        }
        let hemispheres = Set(labels.compactMap(\.hemisphere))
        if labels.contains(where: { $0.hemisphere == nil }) && !hemispheres.isEmpty {
            throw InputError(file: source, line: line, "mixes labels with and without a hemisphere prefix")
        }
        if let hemisphere, hemispheres.isEmpty {
            throw InputError(file: source, line: line,
                             "has no hemisphere labels (L_/R_, lh_/rh_, ctx-lh-/ctx-rh-), so the \(hemisphere.rawValue) hemisphere cannot be chosen; leave out --hemisphere for a file of one hemisphere")
        }
        let used: Hemisphere? = hemispheres.isEmpty ? nil : hemisphere ?? .left
        if let used, !hemispheres.contains(used) {
            throw InputError(file: source, line: line,
                             "has no \(used.rawValue)-hemisphere areas (only \(hemispheres.map(\.rawValue).sorted().joined(separator: ", "))); choose --hemisphere accordingly")
        }
        var position: [String: Int] = [:]
        for (index, label) in labels.enumerated() where label.hemisphere == used {
            guard position[label.name] == nil else {
                throw InputError(file: source, line: line,
                                 "area '\(label.name)'\(used.map { " (\($0.rawValue))" } ?? "") appears twice")
            }
            position[label.name] = index
        }
        let missing = areas.filter { position[$0] == nil }
        guard missing.isEmpty else {
            throw InputError(file: source, line: line,
                             "lacks \(missing.count) model area(s)\(used.map { " in the \($0.rawValue) hemisphere" } ?? ""): \(missing.joined(separator: ", "))")
        }
        return (areas.map { position[$0]! }, used)
    }
}
