import Foundation
import Model
import Yams

/// What humam reads from the records of a simulation folder of the original pipeline (NEST 3,
/// no `run.json`): the simulated time and the resolution, ms, from `sim.yaml` (the original's
/// simulation parameters `t_sim`, `sim_resolution`) or `sim_run_info.json` (written beside the
/// reference runs of `Tests/Fixtures`: `t_sim_ms`).
public struct OriginalRunRecord: Sendable, Equatable {
    /// Simulated time, ms (nil: not recorded).
    public var simulationTime: Double?
    /// Simulation step, ms (nil: not recorded).
    public var resolution: Double?

    public static let parameterFile = "sim.yaml"
    public static let runInfoFile = "sim_run_info.json"

    /// The records of `folder`; nil when it holds neither file. A file that is there but cannot
    /// be read as a mapping is an error naming it (a corrupt record is never taken for an absent
    /// one); keys other than the two are the original's and are not read.
    public static func read(in folder: URL) throws(InputError) -> OriginalRunRecord? {
        let info = try mapping(folder.appendingPathComponent(runInfoFile))
        let parameters = try mapping(folder.appendingPathComponent(parameterFile))
        guard info != nil || parameters != nil else { return nil }
        return OriginalRunRecord(simulationTime: number(info?["t_sim_ms"]) ?? number(parameters?["t_sim"]),
                                 resolution: number(parameters?["sim_resolution"]))
    }

    /// The top-level mapping of a JSON or YAML file (JSON is YAML); nil when the file does not
    /// exist.
    private static func mapping(_ file: URL) throws(InputError) -> [String: Any]? {
        guard FileManager.default.fileExists(atPath: file.path) else { return nil }
        let text: String
        do { text = try String(contentsOf: file, encoding: .utf8) } catch {
            throw InputError(file: file.path, "cannot be read (\(InputError.reason(error)))")
        }
        let object: Any?
        do { object = try Yams.load(yaml: text) } catch {
            throw InputError(file: file.path, "is corrupt: not readable as YAML or JSON (\(error)); it is the original run's record (simulated time, resolution): restore it, or remove it and give --t-sim")
        }
        guard let mapping = object as? [String: Any] else {
            throw InputError(file: file.path, "is corrupt: expected a mapping with the original run's record (t_sim, sim_resolution)")
        }
        return mapping
    }

    private static func number(_ value: Any?) -> Double? {
        switch value {
        case let value as Double: value
        case let value as Int: Double(value)
        default: nil
        }
    }
}
