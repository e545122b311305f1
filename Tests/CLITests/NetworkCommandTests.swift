import Foundation
import Model
import Testing
import TestSupport
@testable import humam

/// `humam network --out DIR`: the tables it writes, and nothing written on bad input.
@Suite struct NetworkCommandTests {
    @Test func writesTablesThatRoundTrip() throws {
        let directory = try Fixtures.temporaryDirectory("humam-network").appendingPathComponent("network")
        defer { try? FileManager.default.removeItem(at: directory.deletingLastPathComponent()) }
        let command = try NetworkCommand.parse(["--data", Fixtures.dataDirectory.path, "--scaling", "0.01",
                                                "--fullscale-rates", Fixtures.dataDirectory.appendingPathComponent("base_theory_rates.csv").path,
                                                "--out", directory.path])
        try command.run()
        let network = try command.network.build()
        let layout = network.layout
        let neurons = try CSVTable(contentsOf: directory.appendingPathComponent("neuron_numbers.csv"))
        #expect(neurons.header == ["area", "layer", "population", "neurons"])
        #expect(try neurons.numbers(column: "neurons") == network.neuronCounts.map(Double.init))
        let synapses = try CSVTable(contentsOf: directory.appendingPathComponent("synapses.csv"))
        #expect(synapses.header == ["target_area", "target_layer", "target_population", "source_area", "source_layer",
                                    "source_population", "synapses"])
        #expect(try synapses.numbers(column: "synapses").reduce(0, +) == Double(network.totalSynapses))
        #expect(synapses.rows.count == network.synapseCounts.filter { $0 > 0 }.count)
        let dc = try PopulationTable.read(directory.appendingPathComponent("dc_drive.csv"), valueColumn: "dc_pA", layout: layout)
        #expect(dc == network.dcDrive)
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appendingPathComponent("summary.json"))) as? [String: Any]
        #expect(summary?["network_hash"] as? String == network.contentHash)
        #expect(summary?["neurons"] as? Int == network.totalNeurons)
        #expect(summary?["synapses_internal"] as? Int == network.totalSynapses)
        #expect(summary?["synapses_external"] as? Int == network.totalExternalSynapses)
        #expect(summary?["populations"] as? Int == 254)
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("area_connectivity.svg").path))
    }

    @Test func badInputWritesNothing() throws {
        let parent = try Fixtures.temporaryDirectory("humam-network")
        defer { try? FileManager.default.removeItem(at: parent) }
        let data = parent.appendingPathComponent("data")
        try FileManager.default.copyItem(at: Fixtures.dataDirectory, to: data)
        let volumes = data.appendingPathComponent("dk_area_volumes_mm3.csv")
        try String(contentsOf: volumes, encoding: .utf8).replacingOccurrences(of: "bankssts,3221", with: "bankssts,NaN")
            .write(to: volumes, atomically: true, encoding: .utf8)
        let out = parent.appendingPathComponent("network")
        let command = try NetworkCommand.parse(["--data", data.path, "--out", out.path])
        #expect(throws: InputError(file: volumes.path, line: 2, field: "volume_mm3", "'NaN' is not a finite number")) {
            try command.run()
        }
        #expect(!FileManager.default.fileExists(atPath: out.path))
        let config = parent.appendingPathComponent("experiment.yaml")
        try "net_params: {cytoarchitecture_params: {ei_ratio: lichtmann}}\n".write(to: config, atomically: true, encoding: .utf8)
        #expect(throws: InputError.self) {
            try NetworkCommand.parse(["--data", Fixtures.dataDirectory.path, "--config", config.path, "--out", out.path]).run()
        }
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }
}
