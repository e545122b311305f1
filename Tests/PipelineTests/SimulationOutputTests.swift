import Foundation
import Model
import Testing
import TestSupport
import RunFormat
@testable import Pipeline
import Spiking

@Suite struct SimulationOutputTests {
    /// The population id file of the notebook network equals the one the original wrote for NEST.
    @Test func populationGIDsEqualTheOriginals() throws {
        let network = try TestNetworks.downscaled()
        let text = PopulationGIDs(layout: network.layout, neuronCounts: network.neuronCounts).text
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
        let before = try Fixtures.snapshot(of: base)
        let network = TestNetworks.small()
        var parameters = SimulationParameters()
        parameters.duration = 50
        for target in [file, userFolder, URL(fileURLWithPath: "."), URL(fileURLWithPath: "")] {
            #expect(throws: InputError.self) { try SimulationOutput.checkDestination(target, replace: true) }
            #expect(throws: InputError.self) {
                _ = try SimulationOutput(directory: target, network: network, parameters: parameters, replace: true, humamVersion: "test")
            }
        }
        #expect(try Fixtures.snapshot(of: base) == before)
        // A humam run: written where nothing is, replaced only when asked.
        let run = base.appendingPathComponent("run")
        let output = try SimulationOutput(directory: run, network: network, parameters: parameters, replace: false, humamVersion: "test")
        try output.finish(try Simulation(network: network, parameters: parameters).run(sink: output))
        #expect(SimulationOutput.isRun(run))
        #expect(throws: InputError.self) { try SimulationOutput.checkDestination(run, replace: false) }
        try SimulationOutput.checkDestination(run, replace: true)
        // A parent that cannot hold a folder (here a file; root may write anywhere else) is found
        // before any work.
        #expect(throws: InputError.self) { try SimulationOutput.checkDestination(file.appendingPathComponent("run"), replace: false) }
        #expect(try String(contentsOf: file, encoding: .utf8) == "my notes")
    }

    /// A user's file that appears in the run folder while a replacing run goes is kept: the new
    /// run is saved beside the old one.
    @Test func aUsersFileThatAppearsDuringTheRunIsKept() throws {
        let base = try Fixtures.temporaryDirectory("humam-out-appearing")
        defer { try? FileManager.default.removeItem(at: base) }
        let network = TestNetworks.small()
        var parameters = SimulationParameters()
        parameters.duration = 50
        let run = base.appendingPathComponent("run")
        let first = try SimulationOutput(directory: run, network: network, parameters: parameters, replace: false, humamVersion: "test")
        try first.finish(try Simulation(network: network, parameters: parameters).run(sink: first))
        let second = try SimulationOutput(directory: run, network: network, parameters: parameters, replace: true, humamVersion: "test")
        let notes = run.appendingPathComponent("notes.txt")
        try Data("my notes".utf8).write(to: notes)
        try second.finish(try Simulation(network: network, parameters: parameters).run(sink: second))
        #expect(second.savedDirectory?.lastPathComponent == "run-2")
        #expect(try String(contentsOf: notes, encoding: .utf8) == "my notes")
        #expect(SimulationOutput.isRun(run) && SimulationOutput.isRun(base.appendingPathComponent("run-2")))
    }

    @Test func folderHoldsReadableSpikeFilesRatesAndRunRecord() throws {
        let network = TestNetworks.small()
        var parameters = SimulationParameters()
        parameters.duration = 700
        let (expected, spikes) = try Simulation(network: network, parameters: parameters).runKeepingSpikes()
        let base = Fixtures.temporaryRoot.appendingPathComponent("humam-output-test-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: base) }
        let directory = SimulationOutput.defaultDirectory(base: base, network: network, parameters: parameters)
        // Written twice: the second run replaces the first.
        var result = expected
        for _ in 0..<2 {
            let output = try SimulationOutput(directory: directory, network: network, parameters: parameters,
                                              replace: true, humamVersion: "test")
            #expect(output.writesASCII)
            result = try Simulation(network: network, parameters: parameters).run(sink: output)
            try output.finish(result)
        }
        #expect(result.spikeCount == spikes.count && result.populationSpikeCounts == expected.populationSpikeCounts)
        func time(_ index: Int) -> Double { NESTTime.milliseconds(step: Int(spikes.stamps[index]), resolution: 0.1) }

        // ASCII: three header lines, then one `gid<TAB>time` line per spike, as the original reads it.
        let recorder = directory.appendingPathComponent("spikes/spike_recorder-\(result.neuronCount + 1)-0.dat")
        let lines = try String(contentsOf: recorder, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 3 + spikes.count)
        #expect(lines[2] == "sender\ttime_ms")
        for (index, line) in lines.dropFirst(3).enumerated() {
            let fields = line.split(separator: "\t")
            #expect(Int(fields[0]) == Int(spikes.neurons[index]) + 1)
            // Three decimals of the exact grid time.
            #expect(abs(Double(fields[1])! - time(index)) < 1e-9)
        }

        // Binary: the same spikes back.
        let reader = try BinarySpikeFile.Reader(url: directory.appendingPathComponent("spikes.bin"))
        #expect(reader.header == BinarySpikeFile.Header(resolution: 0.1, duration: 700, neuronCount: result.neuronCount,
                                                        spikeCount: spikes.count))
        var read: [BinarySpikeFile.Spike] = []
        try reader.forEachChunk { read += $0 }
        #expect(read.map(\.neuron) == spikes.neurons && read.map(\.stamp) == spikes.stamps)

        // rates.csv: per population, t ≥ 500 ms, equal to the spikes counted here.
        let rates = try PopulationTable.read(directory.appendingPathComponent("rates.csv"), valueColumn: "rate_hz",
                                             layout: network.layout)
        let indexing = result.indexing
        for population in network.nonEmptyPopulations {
            var spikesInWindow = 0
            for index in 0..<spikes.count where indexing.neurons(ofPopulation: population).contains(Int(spikes.neurons[index])) {
                if time(index) >= 500 && time(index) < 700 { spikesInWindow += 1 }
            }
            let expected = Double(spikesInWindow) / Double(network.neuronCounts[population]) / 0.2
            #expect(abs(rates[population] - expected) < 1e-9 * max(1, expected))
        }

        let record = try RunRecord.read(directory.appendingPathComponent("run.json"))
        #expect(record.spikes == spikes.count)
        #expect(record.synapses == result.synapseCount)
        #expect(record.simulationHash == parameters.contentHash)
        #expect(record.networkHash == network.contentHash)
        // No temporary folder is left behind.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.deletingLastPathComponent().path)
        #expect(leftovers == [parameters.contentHash])
    }

    /// A sink that fails (a full disk) stops the run at the next exchange, for any thread
    /// count; the output's temporary folder is removed and nothing appears at the destination.
    @Test(arguments: [1, 2])
    func failingWritesStopTheRunAndLeaveNothing(threads: Int) throws {
        final class FailingSink: SpikeSink {
            var calls = 0
            func record(neurons: UnsafeBufferPointer<Int32>, stamp: Int32) throws(InputError) {
                calls += 1
                if calls == 3 { throw InputError(file: "/disk/spikes.bin", "cannot be written (No space left on device)") }
            }
        }
        let network = TestNetworks.small()
        var parameters = SimulationParameters()
        parameters.duration = 700
        parameters.threads = threads
        let sink = FailingSink()
        #expect { _ = try Simulation(network: network, parameters: parameters).run(sink: sink) } throws: {
            "\($0)".contains("No space left")
        }
        #expect(sink.calls == 3)

        let base = try Fixtures.temporaryDirectory("humam-output-failure")
        defer { try? FileManager.default.removeItem(at: base) }
        let run = base.appendingPathComponent("run")
        let output = try SimulationOutput(directory: run, network: network, parameters: parameters, replace: false, humamVersion: "test")
        #expect(try FileManager.default.contentsOfDirectory(atPath: base.path).count == 1)
        do {
            _ = try Simulation(network: network, parameters: parameters).run(sink: output, interrupted: { true })
            Issue.record("an interrupted run must throw")
        } catch {
            #expect("\(error)".contains("interrupted at"))
            // As `SimulationRun` does; the deinit's discard would run whenever the last worker
            // thread lets go of the output, which may be after the check below.
            output.discard()
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: base.path).isEmpty)
    }

    /// Temporary folders of killed writers are removed by the next run, unless they hold a
    /// checkpoint (they can be resumed); those of live writers, and anything else, are kept.
    @Test func abandonedTemporaryFoldersOfDeadWritersAreRemoved() throws {
        let base = try Fixtures.temporaryDirectory("humam-output-abandoned")
        defer { try? FileManager.default.removeItem(at: base) }
        let run = base.appendingPathComponent("run")
        func partial(_ name: String, pid: String?) throws -> URL {
            let folder = base.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            if let pid { try Data(pid.utf8).write(to: folder.appendingPathComponent("writer.pid")) }
            return folder
        }
        // A pid above the kernel's pid_max (4,194,304) belongs to no process; a living process
        // named in an unlocked writer file (after a reboot) is not its writer either.
        let dead = try partial(".run.partial-A", pid: "99999999\n")
        let stale = try partial(".run.partial-F", pid: "\(getpid())\n")
        let alive = try partial(".run.partial-B", pid: nil)
        let lock = try SimulationOutput.lockWriterFile(in: alive)
        defer { close(lock) }
        #expect(SimulationOutput.isBeingWritten(alive) == true && SimulationOutput.isBeingWritten(stale) == false)
        #expect(throws: InputError.self) { try SimulationOutput.lockWriterFile(in: alive) }
        let foreign = try partial(".run.partial-C", pid: nil)
        let other = try partial(".other.partial-D", pid: "99999999")
        let resumable = try partial(".run.partial-E", pid: "99999999\n")
        try Data("HUMAMCKP".utf8).write(to: resumable.appendingPathComponent("checkpoint.bin"))
        let folders = SimulationOutput.removeAbandonedFolders(beside: run)
        #expect(folders.removed.map(\.lastPathComponent) == [dead.lastPathComponent, stale.lastPathComponent])
        #expect(folders.resumable.map(\.lastPathComponent) == [resumable.lastPathComponent])
        for kept in [alive, foreign, other, resumable] { #expect(FileManager.default.fileExists(atPath: kept.path)) }
    }

    @Test func threadCountDoesNotChangeTheSimulationHash() {
        var one = SimulationParameters(), two = SimulationParameters()
        two.threads = 2
        #expect(one.contentHash == two.contentHash)
        one.seed = 1
        #expect(one.contentHash != two.contentHash)
    }
}

/// Two runs into the same new folder: both are kept, the later one beside the first.
@Suite struct ConcurrentOutputTests {
    @Test func aRunThatAppearedMeanwhileIsNeverReplaced() throws {
        let base = try Fixtures.temporaryDirectory("humam-output-concurrent")
        defer { try? FileManager.default.removeItem(at: base) }
        let network = TestNetworks.small()
        var parameters = SimulationParameters()
        parameters.duration = 50
        let run = base.appendingPathComponent("run")
        // Both check the destination before either has finished.
        let first = try SimulationOutput(directory: run, network: network, parameters: parameters, replace: false, humamVersion: "first")
        let second = try SimulationOutput(directory: run, network: network, parameters: parameters, replace: false, humamVersion: "second")
        try first.finish(try Simulation(network: network, parameters: parameters).run(sink: first))
        try second.finish(try Simulation(network: network, parameters: parameters).run(sink: second))
        #expect(first.savedDirectory?.lastPathComponent == "run" && second.savedDirectory?.lastPathComponent == "run-2")
        #expect(try RunRecord.read(run.appendingPathComponent("run.json")).humamVersion == "first")
        #expect(try RunRecord.read(base.appendingPathComponent("run-2/run.json")).humamVersion == "second")
        #expect(try FileManager.default.contentsOfDirectory(atPath: base.path).sorted() == ["run", "run-2"])
    }
}
