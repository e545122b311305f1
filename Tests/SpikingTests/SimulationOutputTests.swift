import Foundation
import Model
import Testing
import TestSupport
@testable import Spiking

@Suite struct SimulationOutputTests {
    /// The population id file of the notebook network equals the one the original wrote for NEST.
    @Test func populationGIDsEqualTheOriginals() throws {
        let network = try TestNetworks.downscaled()
        let text = SpikeFiles.populationGIDsText(network: network, indexing: NeuronIndexing(neuronCounts: network.neuronCounts))
        let reference = try String(contentsOf: Fixtures.url("downscaled/population_GIDs.dat"), encoding: .utf8)
        #expect(text == reference)
    }

    /// `--out` pointing at a file, a folder of the user's, `.` or `""` is refused before any work
    /// and left byte-identical, as is a humam run without `--replace`; the final write never
    /// replaces anything but a humam run either.
    @Test func onlyHumamRunFoldersAreEverReplaced() throws {
        let base = try Fixtures.temporaryDirectory("humam-out-safety")
        defer { try? FileManager.default.removeItem(at: base) }
        let file = base.appendingPathComponent("notes.txt")
        try Data("my notes".utf8).write(to: file)
        let userFolder = base.appendingPathComponent("my-data")
        try FileManager.default.createDirectory(at: userFolder, withIntermediateDirectories: true)
        try Data("a,b\n1,2\n".utf8).write(to: userFolder.appendingPathComponent("table.csv"))
        func snapshot() throws -> [String] {
            try FileManager.default.subpathsOfDirectory(atPath: base.path).sorted().map { path in
                let url = base.appendingPathComponent(path)
                return path + ":" + ((try? Data(contentsOf: url)).map { String(decoding: $0, as: UTF8.self) } ?? "folder")
            }
        }
        let before = try snapshot()
        for target in [file, userFolder, URL(fileURLWithPath: "."), URL(fileURLWithPath: "")] {
            #expect(throws: InputError.self) { try SimulationOutput.checkDestination(target, replace: true) }
        }
        let network = TestNetworks.small()
        var parameters = SimulationParameters()
        parameters.duration = 50
        let output = SimulationOutput(result: try Simulation(network: network, parameters: parameters).run(),
                                      network: network, humamVersion: "test")
        #expect(throws: InputError.self) { try output.write(to: userFolder) }
        #expect(throws: InputError.self) { try output.write(to: file) }
        #expect(try snapshot() == before)
        // A humam run: written where nothing is, replaced only when asked.
        let run = base.appendingPathComponent("run")
        try SimulationOutput.checkDestination(run, replace: false)
        try output.write(to: run)
        #expect(SimulationOutput.isRun(run))
        #expect(throws: InputError.self) { try SimulationOutput.checkDestination(run, replace: false) }
        try SimulationOutput.checkDestination(run, replace: true)
        // A parent that cannot hold a folder (here a file; root may write anywhere else) is found
        // before any work.
        #expect(throws: InputError.self) { try SimulationOutput.checkDestination(file.appendingPathComponent("run"), replace: false) }
        #expect(try String(contentsOf: file, encoding: .utf8) == "my notes")
    }

    @Test func folderHoldsReadableSpikeFilesRatesAndRunRecord() throws {
        let network = TestNetworks.small()
        var parameters = SimulationParameters()
        parameters.duration = 700
        let result = try Simulation(network: network, parameters: parameters).run()
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("humam-output-test-\(getpid())")
        defer { try? FileManager.default.removeItem(at: base) }
        let directory = SimulationOutput.defaultDirectory(base: base, network: network, parameters: parameters)
        try SimulationOutput(result: result, network: network, humamVersion: "test").write(to: directory)
        // Written twice: the second write replaces the first.
        try SimulationOutput(result: result, network: network, humamVersion: "test").write(to: directory)

        // ASCII: three header lines, then one `gid<TAB>time` line per spike, as the original reads it.
        let recorder = directory.appendingPathComponent("spikes/spike_recorder-\(result.neuronCount + 1)-0.dat")
        let lines = try String(contentsOf: recorder, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 3 + result.spikes.count)
        #expect(lines[2] == "sender\ttime_ms")
        for (index, line) in lines.dropFirst(3).enumerated() {
            let fields = line.split(separator: "\t")
            #expect(Int(fields[0]) == Int(result.spikes.neurons[index]) + 1)
            // Three decimals of the exact grid time.
            #expect(abs(Double(fields[1])! - result.spikeTime(index)) < 1e-9)
        }

        // Binary: the same spikes back.
        let (header, spikes) = try BinarySpikeFile.read(directory.appendingPathComponent("spikes.bin"))
        #expect(spikes == result.spikes)
        #expect(header == BinarySpikeFile.Header(resolution: 0.1, duration: 700, neuronCount: result.neuronCount,
                                                 spikeCount: result.spikes.count))

        // rates.csv: per population, t ≥ 500 ms, equal to the spikes counted here.
        let rates = try PopulationTable.read(directory.appendingPathComponent("rates.csv"), valueColumn: "rate_hz",
                                             layout: network.layout)
        let indexing = result.indexing
        for population in network.nonEmptyPopulations {
            var spikesInWindow = 0
            for index in 0..<result.spikes.count where indexing.neurons(ofPopulation: population).contains(Int(result.spikes.neurons[index])) {
                let time = result.spikeTime(index)
                if time >= 500 && time < 700 { spikesInWindow += 1 }
            }
            let expected = Double(spikesInWindow) / Double(network.neuronCounts[population]) / 0.2
            #expect(abs(rates[population] - expected) < 1e-9 * max(1, expected))
        }

        let record = try JSONDecoder().decode(RunRecord.self, from: Data(contentsOf: directory.appendingPathComponent("run.json")))
        #expect(record.spikes == result.spikes.count)
        #expect(record.synapses == result.synapseCount)
        #expect(record.simulationHash == parameters.contentHash)
        #expect(record.networkHash == network.contentHash)
        // No temporary folder is left behind.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.deletingLastPathComponent().path)
        #expect(leftovers == [parameters.contentHash])
    }

    @Test func threadCountDoesNotChangeTheSimulationHash() {
        var one = SimulationParameters(), two = SimulationParameters()
        two.threads = 2
        #expect(one.contentHash == two.contentHash)
        one.seed = 1
        #expect(one.contentHash != two.contentHash)
    }

    @Test func binaryReaderRejectsOtherFiles() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("not-spikes-\(getpid()).bin")
        try Data("hello".utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(throws: InputError.self) { try BinarySpikeFile.read(url) }
    }
}
