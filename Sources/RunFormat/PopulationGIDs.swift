import Foundation
import Model

/// Which neuron IDs (NEST GIDs) belong to which population: the original's
/// `population_GIDs.dat`, one line per non-empty population,
/// `('bankssts', 'II/III', 'E');1;235` (first and last GID, inclusive; read by the original's
/// `Analysis._readPopGids`).
public struct PopulationGIDs: Sendable, Equatable {
    public var layout: PopulationLayout
    /// First GID of each population in layout order (0 for an empty population).
    public var firstGID: [Int]
    /// Neurons per population in layout order (`maxGID − minGID + 1`, 0 for an empty one).
    public var neuronCounts: [Int]

    public init(layout: PopulationLayout, firstGID: [Int], neuronCounts: [Int]) {
        self.layout = layout
        self.firstGID = firstGID
        self.neuronCounts = neuronCounts
    }

    /// Consecutive GIDs starting at `firstGID` in layout order, as `humam simulate` and the
    /// original's `Simulation` create them.
    public init(layout: PopulationLayout, neuronCounts: [Int], firstGID start: Int = 1) {
        var next = start
        var first = [Int](repeating: 0, count: layout.count)
        for index in 0..<layout.count where neuronCounts[index] > 0 {
            first[index] = next
            next += neuronCounts[index]
        }
        self.init(layout: layout, firstGID: first, neuronCounts: neuronCounts)
    }

    /// The file's text: one line per non-empty population in layout order.
    public var text: String {
        var text = ""
        for index in 0..<layout.count where neuronCounts[index] > 0 {
            let label = layout.population(at: index)
            text += "('\(label.area)', '\(label.layer.label)', '\(label.cellType.label)');\(firstGID[index]);\(firstGID[index] + neuronCounts[index] - 1)\n"
        }
        return text
    }

    /// Smallest and largest GID of any population.
    public var gidRange: ClosedRange<Int> {
        let nonEmpty = layout.count > 0 ? (0..<layout.count).filter { neuronCounts[$0] > 0 } : []
        guard let low = nonEmpty.map({ firstGID[$0] }).min(),
              let high = nonEmpty.map({ firstGID[$0] + neuronCounts[$0] - 1 }).max() else { return 1...0 }
        return low...high
    }

    /// Neurons of all populations of area `areaIndex`.
    public func neuronCount(ofArea areaIndex: Int) -> Int {
        let base = areaIndex * PopulationLayout.populationsPerArea
        return neuronCounts[base..<base + PopulationLayout.populationsPerArea].reduce(0, +)
    }

    /// Reads `population_GIDs.dat`. With `layout` nil the areas are the file's areas in
    /// alphabetical order (the original's sorted index). Unknown labels, overlapping ranges and
    /// duplicates are errors.
    public static func read(_ url: URL, layout: PopulationLayout? = nil) throws(InputError) -> PopulationGIDs {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw InputError(file: url.path, "cannot be read (\(InputError.reason(error)))")
        }
        return try parse(text, source: url.path, layout: layout)
    }

    public static func parse(_ text: String, source: String, layout: PopulationLayout? = nil) throws(InputError) -> PopulationGIDs {
        struct Entry { var population: Population; var first: Int; var last: Int; var line: Int }
        var entries: [Entry] = []
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty { continue }
            let fields = line.split(separator: ";", omittingEmptySubsequences: false)
            guard fields.count == 3 else {
                throw InputError(file: source, line: offset + 1,
                                 "expected \"('area', 'layer', 'E|I');firstGID;lastGID\", found '\(line)'")
            }
            let names = fields[0].split(separator: "'").map(String.init).filter {
                !$0.trimmingCharacters(in: CharacterSet(charactersIn: "(), ")).isEmpty
            }
            guard names.count == 3 else {
                throw InputError(file: source, line: offset + 1, field: "population",
                                 "expected a tuple ('area', 'layer', 'E|I'), found \(fields[0])")
            }
            guard let layer = Layer(label: names[1]) else {
                throw InputError(file: source, line: offset + 1, field: "layer",
                                 "unknown layer '\(names[1])'; expected II/III, IV, V or VI")
            }
            guard let cellType = CellType(label: names[2]) else {
                throw InputError(file: source, line: offset + 1, field: "population",
                                 "unknown population '\(names[2])'; expected E or I")
            }
            guard let first = Int(fields[1].trimmingCharacters(in: .whitespaces)),
                  let last = Int(fields[2].trimmingCharacters(in: .whitespaces)), first >= 1, last >= first else {
                throw InputError(file: source, line: offset + 1, field: "GIDs",
                                 "expected positive integers firstGID ≤ lastGID, found '\(fields[1]);\(fields[2])'")
            }
            entries.append(Entry(population: Population(area: names[0], layer: layer, cellType: cellType),
                                 first: first, last: last, line: offset + 1))
        }
        guard !entries.isEmpty else { throw InputError(file: source, "has no populations") }
        let layout = layout ?? PopulationLayout(areas: Array(Set(entries.map(\.population.area))).sorted())
        var first = [Int](repeating: 0, count: layout.count)
        var counts = [Int](repeating: 0, count: layout.count)
        for entry in entries {
            guard let index = layout.index(of: entry.population) else {
                throw InputError(file: source, line: entry.line, field: "area",
                                 "unknown area '\(entry.population.area)'; expected one of the \(layout.areas.count) areas of the network")
            }
            guard counts[index] == 0 else {
                throw InputError(file: source, line: entry.line, "duplicate line for \(entry.population.label)")
            }
            first[index] = entry.first
            counts[index] = entry.last - entry.first + 1
        }
        let sorted = entries.sorted { $0.first < $1.first }
        for (previous, next) in zip(sorted, sorted.dropFirst()) where next.first <= previous.last {
            throw InputError(file: source, line: next.line,
                             "GIDs \(next.first)…\(next.last) overlap those of \(previous.population.label) (line \(previous.line))")
        }
        return PopulationGIDs(layout: layout, firstGID: first, neuronCounts: counts)
    }
}
