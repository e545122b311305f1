import Foundation
import Model
import Testing
import TestSupport
@testable import Analysis

/// The tables `humam analyze` and `humam fc` write read back as written: population statistics
/// (undefined values as empty cells), time series and FC matrices.
@Suite struct AnalysisTablesRoundTripTests {
    static let layout = PopulationLayout(areas: ["bankssts", "cuneus"])

    @Test func populationStatisticsReadBackWithUndefinedCells() throws {
        var neurons = [Int](repeating: 7, count: Self.layout.count)
        neurons[5] = 0
        let rates = (0..<Self.layout.count).map { 0.1 * Double($0) + 1e-17 }
        var cv = (0..<Self.layout.count).map { 1 / Double($0 + 3) }
        cv[2] = .nan
        let text = AnalysisTables.populationTable(layout: Self.layout, neuronCounts: neurons,
                                                  columns: [("rate_hz", rates), ("cv_isi", cv)])
        let url = try Fixtures.temporaryFile(text, name: "population_statistics.csv")
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let table = try CSVTable(contentsOf: url)
        // Empty populations have no row.
        #expect(table.header == ["area", "layer", "population", "neurons", "rate_hz", "cv_isi"])
        #expect(table.rows.count == Self.layout.count - 1)
        let nonEmpty = (0..<Self.layout.count).filter { neurons[$0] > 0 }
        let readNeurons = try PopulationTable.read(table, valueColumn: "neurons", layout: Self.layout)
        #expect(readNeurons == neurons.map(Double.init))
        let readRates = try PopulationTable.read(table, valueColumn: "rate_hz", layout: Self.layout, missing: .nan)
        #expect(nonEmpty.allSatisfy { readRates[$0] == rates[$0] } && readRates[5].isNaN)
        // The undefined CV is an empty cell, read back as NaN; a reader not accepting it refuses.
        let readCV = try PopulationTable.read(table, valueColumn: "cv_isi", layout: Self.layout, missing: .nan, acceptingUndefined: true)
        #expect(nonEmpty.allSatisfy { $0 == 2 ? readCV[$0].isNaN : readCV[$0] == cv[$0] })
        #expect(throws: InputError.self) { try PopulationTable.read(table, valueColumn: "cv_isi", layout: Self.layout) }
    }

    @Test func timeSeriesReadBackScaled() throws {
        let names = ["bankssts", "cuneus", "fusiform"], binCount = 5, binWidth = 0.5
        let values = (0..<names.count * binCount).map { Double($0) / 7 }
        let text = AnalysisTables.timeSeries(names: names, values: values, binCount: binCount, binWidth: binWidth, scale: 1000)
        let url = try Fixtures.temporaryFile(text, name: "rate_histogram_areas.csv")
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let table = try CSVTable(contentsOf: url)
        #expect(table.header == ["time_ms"] + names)
        #expect(try table.numbers(column: "time_ms") == [0, 0.5, 1, 1.5, 2])
        for (series, name) in names.enumerated() {
            #expect(try table.numbers(column: name) == values[series * binCount..<(series + 1) * binCount].map { $0 * 1000 })
        }
    }

    /// fc_synaptic.csv is a square matrix with area labels that humam's FC reader takes back.
    @Test func functionalConnectivityReadsBack() throws {
        let areas = ["bankssts", "cuneus", "fusiform"]
        let matrix = [1, 0.1 + 0.2, -1.0 / 3,
                      0.1 + 0.2, 1, 1e-17,
                      -1.0 / 3, 1e-17, 1]
        let fc = FunctionalConnectivity(areas: areas, matrix: matrix)
        let url = try Fixtures.temporaryFile(fc.csvText(), name: "fc_synaptic.csv")
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        #expect(try ExperimentalFC.read(url, areas: areas).connectivity == fc)
        // Matched by name: read in another order, the same entries.
        #expect(try ExperimentalFC.read(url, areas: areas.reversed()).connectivity == fc.reordered(areas.reversed()))
    }
}
