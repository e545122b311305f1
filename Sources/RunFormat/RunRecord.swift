import Foundation
import Model

/// What `run.json` records about a run.
public struct RunRecord: Codable, Sendable {
    public var humamVersion: String
    /// The engine that computed the spikes (`EngineVersion`; nil in runs of humam before engine
    /// versions and in NEST's runs).
    public var engineVersion: Int?
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
    /// Mean rate over all neurons in the rate window, spikes/s (nil: the window is empty).
    public var meanRateHz: Double?
    public var rateWindowStartMs: Double
    /// What the engine did (`EngineWork`, counted by the process that ran; a resumed run from
    /// its checkpoint on): synaptic events delivered, rows regenerated and row segments queued
    /// (procedural connectivity; 0 with stored), and core-nanoseconds per event. Nil in runs of
    /// humam before they were counted and in NEST's runs.
    public var synapticEvents: Int?
    public var rowsRegenerated: Int?
    public var rowSegments: Int?
    public var coreNanosecondsPerEvent: Double?

    public init(humamVersion: String, engineVersion: Int? = EngineVersion.current, networkHash: String, simulationHash: String,
                simulationParameters: SimulationParameters, networkParameters: NetworkParameters, threads: Int,
                exchangeSteps: Int, neurons: Int, synapses: Int, connectivity: ConnectivityMode?, spikes: Int,
                setupSeconds: Double, simulateSeconds: Double, peakMemoryBytes: Int?, meanRateHz: Double?,
                rateWindowStartMs: Double, synapticEvents: Int? = nil, rowsRegenerated: Int? = nil,
                rowSegments: Int? = nil, coreNanosecondsPerEvent: Double? = nil) {
        self.humamVersion = humamVersion
        self.engineVersion = engineVersion
        self.networkHash = networkHash
        self.simulationHash = simulationHash
        self.simulationParameters = simulationParameters
        self.networkParameters = networkParameters
        self.threads = threads
        self.exchangeSteps = exchangeSteps
        self.neurons = neurons
        self.synapses = synapses
        self.connectivity = connectivity
        self.spikes = spikes
        self.setupSeconds = setupSeconds
        self.simulateSeconds = simulateSeconds
        self.peakMemoryBytes = peakMemoryBytes
        self.meanRateHz = meanRateHz
        self.rateWindowStartMs = rateWindowStartMs
        self.synapticEvents = synapticEvents
        self.rowsRegenerated = rowsRegenerated
        self.rowSegments = rowSegments
        self.coreNanosecondsPerEvent = coreNanosecondsPerEvent
    }

    enum CodingKeys: String, CodingKey {
        case humamVersion = "humam_version"
        case engineVersion = "engine_version"
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
        case synapticEvents = "synaptic_events"
        case rowsRegenerated = "rows_regenerated"
        case rowSegments = "row_segments"
        case coreNanosecondsPerEvent = "core_ns_per_event"
    }
}

extension RunRecord {
    /// Reads `run.json`: humam's runs, older ones (without the fields that are optional here) and
    /// the exported NEST script's. Errors name the file and the field, and say what is wrong.
    public static func read(_ url: URL) throws(InputError) -> RunRecord {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw InputError(file: url.path, "cannot be read (\(InputError.reason(error)))")
        }
        do { return try JSONDecoder().decode(RunRecord.self, from: data) } catch let DecodingError.keyNotFound(key, context) where context.codingPath.isEmpty {
            throw InputError(file: url.path, field: key.stringValue, "is missing; is this a run record of humam?")
        } catch {
            if let keyed = InputError(file: url.path, keyPath: "", decodingError: error) { throw keyed }
            throw InputError(file: url.path, "is corrupt: not readable as a run record (\(InputError.reason(error))); it records the run's parameters, hashes and simulated time: restore it, or remove it (humam analyze and fc then take --t-sim and the network options)")
        }
    }

    /// The `run.json` of run folder `folder`; nil when it has none (e.g. the original's NEST
    /// output). A record that cannot be read is an error: a corrupt record is never taken for an
    /// absent one.
    public static func readIfPresent(in folder: URL) throws(InputError) -> RunRecord? {
        let file = folder.appendingPathComponent(RunFiles.record)
        guard FileManager.default.fileExists(atPath: file.path) else { return nil }
        return try read(file)
    }

    /// The JSON text of `run.json` (keys sorted, indented).
    public func jsonData() throws(InputError) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        do { return try encoder.encode(self) } catch {
            throw InputError("the run record cannot be encoded (\(InputError.reason(error)))")
        }
    }
}
