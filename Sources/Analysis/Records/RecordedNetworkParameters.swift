import Foundation
import Model

extension RunFolder {
    /// `net_params` of a humam run's `run.json`, nil when the folder has no such record (e.g. the
    /// original's NEST output). A corrupt record, or parameters out of range, are errors naming
    /// the file and key.
    public func recordedNetworkParameters() throws(InputError) -> NetworkParameters? {
        let file = url.appendingPathComponent("run.json")
        guard let parameters = try record("run.json")?["net_params"] else { return nil }
        guard parameters is [String: Any] else {
            throw InputError(file: file.path, field: "net_params", "is corrupt: expected a mapping of network parameters")
        }
        let recorded: NetworkParameters
        do {
            recorded = try JSONDecoder().decode(NetworkParameters.self, from: JSONSerialization.data(withJSONObject: parameters))
        } catch {
            throw InputError(file: file.path, keyPath: "net_params", decodingError: error)
                ?? InputError(file: file.path, field: "net_params", "cannot be read as network parameters (\(InputError.reason(error)))")
        }
        try recorded.validate(source: file.path)
        return recorded
    }
}
