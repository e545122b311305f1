import Foundation
import Model

/// A simulation output folder: `population_GIDs.dat` plus either humam's binary `spikes.bin` or
/// NEST's ASCII `spikes/*.dat` (the original's layout). The simulated time and resolution come
/// from the caller, else the binary file's header, else the folder's record: `run.json`
/// (`sim_params.t_sim`, `sim_params.sim_resolution`), the original's `sim.yaml` (`t_sim`,
/// `sim_resolution`) or `sim_run_info.json` (`t_sim_ms`).
public struct RunFolder: Sendable {
    public let url: URL
    public init(_ url: URL) { self.url = url }

    public var populationGIDsFile: URL { url.appendingPathComponent("population_GIDs.dat") }
    public var binarySpikeFile: URL { url.appendingPathComponent("spikes.bin") }
    public var nestSpikeDirectory: URL { url.appendingPathComponent("spikes") }

    /// The most recently modified folder under `root` (searched two levels deep, as
    /// `out/<net_hash>/<sim_hash>/`) that holds a `population_GIDs.dat`.
    public static func mostRecent(under root: URL) throws(InputError) -> RunFolder {
        let manager = FileManager.default
        var candidates: [(URL, Date)] = []
        var level = [root]
        for _ in 0..<3 {
            var next: [URL] = []
            for directory in level {
                let file = directory.appendingPathComponent("population_GIDs.dat")
                if let attributes = try? manager.attributesOfItem(atPath: file.path),
                   let date = attributes[.modificationDate] as? Date {
                    candidates.append((directory, date))
                }
                let children = (try? manager.contentsOfDirectory(at: directory, includingPropertiesForKeys: [.isDirectoryKey])) ?? []
                next += children.filter { (try? $0.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true }
            }
            level = next
        }
        guard let newest = candidates.max(by: { $0.1 < $1.1 }) else {
            throw InputError(file: root.path, "contains no run folder (a folder with population_GIDs.dat); give one with --run")
        }
        return RunFolder(newest.0)
    }

    /// A number recorded in the folder under one of `keys`: in `run.json` (top level or its
    /// `sim_params`, as `humam simulate` writes it), the original's `sim_run_info.json`, or
    /// `key: value` lines of the original's `sim.yaml`.
    func recordedValue(_ keys: [String]) -> Double? {
        for name in ["run.json", "sim_run_info.json"] {
            if let data = try? Data(contentsOf: url.appendingPathComponent(name)),
               let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] {
                let nested = object["sim_params"] as? [String: Any] ?? [:]
                for key in keys {
                    if let value = (object[key] ?? nested[key]) as? Double { return value }
                }
            }
        }
        if let yaml = try? String(contentsOf: url.appendingPathComponent("sim.yaml"), encoding: .utf8) {
            for line in yaml.split(separator: "\n") {
                let parts = line.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                if parts.count == 2, keys.contains(parts[0]), let value = Double(parts[1]) { return value }
            }
        }
        return nil
    }

    /// Simulation step, ms: `override`, else the binary file's header, else recorded, else the
    /// original's default 0.1.
    public func resolution(override: Double? = nil) -> Double {
        override ?? HumamSpikeFile.resolution(of: binarySpikeFile) ?? recordedValue(["resolution_ms", "sim_resolution"]) ?? 0.1
    }

    /// The folder's `population_GIDs.dat`.
    public func populationGIDs(layout: PopulationLayout? = nil) throws(InputError) -> PopulationGIDs {
        guard FileManager.default.fileExists(atPath: populationGIDsFile.path) else {
            throw InputError(file: populationGIDsFile.path, "does not exist; is \(url.path) a simulation output folder?")
        }
        return try PopulationGIDs.read(populationGIDsFile, layout: layout)
    }

    /// Reads all spikes. `simulationTime` (ms) overrides the folder's record; humam's binary file
    /// carries its own simulated time and resolution.
    public func spikeTrains(simulationTime: Double? = nil, layout: PopulationLayout? = nil) throws(InputError) -> SpikeTrains {
        let populations = try populationGIDs(layout: layout)
        let columns: NESTSpikeFiles.Columns
        let source: String
        var recordedTime = recordedValue(["t_sim_ms", "t_sim"])
        if FileManager.default.fileExists(atPath: binarySpikeFile.path) {
            let contents = try HumamSpikeFile.read(binarySpikeFile)
            columns = contents.columns
            recordedTime = contents.simulationTime
            source = binarySpikeFile.path
        } else {
            columns = try NESTSpikeFiles.read(try NESTSpikeFiles.files(in: nestSpikeDirectory))
            source = nestSpikeDirectory.path
        }
        guard let time = simulationTime ?? recordedTime, time > 0 else {
            throw InputError(file: url.path, "has no record of the simulated time (run.json, sim.yaml); give it with --t-sim")
        }
        return try SpikeTrains(populations: populations, senders: columns.senders, times: columns.times,
                               simulationTime: time, source: source)
    }
}
