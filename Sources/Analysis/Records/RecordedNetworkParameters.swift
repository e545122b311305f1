import Foundation
import Model

extension RunFolder {
    /// `net_params` of a humam run's `run.json`, nil when the folder has no such record (e.g. the
    /// original's NEST output).
    public func recordedNetworkParameters() throws(InputError) -> NetworkParameters? {
        let file = url.appendingPathComponent("run.json")
        guard let data = try? Data(contentsOf: file),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let parameters = object["net_params"] else { return nil }
        do {
            return try JSONDecoder().decode(NetworkParameters.self, from: JSONSerialization.data(withJSONObject: parameters))
        } catch {
            throw InputError(file: file.path, field: "net_params", "cannot be read as network parameters (\(error))")
        }
    }
}
