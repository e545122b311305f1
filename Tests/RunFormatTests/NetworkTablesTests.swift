import Foundation
import Model
import Testing
import TestSupport
@testable import RunFormat

/// The network tables (`humam network --out`, `humam fc --network-tables`) read back as written.
@Suite struct NetworkTablesTests {
    /// The full-scale network from the committed input tables.
    static let network = try! Network.build(data: ModelData.load(from: Fixtures.dataDirectory), parameters: NetworkParameters())

    @Test func networkTablesReadBackAsWritten() throws {
        let directory = try Fixtures.temporaryDirectory("humam-network-tables")
        defer { try? FileManager.default.removeItem(at: directory) }
        let network = Self.network
        let written = NetworkTables(network: network)
        try written.write(to: directory)
        let read = try NetworkTables.read(in: directory, layout: network.layout)
        #expect(read == written)
        // The tables carry the network's numbers (pathway values where there are synapses).
        #expect(read.neuronCounts == network.neuronCounts && read.synapseCounts == network.synapseCounts)
        let details = try #require(read.details)
        #expect(details.externalSynapseCounts == network.externalSynapseCounts)
        #expect(details.externalRates == network.externalRates && details.dcDrive == network.dcDrive)
        let connected = network.synapseCounts.indices.filter { network.synapseCounts[$0] > 0 }
        #expect(connected.allSatisfy { read.weights[$0] == network.weights[$0] && details.weightSDs[$0] == network.weightSDs[$0] })
        #expect(connected.allSatisfy { details.delayMeans[$0] == network.delayMeans[$0] && details.delaySDs[$0] == network.delaySDs[$0] })
        // Without details: the same core tables.
        let core = try NetworkTables.read(in: directory, layout: network.layout, details: false)
        #expect(core.details == nil && core.neuronCounts == read.neuronCounts && core.synapseCounts == read.synapseCounts
                && core.weights == read.weights)
    }

    /// The original pipeline's tables (Tests/Fixtures/downscaled: `N`, `pop`,
    /// synapses_internal.csv, weights_connected_only.csv) are read without details, and written
    /// in humam's names they read back equal.
    @Test func originalTablesReadAndRoundTrip() throws {
        let layout = Self.network.layout
        let original = try NetworkTables.read(in: Fixtures.url("downscaled"), layout: layout)
        #expect(original.details == nil)
        #expect(original.neuronCounts.reduce(0, +) == 20815)
        let directory = try Fixtures.temporaryDirectory("humam-network-tables")
        defer { try? FileManager.default.removeItem(at: directory) }
        try original.write(to: directory)
        #expect(original.files.map(\.name) == ["neuron_numbers.csv", "synapses.csv", "weights.csv"])
        #expect(try NetworkTables.read(in: directory, layout: layout) == original)
    }

    /// Synapse numbers are range-checked like the inputs, whole, and one per pathway; the error
    /// names file, line and field.
    /// A neuron number beyond an Int (it trapped) is a range error naming file, line and field.
    @Test func hugeNeuronNumbersAreRangeErrors() throws {
        let directory = try Fixtures.temporaryDirectory("humam-network-tables")
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("neuron_numbers.csv")
        try "area,layer,population,neurons\nbankssts,IV,E,1e300\n".write(to: file, atomically: true, encoding: .utf8)
        #expect(throws: InputError(file: file.path, line: 2, field: "neurons", "1e+300 is outside the valid range; expected 0 ≤ x ≤ 1e15 neurons")) {
            try NetworkTables.read(in: directory, layout: PopulationLayout(areas: ["bankssts"]))
        }
    }

    @Test func invalidPathwayRowsAreNamed() throws {
        let layout = PopulationLayout(areas: ["bankssts"])
        let pathway = "target_area,target_layer,target_population,source_area,source_layer,source_population"
        for (synapses, line, field, message) in [
            ("bankssts,IV,E,bankssts,IV,I,-3\n", 2, "synapses", "-3.0 is outside the valid range; expected 0 ≤ x ≤ 1e15 synapses"),
            ("bankssts,IV,E,bankssts,IV,I,2.5\n", 2, "synapses", "2.5 is not a whole number"),
            ("bankssts,IV,E,bankssts,IV,I,3\nbankssts,IV,E,bankssts,IV,I,4\n", 3, nil, "duplicate row for bankssts/IV/E ← bankssts/IV/I"),
        ] {
            let directory = try Fixtures.temporaryDirectory("humam-network-tables")
            defer { try? FileManager.default.removeItem(at: directory) }
            try "area,layer,population,neurons\nbankssts,IV,E,10\nbankssts,IV,I,5\n"
                .write(to: directory.appendingPathComponent("neuron_numbers.csv"), atomically: true, encoding: .utf8)
            try "\(pathway),synapses\n\(synapses)"
                .write(to: directory.appendingPathComponent("synapses.csv"), atomically: true, encoding: .utf8)
            try "\(pathway),weight_pA\nbankssts,IV,E,bankssts,IV,I,-350.0\n"
                .write(to: directory.appendingPathComponent("weights.csv"), atomically: true, encoding: .utf8)
            let file = directory.appendingPathComponent("synapses.csv").path
            #expect(throws: InputError(file: file, line: line, field: field, message)) {
                try NetworkTables.read(in: directory, layout: layout)
            }
        }
    }
}
