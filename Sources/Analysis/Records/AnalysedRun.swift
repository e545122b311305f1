import Foundation
import Model

/// Which run the results of `humam analyze` or `humam fc` were computed from: the hashes its
/// run.json records (none for the original's NEST output) and the size of its spikes. Each
/// command writes it beside its results (`analyze_run.json`, `fc_run.json`); `humam report`
/// takes results only from a folder whose record matches the run it reports on.
public struct AnalysedRun: Codable, Equatable, Sendable {
    public var networkHash: String?
    public var simulationHash: String?
    public var spikes: Int
    public var neurons: Int
    /// Simulated time, ms.
    public var simulationTime: Double

    enum CodingKeys: String, CodingKey {
        case networkHash = "network_hash", simulationHash = "simulation_hash", spikes, neurons
        case simulationTime = "t_sim_ms"
    }

    /// The record of `folder`, whose spikes come to `spikes`, `neurons` and `simulationTime`.
    public init(_ folder: RunFolder, spikes: Int, neurons: Int, simulationTime: Double) throws(InputError) {
        let record = try folder.runRecord()
        networkHash = record?.networkHash
        simulationHash = record?.simulationHash
        self.spikes = spikes
        self.neurons = neurons
        self.simulationTime = simulationTime
    }

    public init(_ folder: RunFolder, totals: SpikeTotals) throws(InputError) {
        try self.init(folder, spikes: totals.spikeCount, neurons: totals.neuronCount, simulationTime: totals.simulationTime)
    }

    /// `analyze_run.json` or `fc_run.json`.
    public static func fileName(command: String) -> String { "\(command)_run.json" }

    /// Writes the record of `command`'s results into `directory`.
    public func write(into directory: URL, command: String) throws(InputError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try AtomicFile.write(String(decoding: try! encoder.encode(self), as: UTF8.self) + "\n",
                             to: directory.appendingPathComponent(Self.fileName(command: command)))
    }

    /// Throws unless `directory` holds the record of `command` and it is this one: results
    /// without a record, of another run, or of the same run before it was changed are errors
    /// naming the record and what differs.
    public func check(_ directory: URL, command: String) throws(InputError) {
        let file = directory.appendingPathComponent(Self.fileName(command: command))
        let again = "run humam \(command) on the run again"
        guard let data = try? Data(contentsOf: file) else {
            throw InputError(file: file.path, "does not exist, so the results of humam \(command) in \(directory.path) cannot be matched to the run (humam \(command) writes it with its results); \(again)")
        }
        let recorded: AnalysedRun
        do { recorded = try JSONDecoder().decode(AnalysedRun.self, from: data) } catch {
            throw InputError(file: file.path, "is corrupt: not a record of the analysed run (\(error.localizedDescription)); \(again)")
        }
        let differences = [
            ("network_hash", recorded.networkHash ?? "none", networkHash ?? "none"),
            ("simulation_hash", recorded.simulationHash ?? "none", simulationHash ?? "none"),
            ("spikes", "\(recorded.spikes)", "\(spikes)"),
            ("neurons", "\(recorded.neurons)", "\(neurons)"),
            ("t_sim_ms", "\(recorded.simulationTime)", "\(simulationTime)"),
        ].filter { $0.1 != $0.2 }
        if let (field, theirs, ours) = differences.first {
            throw InputError(file: file.path, field: field, "is \(theirs), but the run has \(ours): these results of humam \(command) belong to another run; \(again)")
        }
    }
}
