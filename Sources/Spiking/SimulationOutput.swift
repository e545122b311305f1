import Foundation
import Model

extension SimulationParameters {
    /// Hash of the parameters that determine the spikes, for the output folder name. The thread
    /// count is left out: it does not change a single spike.
    public var contentHash: String {
        var canonical = self
        canonical.threads = 1
        var hash = ContentHash()
        hash.combine(encoding: canonical)
        return hash.hexDigest
    }
}

/// What `run.json` records about a run.
public struct RunRecord: Codable, Sendable {
    public var humamVersion: String
    public var networkHash: String
    public var simulationHash: String
    public var simulationParameters: SimulationParameters
    public var networkParameters: NetworkParameters
    public var threads: Int
    /// Steps between spike exchanges of the threads.
    public var exchangeSteps: Int
    public var neurons: Int
    public var synapses: Int
    /// Stored or procedural (absent in runs of humam before procedural connectivity: stored).
    public var connectivity: ConnectivityMode?
    public var spikes: Int
    public var setupSeconds: Double
    public var simulateSeconds: Double
    /// Peak resident memory of the process, bytes (nil where the OS does not say).
    public var peakMemoryBytes: Int?
    /// Mean rate over all neurons in the rate window, spikes/s.
    public var meanRateHz: Double
    public var rateWindowStartMs: Double

    enum CodingKeys: String, CodingKey {
        case humamVersion = "humam_version"
        case networkHash = "network_hash"
        case simulationHash = "simulation_hash"
        case simulationParameters = "sim_params"
        case networkParameters = "net_params"
        case threads, neurons, synapses, spikes, connectivity
        case exchangeSteps = "exchange_steps"
        case setupSeconds = "setup_seconds"
        case simulateSeconds = "simulate_seconds"
        case peakMemoryBytes = "peak_memory_bytes"
        case meanRateHz = "mean_rate_hz"
        case rateWindowStartMs = "rate_window_start_ms"
    }
}

/// Writes a simulation's results as a folder:
/// - `spikes/spike_recorder-<id>-0.dat`: NEST's ASCII spike file layout (`SpikeFiles.writeASCII`),
///   readable by the original's analysis;
/// - `population_GIDs.dat`: the original's population id ranges;
/// - `spikes.bin`: humam's binary spike file (`BinarySpikeFile`);
/// - `rates.csv`: `area,layer,population,rate_hz` per non-empty population, t ≥ 500 ms;
/// - `run.json`: parameters, hashes, sizes, timings and peak memory (`RunRecord`).
/// Everything is written into a hidden temporary folder next to the destination, which is then
/// renamed, so the folder is either complete or absent.
public struct SimulationOutput {
    public var result: SimulationResult
    public var network: Network
    public var humamVersion: String

    public init(result: SimulationResult, network: Network, humamVersion: String) {
        self.result = result
        self.network = network
        self.humamVersion = humamVersion
    }

    /// `<base>/<network-hash>/<simulation-hash>`.
    public static func defaultDirectory(base: URL, network: Network, parameters: SimulationParameters) -> URL {
        base.appendingPathComponent(network.contentHash).appendingPathComponent(parameters.contentHash)
    }

    public func record() -> RunRecord {
        let counts = result.spikeCountsPerNeuron()
        let window = (result.parameters.duration - result.rateWindowStart) / 1000
        let meanRate = window > 0 && result.neuronCount > 0
            ? Double(counts.reduce(0, +)) / Double(result.neuronCount) / window : 0
        return RunRecord(
            humamVersion: humamVersion, networkHash: network.contentHash,
            simulationHash: result.parameters.contentHash, simulationParameters: result.parameters,
            networkParameters: network.parameters, threads: result.threads, exchangeSteps: result.exchangeSteps, neurons: result.neuronCount,
            synapses: result.synapseCount, connectivity: result.connectivity, spikes: result.spikes.count, setupSeconds: result.setupSeconds,
            simulateSeconds: result.simulateSeconds, peakMemoryBytes: ProcessMemory.peakResidentBytes,
            meanRateHz: meanRate, rateWindowStartMs: result.rateWindowStart)
    }

    public func write(to directory: URL) throws(InputError) {
        let fileManager = FileManager.default
        let temporary = AtomicFile.temporaryURL(beside: directory)
        do {
            try? fileManager.removeItem(at: temporary)
            try fileManager.createDirectory(at: temporary.appendingPathComponent("spikes"), withIntermediateDirectories: true)
            // NEST names the file after the recorder's node id (created after all neurons) and the VP.
            let recorderFile = "spike_recorder-\(result.neuronCount + 1)-0.dat"
            try SpikeFiles.writeASCII(result, humamVersion: humamVersion,
                                      to: temporary.appendingPathComponent("spikes").appendingPathComponent(recorderFile))
            try Data(SpikeFiles.populationGIDsText(network: network, indexing: result.indexing).utf8)
                .write(to: temporary.appendingPathComponent("population_GIDs.dat"))
            try BinarySpikeFile.write(result, to: temporary.appendingPathComponent("spikes.bin"))
            try Data(PopulationTable.text(result.populationRates(), valueColumn: "rate_hz", layout: network.layout,
                                          indices: network.nonEmptyPopulations).utf8)
                .write(to: temporary.appendingPathComponent("rates.csv"))
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try encoder.encode(record()).write(to: temporary.appendingPathComponent("run.json"))
            if fileManager.fileExists(atPath: directory.path) {
                // Never remove what humam did not write (checked before the run too).
                guard Self.isRun(directory) else {
                    try? fileManager.removeItem(at: temporary)
                    throw InputError(file: directory.path, "exists and is not a humam run folder; nothing was replaced")
                }
                try fileManager.removeItem(at: directory)
            }
            try fileManager.moveItem(at: temporary, to: directory)
        } catch let error as InputError {
            throw error
        } catch {
            try? fileManager.removeItem(at: temporary)
            throw InputError(file: directory.path, "cannot be written (\(error.localizedDescription))")
        }
    }

    /// Whether `directory` is a run folder that humam wrote: a folder whose `run.json` names a
    /// humam version.
    public static func isRun(_ directory: URL) -> Bool {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isFolder), isFolder.boolValue,
              let data = try? Data(contentsOf: directory.appendingPathComponent("run.json")),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return false }
        return object["humam_version"] is String
    }

    /// Checks, before any work, that a run can be written to `directory`: it must not exist, or
    /// be a humam run folder and `replace` be true; its parent folder (created if missing) must
    /// be writable. Throws otherwise, naming the path; touches nothing that exists.
    public static func checkDestination(_ directory: URL, replace: Bool) throws(InputError) {
        let fileManager = FileManager.default
        let path = directory.standardizedFileURL.path
        if fileManager.fileExists(atPath: path) {
            guard isRun(directory) else {
                throw InputError(file: path, "exists and is not a humam run folder: humam replaces only run folders it wrote; choose another --out")
            }
            guard replace else {
                throw InputError(file: path, "holds a humam run already; give --replace to replace it, or choose another --out")
            }
        }
        let parent = directory.standardizedFileURL.deletingLastPathComponent()
        let probe = AtomicFile.temporaryURL(beside: directory)
        do {
            try fileManager.createDirectory(at: parent, withIntermediateDirectories: true)
            try Data().write(to: probe)
            try fileManager.removeItem(at: probe)
        } catch {
            try? fileManager.removeItem(at: probe)
            throw InputError(file: parent.path, "is not writable, so the run could not be saved (\(error.localizedDescription)); choose another --out")
        }
    }
}

/// Memory use of this process.
public enum ProcessMemory {
    /// Peak resident set size (`VmHWM` in /proc/self/status), bytes; nil if unavailable.
    public static var peakResidentBytes: Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            if fields.count >= 2, let kilobytes = Int(fields[1]) { return kilobytes * 1024 }
        }
        return nil
    }
}
