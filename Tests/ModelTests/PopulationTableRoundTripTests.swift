import Foundation
import Model
import Testing
import TestSupport

/// `area,layer,population,<value>` tables (rates.csv, dc_drive.csv, theory rates) read back as
/// `PopulationTable.text` writes them.
@Suite struct PopulationTableRoundTripTests {
    static let layout = PopulationLayout(areas: ["bankssts", "cuneus"])

    @Test func valuesReadBackToTheBit() throws {
        // Values whose shortest decimal form is long, tiny or subnormal.
        let values = (0..<Self.layout.count).map { [0.1 + 0.2, 1e-300, Double.leastNonzeroMagnitude, 1234567.891, 0, 2.0 / 3][$0 % 6] * Double($0 + 1) }
        let url = try Fixtures.temporaryFile(PopulationTable.text(values, valueColumn: "dc_pA", layout: Self.layout), name: "dc_drive.csv")
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        #expect(try PopulationTable.read(url, valueColumn: "dc_pA", layout: Self.layout) == values)
    }

    /// rates.csv lists the non-empty populations only: those read back, the others are `missing`,
    /// and a population required but not written is an error.
    @Test func ratesOfSomePopulationsReadBack() throws {
        let written = [0, 3, 8, 15]
        let rates = (0..<Self.layout.count).map { 0.25 * Double($0) }
        let url = try Fixtures.temporaryFile(PopulationTable.text(rates, valueColumn: "rate_hz", layout: Self.layout, indices: written),
                                             name: "rates.csv")
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        #expect(try String(contentsOf: url, encoding: .utf8).hasPrefix("area,layer,population,rate_hz\nbankssts,II/III,E,0.0\nbankssts,IV,I,0.75\n"))
        let read = try PopulationTable.read(url, valueColumn: "rate_hz", layout: Self.layout, missing: .nan)
        #expect(written.allSatisfy { read[$0] == rates[$0] })
        #expect(read.indices.filter { !written.contains($0) }.allSatisfy { read[$0].isNaN })
        #expect(try PopulationTable.readRates(url, layout: Self.layout, required: written) == (0..<Self.layout.count).map {
            written.contains($0) ? rates[$0] : 0
        })
        #expect(throws: InputError.self) { try PopulationTable.readRates(url, layout: Self.layout, required: written + [1]) }
    }
}
