import Foundation
import Model
import RunFormat
import Spiking

/// Writes a run folder while the simulation runs (`RunFiles` names its files):
/// - `spikes.bin`: humam's binary spike file (`BinarySpikeFile`), streamed as the run goes;
/// - `spikes/spike_recorder-<id>-0.dat`: NEST's ASCII layout (`NESTSpikeFiles`), readable by the
///   original's analysis, streamed too when asked for;
/// - `population_GIDs.dat`: the original's population id ranges;
/// - `network/`: the network's tables (`NetworkTables`, as `humam network --out` writes them),
///   from which `humam fc` takes neuron and synapse numbers and weights;
/// - `rates.csv`: `area,layer,population,rate_hz` per non-empty population, t ≥ 500 ms;
/// - `run.json`: parameters, hashes, sizes, timings and peak memory (`RunRecord`).
/// Everything goes into a hidden temporary folder next to the destination, renamed when the run
/// is complete, so the folder is either complete or absent. The temporary folder holds the
/// writer file, `writer.pid`: the writer's process id, and a lock (flock) on it that the writer
/// holds while it writes and that dies with its process, so that a later command can tell a
/// folder whose writer died (`removeAbandonedFolders`) even after a reboot reused the process
/// id; and, in a run with checkpoints, `checkpoint.bin`
/// (`writeCheckpoint`): such a folder is kept, and `resuming` continues the run from it. A run
/// folder is replaced only if humam wrote it and the caller allows it; nothing else is ever
/// removed.
public final class SimulationOutput: SpikeSink {
    public let directory: URL
    /// The hidden folder the run is written into until it is complete.
    public let temporary: URL
    let network: Network
    let humamVersion: String
    let simulationHash: String
    /// Whether `finish` may replace a humam run at `directory` (checked before the run too).
    let replacesRun: Bool
    private let binary: BinarySpikeFile.Writer
    private let ascii: NESTSpikeFiles.Writer?
    private var open = true
    /// The writer file, open and locked while this output writes the temporary folder.
    private var writerLock: Int32
    /// Where `finish` saved the run: `directory`, or `<directory>-<n>` when another run was
    /// written to `directory` while this one ran.
    public private(set) var savedDirectory: URL?

    /// Networks up to this many neurons get NEST's ASCII spike file by default; larger ones
    /// only the binary file (half the size, and much faster to write and read).
    public static let asciiNeuronLimit = 1_000_000

    /// The file that names the process writing a temporary run folder.
    static let writerFile = "writer.pid"

    private init(directory: URL, temporary: URL, network: Network, parameters: SimulationParameters, replace: Bool,
                 humamVersion: String, binary: BinarySpikeFile.Writer, ascii: NESTSpikeFiles.Writer?, writerLock: Int32) {
        self.directory = directory
        self.writerLock = writerLock
        self.temporary = temporary
        self.network = network
        self.humamVersion = humamVersion
        simulationHash = parameters.contentHash
        replacesRun = replace
        self.binary = binary
        self.ascii = ascii
    }

    /// Checks the destination (`checkDestination`), then creates the temporary folder with
    /// `population_GIDs.dat` and the spike files. `asciiSpikes` nil: NEST's ASCII file up to
    /// `asciiNeuronLimit` neurons.
    public convenience init(directory: URL, network: Network, parameters: SimulationParameters, asciiSpikes: Bool? = nil,
                            replace: Bool, humamVersion: String) throws(InputError) {
        try Self.checkDestination(directory, replace: replace)
        let temporary = AtomicFile.temporaryURL(beside: directory)
        let fileManager = FileManager.default
        let neuronCount = network.neuronCounts.reduce(0, +)
        let binary: BinarySpikeFile.Writer, ascii: NESTSpikeFiles.Writer?
        var writerLock: Int32 = -1
        do throws(InputError) {
            do {
                try fileManager.createDirectory(at: temporary, withIntermediateDirectories: true)
            } catch {
                throw InputError(file: temporary.path, "cannot be written (\(InputError.reason(error)))")
            }
            writerLock = try Self.lockWriterFile(in: temporary)
            do {
                try Data(PopulationGIDs(layout: network.layout, neuronCounts: network.neuronCounts).text.utf8)
                    .write(to: temporary.appendingPathComponent(RunFiles.populationGIDs))
            } catch {
                throw InputError(file: temporary.path, "cannot be written (\(InputError.reason(error)))")
            }
            binary = try BinarySpikeFile.Writer(url: temporary.appendingPathComponent(RunFiles.binarySpikes),
                                                resolution: parameters.resolution, duration: parameters.duration,
                                                neuronCount: neuronCount)
            if asciiSpikes ?? (neuronCount <= Self.asciiNeuronLimit) {
                let folder = temporary.appendingPathComponent(RunFiles.nestSpikeDirectory)
                do { try fileManager.createDirectory(at: folder, withIntermediateDirectories: true) } catch {
                    throw InputError(file: folder.path, "cannot be written (\(InputError.reason(error)))")
                }
                ascii = try NESTSpikeFiles.Writer(url: Self.asciiFile(in: temporary, network: network),
                                                  resolution: parameters.resolution, humamVersion: humamVersion)
            } else {
                ascii = nil
            }
        } catch {
            try? fileManager.removeItem(at: temporary)
            if writerLock >= 0 { close(writerLock) }
            throw error
        }
        self.init(directory: directory, temporary: temporary, network: network, parameters: parameters, replace: replace,
                  humamVersion: humamVersion, binary: binary, ascii: ascii, writerLock: writerLock)
    }

    /// Continues an interrupted run from the checkpoint in its temporary folder `folder` (the
    /// run of `network` and `parameters`; the thread count may differ): checks that the
    /// checkpoint was written by this humam version for this network and these parameters, that
    /// no living process writes the folder and that the destination can take the run, then cuts
    /// the spike files back to the checkpoint. Returns the output and the state to resume.
    public static func resuming(_ folder: URL, network: Network, parameters: SimulationParameters, replace: Bool,
                                humamVersion: String) throws(InputError) -> (output: SimulationOutput, state: SimulationState) {
        let directory = try checkResumable(folder)
        let temporary = folder.standardizedFileURL
        let checkpointURL = temporary.appendingPathComponent(RunFiles.checkpoint)
        // Locked before anything is read: no other humam writes the folder from here on.
        let writerLock = try lockWriterFile(in: temporary)
        var handedOver = false
        defer { if !handedOver { close(writerLock) } }
        let checkpoint = try CheckpointFile.read(checkpointURL)
        guard checkpoint.engineVersion == EngineVersion.current else {
            throw InputError(file: checkpointURL.path, "was written by engine version \(checkpoint.engineVersion) (humam \(checkpoint.humamVersion)), not by this humam's engine \(EngineVersion.current): its spikes would mix two engines; finish the run with the humam that started it, or start it again")
        }
        guard checkpoint.humamVersion == humamVersion else {
            throw InputError(file: checkpointURL.path, "was written by humam \(checkpoint.humamVersion), not by this humam \(humamVersion): finish the run with that version, or start it again")
        }
        guard checkpoint.networkHash == network.contentHash else {
            throw InputError(file: checkpointURL.path, "belongs to network \(checkpoint.networkHash), but the options and data give network \(network.contentHash): resume with the network options and data of the interrupted run")
        }
        guard checkpoint.simulationHash == parameters.contentHash else {
            throw InputError(file: checkpointURL.path, "belongs to simulation \(checkpoint.simulationHash), but the options give simulation \(parameters.contentHash): resume with the simulation options of the interrupted run (only --threads may differ)")
        }
        let replace = replace || checkpoint.replacesRun
        try checkDestination(directory, replace: replace)
        let binary = try BinarySpikeFile.Writer(continuing: temporary.appendingPathComponent(RunFiles.binarySpikes),
                                                spikeCount: checkpoint.state.spikeCount)
        let ascii = try checkpoint.asciiSpikeBytes.map { (bytes) throws(InputError) in
            try NESTSpikeFiles.Writer(continuing: asciiFile(in: temporary, network: network), byteCount: bytes,
                                      resolution: parameters.resolution)
        }
        let output = SimulationOutput(directory: directory, temporary: temporary, network: network, parameters: parameters,
                                      replace: replace, humamVersion: humamVersion, binary: binary, ascii: ascii,
                                      writerLock: writerLock)
        handedOver = true
        return (output, checkpoint.state)
    }

    /// NEST's ASCII spike file in run folder `folder`: named after the recorder's node id
    /// (created after all neurons) and VP 0, as NEST names it.
    static func asciiFile(in folder: URL, network: Network) -> URL {
        folder.appendingPathComponent(RunFiles.nestSpikeDirectory)
            .appendingPathComponent(RunFiles.nestSpikeFile(recorder: network.neuronCounts.reduce(0, +) + 1))
    }

    deinit {
        discard()
        releaseWriterLock()
    }

    private func releaseWriterLock() {
        guard writerLock >= 0 else { return }
        close(writerLock)
        writerLock = -1
    }

    /// Whether NEST's ASCII spike file is written.
    public var writesASCII: Bool { ascii != nil }

    public func record(neurons: UnsafeBufferPointer<Int32>, stamp: Int32) throws(InputError) {
        try binary.append(neurons: neurons, stamp: stamp)
        try ascii?.append(neurons: neurons, stamp: stamp)
    }

    var checkpointURL: URL { temporary.appendingPathComponent(RunFiles.checkpoint) }

    /// Replaces the run's checkpoint with `state` (whose spikes this output has recorded, and
    /// no more): forces the spike files to the disk, then writes their lengths and the state
    /// atomically, so that a run killed at any moment leaves a complete checkpoint (this one or
    /// the one before) and spike files at least as long as it says. Returns its size, bytes.
    @discardableResult
    public func writeCheckpoint(_ state: SimulationState) throws(InputError) -> Int {
        precondition(open && state.spikeCount == binary.spikeCount, "a checkpoint counts the spikes recorded so far")
        try binary.synchronize()
        try ascii?.synchronize()
        return try CheckpointFile.write(Checkpoint(humamVersion: humamVersion, networkHash: network.contentHash,
                                            simulationHash: simulationHash, replacesRun: replacesRun,
                                            binarySpikeBytes: binary.byteCount, asciiSpikeBytes: ascii?.byteCount,
                                            state: state), to: checkpointURL)
    }

    /// Whether the temporary folder holds a checkpoint, so that `discard` keeps it for `resuming`.
    public var isResumable: Bool { FileManager.default.fileExists(atPath: checkpointURL.path) }

    /// The record `run.json` gets for `result`.
    public func record(of result: SimulationResult) -> RunRecord {
        let meanRate = result.meanRate
        return RunRecord(
            humamVersion: humamVersion, networkHash: network.contentHash,
            simulationHash: result.parameters.contentHash, simulationParameters: result.parameters,
            networkParameters: network.parameters, threads: result.threads, exchangeSteps: result.exchangeSteps,
            neurons: result.neuronCount, synapses: result.synapseCount, connectivity: result.connectivity,
            spikes: result.spikeCount, setupSeconds: result.setupSeconds, simulateSeconds: result.simulateSeconds,
            peakMemoryBytes: ProcessMemory.peakResidentBytes, meanRateHz: meanRate.isFinite ? meanRate : nil,
            rateWindowStartMs: result.rateWindowStart, synapticEvents: result.work.synapticEvents,
            rowsRegenerated: result.work.rowsRegenerated, rowSegments: result.work.rowSegments,
            coreNanosecondsPerEvent: result.coreNanosecondsPerEvent)
    }

    /// Closes the spike files, writes the network's tables, the rates and `run.json` and renames the folder into place
    /// (replacing a humam run there if `replace` allowed it; else, should a run have appeared
    /// there meanwhile, as `<directory>-<n>`: see `savedDirectory`). On any error the temporary
    /// folder is removed and the error names the path.
    @discardableResult
    public func finish(_ result: SimulationResult) throws(InputError) -> RunRecord {
        precondition(open, "a run folder is finished once")
        defer { discard() }
        let record = record(of: result)
        try binary.finish()
        try ascii?.finish()
        try NetworkTables(network: network).write(to: temporary.appendingPathComponent(RunFiles.networkTables))
        let rates = PopulationTable.text(result.populationRates(), valueColumn: "rate_hz", layout: network.layout,
                                         indices: network.nonEmptyPopulations)
        try AtomicFile.write(rates, to: temporary.appendingPathComponent(RunFiles.rates))
        try AtomicFile.write(try record.jsonData(), to: temporary.appendingPathComponent(RunFiles.record))
        let fileManager = FileManager.default
        try? fileManager.removeItem(at: temporary.appendingPathComponent(Self.writerFile))
        // A complete run needs no checkpoint (nor the temporary file of one a kill cut short).
        for name in (try? fileManager.contentsOfDirectory(atPath: temporary.path)) ?? [] {
            let file = temporary.appendingPathComponent(name)
            if name == RunFiles.checkpoint || AtomicFile.target(ofTemporary: file)?.lastPathComponent == RunFiles.checkpoint {
                try? fileManager.removeItem(at: file)
            }
        }
        // Never remove what humam did not write (checked before the run too): should a user
        // have put a file into the old run meanwhile, this run is saved beside it instead.
        if replacesRun, Self.isRun(directory), RunFolderContents.foreignEntries(in: directory).isEmpty {
            do { try fileManager.removeItem(at: directory) } catch {
                throw InputError(file: directory.path, "cannot be replaced (\(InputError.reason(error)))")
            }
        }
        // rename(2) fails rather than replace a folder that appeared meanwhile (another run to
        // the same --out): then this run is saved beside it under a new name.
        var destination = directory
        var attempt = 1
        while rename(temporary.path, destination.path) != 0 {
            let reason = errno
            guard (reason == EEXIST || reason == ENOTEMPTY || reason == EISDIR) && attempt < 100 else {
                throw InputError(file: destination.path, "cannot be written (\(String(cString: strerror(reason))))")
            }
            attempt += 1
            destination = directory.deletingLastPathComponent().appendingPathComponent("\(directory.lastPathComponent)-\(attempt)")
        }
        savedDirectory = destination
        open = false
        releaseWriterLock()
        return record
    }

    /// Ends an unfinished run (after an error or an interruption): removes its temporary folder,
    /// unless it holds a checkpoint (`isResumable`), from which `resuming` can continue.
    public func discard() {
        guard open else { return }
        open = false
        if !isResumable { try? FileManager.default.removeItem(at: temporary) }
        releaseWriterLock()
    }
}
