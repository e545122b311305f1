import Analysis
import Foundation
import Model
import Testing
import TestSupport
@testable import humam

/// The tables `humam network --out` writes are the ones `humam fc --network-tables` reads:
/// neuron numbers, synapse numbers and weights come back exactly.
@Suite struct NetworkTablesRoundTripTests {
    @Test func fcReadsBackTheNetworkItWasGiven() throws {
        let out = try Fixtures.temporaryDirectory("humam-tables").appendingPathComponent("network")
        defer { try? FileManager.default.removeItem(at: out.deletingLastPathComponent()) }
        let command = try NetworkCommand.parse(TinyRuns.networkArguments + ["--out", out.path])
        try command.run()
        let network = SynapticInputModel(network: try command.network.build())
        let read = try SynapticInputModel.readTables(in: out, layout: network.layout)
        #expect(read.neuronCounts == network.neuronCounts)
        #expect(read.synapseCounts == network.synapseCounts)
        #expect(read.weights == network.weights.indices.map { network.synapseCounts[$0] > 0 ? network.weights[$0] : 0 })
        #expect(read.excitatoryTimeConstant == network.excitatoryTimeConstant)
    }
}
