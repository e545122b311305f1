import Foundation
import Model
import RunFormat

/// A simulation output folder: `population_GIDs.dat` plus either humam's binary `spikes.bin` or
/// NEST's ASCII `spikes/*.dat` (the original's layout). The simulated time and resolution come
/// from the caller, else the binary file's header, else the folder's record: `run.json`
/// (`RunRecord`), else the original's `sim.yaml` or `sim_run_info.json` (`OriginalRunRecord`).
public struct RunFolder: Sendable {
    public let url: URL
    public init(_ url: URL) { self.url = url }

    public var populationGIDsFile: URL { url.appendingPathComponent(RunFiles.populationGIDs) }
    public var binarySpikeFile: URL { url.appendingPathComponent(RunFiles.binarySpikes) }
    public var nestSpikeDirectory: URL { url.appendingPathComponent(RunFiles.nestSpikeDirectory) }

    /// The most recently modified folder under `root` (searched two levels deep, as
    /// `out/<net_hash>/<sim_hash>/`) that holds a `population_GIDs.dat`. Hidden folders (the
    /// temporary folders of runs being written) are never taken.
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
                next += children.filter {
                    !$0.lastPathComponent.hasPrefix(".") && (try? $0.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true
                }
            }
            level = next
        }
        guard let newest = candidates.max(by: { $0.1 < $1.1 }) else {
            throw InputError(file: root.path, "contains no run folder (a folder with population_GIDs.dat); give one with --run")
        }
        return RunFolder(newest.0)
    }

    /// The simulated time the folder records, ms: `run.json`'s `sim_params.t_sim`, else the
    /// original's records (`OriginalRunRecord`); nil when none does or cannot be read
    /// (`checkRecords` names a corrupt record).
    func recordedSimulationTime() -> Double? {
        (try? runRecord())??.simulationParameters.duration ?? (try? originalRecord())??.simulationTime
    }

    /// Simulation step, ms: `override`, else the binary file's header, else recorded, else the
    /// original's default 0.1.
    public func resolution(override: Double? = nil) -> Double {
        override ?? (try? BinarySpikeFile.Reader(url: binarySpikeFile))?.header.resolution
            ?? (try? runRecord())??.simulationParameters.resolution ?? (try? originalRecord())??.resolution ?? 0.1
    }

    /// The folder's `population_GIDs.dat`.
    public func populationGIDs(layout: PopulationLayout? = nil) throws(InputError) -> PopulationGIDs {
        guard FileManager.default.fileExists(atPath: populationGIDsFile.path) else {
            throw InputError(file: populationGIDsFile.path, "does not exist; is \(url.path) a simulation output folder?")
        }
        return try PopulationGIDs.read(populationGIDsFile, layout: layout)
    }

    /// Longest simulated time, ms, that the analyses take: 1e9 ms (11.6 days) of 1 ms bins,
    /// beyond any run and far below where a count of bins would overflow.
    public static let longestSimulationTime = 1e9

    /// The folder's spikes, to be read in chunks. The simulated time is the one recorded (the
    /// binary file's header, else the folder's record); `simulationTime` (ms) may only be given
    /// where there is no record, or agree with it.
    public func spikeSource(simulationTime: Double? = nil, layout: PopulationLayout? = nil) throws(InputError) -> SpikeSource {
        if let simulationTime, !(simulationTime > 0 && simulationTime.isFinite) {
            throw InputError("--t-sim \(simulationTime): expected a positive, finite simulated time in ms")
        }
        let populations = try populationGIDs(layout: layout)
        let binary = FileManager.default.fileExists(atPath: binarySpikeFile.path)
        let reader = binary ? try BinarySpikeFile.Reader(url: binarySpikeFile) : nil
        let recordedTime = recordedSimulationTime()
        if let header = reader?.header, let recordedTime, recordedTime != header.duration {
            throw InputError(file: binarySpikeFile.path, "holds \(header.duration) ms of spikes, but the run's record (run.json, sim_run_info.json or sim.yaml) says t_sim = \(recordedTime) ms: they belong to different runs, or one of them was changed")
        }
        let recorded = reader?.header.duration ?? recordedTime
        if let simulationTime, let recorded, simulationTime != recorded {
            throw InputError(file: url.path, "records a simulated time of \(recorded) ms; --t-sim \(simulationTime) contradicts it (leave --t-sim out)")
        }
        guard let time = recorded ?? simulationTime, time > 0, time.isFinite else {
            throw InputError(file: url.path, "has no record of the simulated time (run.json, sim.yaml); give it with --t-sim")
        }
        guard time <= Self.longestSimulationTime else {
            throw InputError(file: url.path, "has a simulated time of \(time) ms; the analyses take at most \(Self.longestSimulationTime) ms (their 1 ms bins are counted in memory)")
        }
        if let reader {
            return try SpikeSource(binary: reader, populations: populations, simulationTime: time)
        }
        let columns = try NESTSpikeFiles.read(try NESTSpikeFiles.files(in: nestSpikeDirectory))
        return try SpikeSource(columns: columns, populations: populations, simulationTime: time, origin: nestSpikeDirectory.path)
    }

    /// All spikes, grouped by neuron (8 bytes per spike).
    public func spikeTrains(simulationTime: Double? = nil, layout: PopulationLayout? = nil) throws(InputError) -> SpikeTrains {
        try SpikeTrains(spikeSource(simulationTime: simulationTime, layout: layout))
    }
}
