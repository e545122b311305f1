import Foundation
import Model
import Testing
import TestSupport
@testable import Analysis

/// The network tables `humam fc --network-tables` reads are range-checked like the inputs.
@Suite struct NetworkTablesTests {
    @Test func negativeSynapseNumberIsNamed() throws {
        let layout = PopulationLayout(areas: ["bankssts"])
        let directory = try Fixtures.temporaryDirectory("humam-tables")
        defer { try? FileManager.default.removeItem(at: directory) }
        let pathway = "target_area,target_layer,target_population,source_area,source_layer,source_population"
        try "area,layer,population,neurons\nbankssts,IV,E,10\nbankssts,IV,I,5\n"
            .write(to: directory.appendingPathComponent("neuron_numbers.csv"), atomically: true, encoding: .utf8)
        try "\(pathway),synapses\nbankssts,IV,E,bankssts,IV,I,-3\n"
            .write(to: directory.appendingPathComponent("synapses.csv"), atomically: true, encoding: .utf8)
        try "\(pathway),weight_pA\nbankssts,IV,E,bankssts,IV,I,-350.0\n"
            .write(to: directory.appendingPathComponent("weights.csv"), atomically: true, encoding: .utf8)
        let file = directory.appendingPathComponent("synapses.csv").path
        #expect(throws: InputError(file: file, line: 2, field: "synapses", "-3.0 is outside the valid range; expected 0 ≤ x ≤ 1e15 synapses")) {
            try SynapticInputModel.readTables(in: directory, layout: layout)
        }
    }
}
