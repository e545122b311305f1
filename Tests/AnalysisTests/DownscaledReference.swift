import Foundation
import Model
import TestSupport
@testable import Analysis

/// The down-scaled reference run (Tests/Fixtures/downscaled/, simulated with NEST and analysed by
/// the original code), loaded once for all tests.
///
/// `spikes.tsv.gz` is decompressed with `/bin/gzip -dc` into a temporary NEST-style run folder
/// (`spikes/spikes.dat` + `population_GIDs.dat`): Foundation has no gunzip on Linux, and humam
/// itself only reads uncompressed NEST files, so the test support does the decompression.
enum DownscaledReference {
    static let directory = Fixtures.url("downscaled")
    static let simulationTime = 2000.0

    /// The reference spikes, read through a temporary run folder in the original's layout
    /// (removed again after reading).
    static let record: SpikeTrains = {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("humam-analysis-tests-\(getpid())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let spikes = folder.appendingPathComponent("spikes")
        try! FileManager.default.createDirectory(at: spikes, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: spikes.appendingPathComponent("spikes.dat").path, contents: nil)
        let output = try! FileHandle(forWritingTo: spikes.appendingPathComponent("spikes.dat"))
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
        gzip.arguments = ["-dc", directory.appendingPathComponent("spikes.tsv.gz").path]
        gzip.standardOutput = output
        try! gzip.run()
        gzip.waitUntilExit()
        try! output.close()
        precondition(gzip.terminationStatus == 0, "gzip failed")
        try! FileManager.default.copyItem(at: directory.appendingPathComponent("population_GIDs.dat"),
                                          to: folder.appendingPathComponent("population_GIDs.dat"))
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
