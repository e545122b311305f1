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

    /// A run folder in the original's layout, created once per test process.
    static let runFolder: URL = {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("humam-analysis-tests-\(getpid())")
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
        return folder
    }()

    static let record: SpikeTrains = {
        let populations = try! PopulationGIDs.read(runFolder.appendingPathComponent("population_GIDs.dat"))
        let files = try! NESTSpikeFiles.files(in: runFolder.appendingPathComponent("spikes"))
        let columns = try! NESTSpikeFiles.read(files)
        return try! SpikeTrains(populations: populations, senders: columns.senders, times: columns.times,
                                simulationTime: simulationTime, source: files[0].path)
    }()

    static var layout: PopulationLayout { record.populations.layout }

    /// Neuron numbers, synapse numbers and weights from the reference tables.
    static let inputModel: SynapticInputModel = {
        let layout = record.populations.layout
        let neurons = try! PopulationTable.read(directory.appendingPathComponent("neuron_numbers.csv"),
                                                valueColumn: "N", layout: layout).map { Int($0) }
        let synapses = try! pathwayMatrix("synapses_internal.csv", column: "synapses", layout: layout)
        let weights = try! pathwayMatrix("weights_connected_only.csv", column: "weight_pA", layout: layout)
        return SynapticInputModel(layout: layout, neuronCounts: neurons, synapseCounts: synapses, weights: weights,
                                  excitatoryTimeConstant: 2, inhibitoryTimeConstant: 2)
    }()

    /// A long-format target/source table as a dense target × source matrix.
    static func pathwayMatrix(_ name: String, column: String, layout: PopulationLayout) throws -> [Double] {
        let table = try Fixtures.table("downscaled/\(name)")
        let value = try table.column(column)
        let names = ["target_area", "target_layer", "target_pop", "source_area", "source_layer", "source_pop"]
        let columns = try names.map { try table.column($0) }
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
