import Foundation
import Model
import RunFormat
import Testing
import TestSupport
@testable import Pipeline
import Spiking

/// A run folder written with checkpoints, stopped and resumed, is byte for byte the folder of
/// the uninterrupted run; checkpoints that are damaged, foreign or of other parameters are
/// refused, naming the file.
@Suite struct ResumedRunFolderTests {
    static let version = "test"

    /// The spike files of a finished run folder.
    static func spikeFiles(_ run: URL, network: Network) throws -> [Data] {
        try [Data(contentsOf: run.appendingPathComponent(RunFiles.binarySpikes)),
             Data(contentsOf: SimulationOutput.asciiFile(in: run, network: network))]
    }

    /// The spike files of the uninterrupted run of `parameters`.
    static func uninterrupted(_ network: Network, _ parameters: SimulationParameters, base: URL) throws -> [Data] {
        let run = base.appendingPathComponent("reference")
        let output = try SimulationOutput(directory: run, network: network, parameters: parameters, replace: false, humamVersion: version)
        try output.finish(try Simulation(network: network, parameters: parameters).run(sink: output))
        return try spikeFiles(run, network: network)
    }

    /// Starts a run into `base/run` with a checkpoint every 100 ms and interrupts it after
    /// `batches` exchanges; returns its temporary folder, which holds the checkpoint of the stop.
    static func interruptedRun(_ network: Network, _ parameters: SimulationParameters, base: URL, batches: Int) throws -> URL {
        let output = try SimulationOutput(directory: base.appendingPathComponent("run"), network: network, parameters: parameters,
                                          replace: false, humamVersion: version)
        let asks = Counter()
        #expect { _ = try Simulation(network: network, parameters: parameters)
                    .run(sink: output, interrupted: { asks.increment() > batches }, checkpointSteps: 1000,
                         checkpoint: { (state: SimulationState) throws(InputError) in try output.writeCheckpoint(state) }) } throws: {
            "\($0)".contains("interrupted at")
        }
        output.discard()
        #expect(output.isResumable && FileManager.default.fileExists(atPath: output.temporary.path))
        return output.temporary
    }

    /// Resumes `folder` with `threads` threads and finishes the run; returns its spike files.
    static func resume(_ folder: URL, _ network: Network, _ parameters: SimulationParameters, threads: Int) throws -> [Data] {
        var parameters = parameters
        parameters.threads = threads
        let (output, state) = try SimulationOutput.resuming(folder, network: network, parameters: parameters, replace: false,
                                                            humamVersion: version)
        let result = try Simulation(network: network, parameters: parameters, resuming: state).run(sink: output)
        try output.finish(result)
        #expect(RunRecord.spikeCount(of: output.directory) == result.spikeCount)
        return try spikeFiles(output.directory, network: network)
    }

    @Test(arguments: [(ConnectivityMode.stored, 2, 1), (.stored, 1, 2), (.procedural, 2, 3), (.procedural, 1, 1)])
    func interruptedAndResumedRunWritesTheUninterruptedFiles(connectivity: ConnectivityMode, threadsBefore: Int, threadsAfter: Int) throws {
        let base = try Fixtures.temporaryDirectory("humam-resume")
        defer { try? FileManager.default.removeItem(at: base) }
        let network = TestNetworks.checkpointNetwork()
        let parameters = TestNetworks.checkpointParameters(connectivity, threads: threadsBefore)
        let expected = try Self.uninterrupted(network, parameters, base: base)
        let folder = try Self.interruptedRun(network, parameters, base: base, batches: 30)
        // The next run of the same destination keeps the folder: it can be resumed.
        #expect(SimulationOutput.removeAbandonedFolders(beside: base.appendingPathComponent("run")).removed.isEmpty)
        #expect(try Self.resume(folder, network, parameters, threads: threadsAfter) == expected)
        // Nothing of the interruption is left: the run folder holds no checkpoint.
        #expect(try FileManager.default.contentsOfDirectory(atPath: base.path).sorted() == ["reference", "run"])
        #expect(!FileManager.default.fileExists(atPath: base.appendingPathComponent("run/\(RunFiles.checkpoint)").path))
    }

    /// A run killed after a checkpoint (SIGKILL, power loss) leaves spike files longer than the
    /// checkpoint says and perhaps a half-written next checkpoint; resuming uses the last
    /// complete checkpoint and cuts the spike files back to it.
    @Test(arguments: [1, 2])
    func killedRunResumesFromItsLastCompleteCheckpoint(threads: Int) throws {
        let base = try Fixtures.temporaryDirectory("humam-killed")
        defer { try? FileManager.default.removeItem(at: base) }
        let network = TestNetworks.checkpointNetwork()
        let parameters = TestNetworks.checkpointParameters(.procedural, threads: threads)
        let expected = try Self.uninterrupted(network, parameters, base: base)
        // The run goes on after its checkpoint at 200 ms; the copy of its folder taken then is
        // what a kill leaves.
        let killed = base.appendingPathComponent("killed")
        try FileManager.default.createDirectory(at: killed, withIntermediateDirectories: true)
        let copy = killed.appendingPathComponent(".run.partial-KILLED")
        let output = try SimulationOutput(directory: base.appendingPathComponent("run"), network: network, parameters: parameters,
                                          replace: false, humamVersion: Self.version)
        let result = try Simulation(network: network, parameters: parameters).run(sink: output, checkpointSteps: 1000) { (state: SimulationState) throws(InputError) in
            try output.writeCheckpoint(state)
            if state.step == 2000 {
                do { try FileManager.default.copyItem(at: output.temporary, to: copy) } catch { throw InputError("\(error)") }
            }
        }
        try output.finish(result)
        // Spikes written after the checkpoint, the half of a later checkpoint, a dead writer.
        let checkpoint = try Data(contentsOf: copy.appendingPathComponent(RunFiles.checkpoint))
        try checkpoint.prefix(checkpoint.count / 2).write(to: AtomicFile.temporaryURL(beside: copy.appendingPathComponent(RunFiles.checkpoint)))
        for file in [copy.appendingPathComponent(RunFiles.binarySpikes), SimulationOutput.asciiFile(in: copy, network: network)] {
            let handle = try FileHandle(forWritingTo: file)
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(repeating: 0x31, count: 1000))
            try handle.close()
        }
        try Data("99999999\n".utf8).write(to: copy.appendingPathComponent("writer.pid"))
        #expect(SimulationOutput.removeAbandonedFolders(beside: killed.appendingPathComponent("run")).resumable.map(\.path) == [copy.path])
        #expect(try Self.resume(copy, network, parameters, threads: 3 - threads) == expected)
        #expect(try FileManager.default.contentsOfDirectory(atPath: killed.appendingPathComponent("run").path).sorted()
                == ["network", "population_GIDs.dat", "rates.csv", "run.json", "spikes", "spikes.bin"])
    }

    /// Checkpoints of other parameters, another network or another humam are refused before
    /// anything is touched; damaged and foreign ones too, naming the file.
    @Test func otherCorruptAndForeignCheckpointsAreRefused() throws {
        let base = try Fixtures.temporaryDirectory("humam-refused")
        defer { try? FileManager.default.removeItem(at: base) }
        let network = TestNetworks.checkpointNetwork()
        let parameters = TestNetworks.checkpointParameters(.stored, threads: 1)
        let folder = try Self.interruptedRun(network, parameters, base: base, batches: 30)
        let checkpointURL = folder.appendingPathComponent(RunFiles.checkpoint)
        let spikesBefore = try Data(contentsOf: folder.appendingPathComponent(RunFiles.binarySpikes))
        func refusal(network: Network = network, parameters: SimulationParameters = parameters, version: String = Self.version) -> String {
            do {
                _ = try SimulationOutput.resuming(folder, network: network, parameters: parameters, replace: false, humamVersion: version)
                return "accepted"
            } catch {
                return error.description
            }
        }
        var otherSeed = parameters
        otherSeed.seed = 1
        #expect(refusal(parameters: otherSeed).hasPrefix(checkpointURL.path + ": belongs to simulation"))
        var longer = parameters
        longer.duration = 400
        #expect(refusal(parameters: longer).contains("belongs to simulation"))
        #expect(refusal(network: TestNetworks.small()).hasPrefix(checkpointURL.path + ": belongs to network"))
        #expect(refusal(version: "0.0.1").hasPrefix(checkpointURL.path + ": was written by humam test"))
        // A checkpoint of another engine (same humam version string) is refused: its spikes would
        // mix two engines.
        let saved = try Data(contentsOf: checkpointURL)
        var otherEngine = try CheckpointFile.read(checkpointURL)
        otherEngine.engineVersion = EngineVersion.current + 1
        try CheckpointFile.write(otherEngine, to: checkpointURL)
        #expect(refusal().hasPrefix(checkpointURL.path + ": was written by engine version \(EngineVersion.current + 1)"))
        try saved.write(to: checkpointURL)
        // Nothing was cut: the spike files are as the interrupted run left them.
        #expect(try Data(contentsOf: folder.appendingPathComponent(RunFiles.binarySpikes)) == spikesBefore)

        let original = try Data(contentsOf: checkpointURL)
        var damaged = original
        damaged[damaged.count / 2] ^= 0x10
        try damaged.write(to: checkpointURL)
        #expect(refusal().hasPrefix(checkpointURL.path + ": is corrupt"))
        try original.prefix(original.count - 100).write(to: checkpointURL)
        #expect(refusal().contains("the checkpoint is incomplete"))
        try Data("t_sim: 300\n".utf8).write(to: checkpointURL)
        #expect(refusal().hasPrefix(checkpointURL.path + ": is not a humam checkpoint"))
        try FileManager.default.removeItem(at: checkpointURL)
        #expect(refusal().contains("holds no checkpoint") && refusal().contains("without --resume"))
        #expect(throws: InputError.self) {
            try SimulationOutput.resuming(base, network: network, parameters: parameters, replace: false, humamVersion: Self.version)
        }
    }
}

extension RunRecord {
    /// The spike count in `run`'s `run.json` (nil if unreadable).
    static func spikeCount(of run: URL) -> Int? {
        try? RunRecord.read(run.appendingPathComponent(RunFiles.record)).spikes
    }
}
