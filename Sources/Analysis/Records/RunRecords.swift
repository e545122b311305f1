import Foundation
import Model

extension RunFolder {
    /// The JSON records a run folder may hold: humam's `run.json`, the original's `sim_run_info.json`.
    public static let recordFiles = ["run.json", "sim_run_info.json"]

    /// The top-level object of record `name` (one of `recordFiles`); nil if the folder has no
    /// such file. A file that cannot be read or is not a JSON object is an error naming it: a
    /// corrupt record is never taken for an absent one.
    public func record(_ name: String) throws(InputError) -> [String: Any]? {
        let file = url.appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: file.path) else { return nil }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(contentsOf: file))
        } catch {
            throw InputError(file: file.path, "is corrupt: not readable as JSON (\(InputError.reason(error))); it is the run's record (parameters, simulated time): restore it, or remove it and give --t-sim and the network options")
        }
        guard let record = object as? [String: Any] else {
            throw InputError(file: file.path, "is corrupt: expected a JSON object with the run's record")
        }
        return record
    }

    /// Checks that every record the folder holds is readable.
    public func checkRecords() throws(InputError) {
        for name in Self.recordFiles { _ = try record(name) }
    }
}
