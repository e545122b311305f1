import Foundation
import Model
import TestSupport
@testable import Analysis

/// The down-scaled reference run (Tests/Fixtures/downscaled/, simulated with NEST and analysed by
/// the original code), loaded once for all tests.
enum DownscaledReference {
    static let directory = Fixtures.url("downscaled")
    static let simulationTime = 2000.0

    /// The reference spikes, read through a temporary run folder in the original's layout
    /// (`Fixtures.downscaledRunFolder`, removed again after reading).
    static let record: SpikeTrains = {
        let folder = try! Fixtures.downscaledRunFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        return try! RunFolder(folder).spikeTrains(simulationTime: simulationTime)
    }()

    static var layout: PopulationLayout { record.populations.layout }

    /// Neuron numbers, synapse numbers and weights from the reference tables (the original's
    /// file names and columns).
    static let inputModel = try! SynapticInputModel.readTables(in: directory, layout: record.populations.layout)

    /// A per-population reference column, NaN where the file has no row.
    static func populationColumn(_ name: String, _ column: String) throws -> [Double] {
        try PopulationTable.read(directory.appendingPathComponent(name), valueColumn: column, layout: layout, missing: .nan)
    }

    /// A `time_ms,<areas>` or `area,<areas>` reference table as rows of numbers (first column dropped).
    static func areaTable(_ name: String) throws -> (header: [String], rows: [[Double]]) {
        let table = try Fixtures.table("downscaled/\(name)")
        let rows = try table.rows.indices.map { row in
            try (1..<table.header.count).map { try table.number(row: row, column: $0) }
        }
        return (Array(table.header.dropFirst()), rows)
    }
}
