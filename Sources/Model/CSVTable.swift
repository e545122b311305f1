import Foundation

/// A comma-separated table with one header row, as every humam input and output file is
/// (no quoting: fields never contain commas). Parsing checks shape and numbers and reports
/// problems as `InputError`s that name the file, the line and the field.
public struct CSVTable: Sendable {
    /// Path or name used in error messages.
    public let source: String
    public let header: [String]
    /// Data rows; `rows[i]` is on line `i + 2` of the file.
    public let rows: [[String]]

    /// Parses `text`; every row must have as many fields as the header.
    public init(text: String, source: String) throws(InputError) {
        self.source = source
        // "\r\n" is a single Character in Swift, so CRLF files must be split on it explicitly.
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).map {
            $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
        }
        while let last = lines.last, last.isEmpty { lines.removeLast() }
        guard let headerLine = lines.first else {
            throw InputError(file: source, line: 1, "the file is empty; expected a header row")
        }
        var header = headerLine.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        if let first = header.first, first.hasPrefix("\u{FEFF}") { header[0] = String(first.dropFirst()) }
        self.header = header
        var rows: [[String]] = []
        rows.reserveCapacity(lines.count - 1)
        for (offset, line) in lines.dropFirst().enumerated() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == header.count else {
                throw InputError(file: source, line: offset + 2,
                                 "has \(fields.count) fields, expected \(header.count) as in the header")
            }
            rows.append(fields)
        }
        self.rows = rows
    }

    /// Reads and parses the file at `url`.
    public init(contentsOf url: URL) throws(InputError) {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw InputError(file: url.path, "cannot be read (\(InputError.reason(error)))")
        }
        try self.init(text: text, source: url.path)
    }

    /// Index of column `name`, or an error naming the columns that are there.
    public func column(_ name: String) throws(InputError) -> Int {
        guard let index = header.firstIndex(of: name) else {
            throw InputError(file: source, line: 1,
                             "has no column '\(name)' (columns: \(header.joined(separator: ", ")))")
        }
        if let second = header[(index + 1)...].firstIndex(of: name) {
            throw InputError(file: source, line: 1,
                             "has the column '\(name)' twice (columns \(index + 1) and \(second + 1)); expected each column once")
        }
        return index
    }

    /// The finite number in row `row`, column `column`, which must lie in `range`.
    public func number(row: Int, column: Int, in range: ValidRange = ValidRange()) throws(InputError) -> Double {
        let text = rows[row][column].trimmingCharacters(in: .whitespaces)
        guard let value = Double(text), value.isFinite else {
            throw InputError(file: source, line: row + 2, field: header[column],
                             "'\(text)' is not a finite number")
        }
        return try range.check(value, file: source, line: row + 2, field: header[column])
    }

    /// A whole column as finite numbers in `range`.
    public func numbers(column name: String, in range: ValidRange = ValidRange()) throws(InputError) -> [Double] {
        let index = try column(name)
        var values: [Double] = []
        values.reserveCapacity(rows.count)
        for row in rows.indices { values.append(try number(row: row, column: index, in: range)) }
        return values
    }

    /// A whole column as text.
    public func strings(column name: String) throws(InputError) -> [String] {
        let index = try column(name)
        return rows.map { $0[index] }
    }
}
