import Foundation
import Yams

/// An experiment file in YAML or JSON (JSON is read as YAML) that overrides defaults, like the
/// original's `experiments/*.py`: sections `net_params` (NetworkParameters' keys, nested, only
/// what differs), `sim_params` (simulation parameters) and `ana_params` (analysis). Keys are the
/// original's; an unknown key or a value of the wrong kind is an error naming the file and key.
///
/// ```yaml
/// net_params:
///   N_scaling: 0.006
///   K_scaling: 0.006
///   scaling_factors_recurrent: {cc_scalingEtoE: 2.5, cc_scalingEtoI: 5.0}
/// sim_params:
///   t_sim: 2000.0
///   master_seed: 2903
/// ```
public struct ExperimentFile: Sendable {
    public static let sections = ["net_params", "sim_params", "ana_params"]
    /// The original's top-level network keys that humam groups under `downscaling`.
    static let networkAliases = ["N_scaling": "N_scaling", "K_scaling": "K_scaling", "scaling_type": "scaling_type"]

    public let path: String
    /// JSON-compatible content per section.
    let content: [String: [String: JSONValue]]
    /// `net_params.fullscale_rates`, a path relative to the experiment file, if given.
    public let fullscaleRatesPath: String?

    public init(contentsOf url: URL) throws(InputError) {
        path = url.path
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw InputError(file: url.path, "cannot be read (\(error.localizedDescription))")
        }
        let tree: Any?
        do { tree = try Yams.load(yaml: text) } catch {
            throw InputError(file: url.path, "is not valid YAML or JSON: \(error)")
        }
        guard let root = tree as? [String: Any] else {
            throw InputError(file: url.path, "must be a mapping with sections \(Self.sections.joined(separator: ", "))")
        }
        var content: [String: [String: JSONValue]] = [:]
        for (key, value) in root {
            guard Self.sections.contains(key) else {
                throw InputError(file: url.path, field: key, "unknown section; expected one of \(Self.sections.joined(separator: ", "))")
            }
            guard case .object(let section) = try JSONValue(yaml: value, file: url.path, key: key) else {
                throw InputError(file: url.path, field: key, "must be a mapping of parameters")
            }
            content[key] = section
        }
        var network = content["net_params"] ?? [:]
        if case .string(let rates)? = network.removeValue(forKey: "fullscale_rates") {
            fullscaleRatesPath = URL(fileURLWithPath: rates, relativeTo: url.deletingLastPathComponent()).path
        } else {
            fullscaleRatesPath = nil
        }
        var downscaling: [String: JSONValue] = [:]
        if case .object(let nested)? = network["downscaling"] { downscaling = nested }
        for key in Self.networkAliases.keys {
            if let value = network.removeValue(forKey: key) { downscaling[key] = value }
        }
        if !downscaling.isEmpty { network["downscaling"] = .object(downscaling) }
        content["net_params"] = network
        self.content = content
    }

    /// `defaults` with the overrides of `section` applied.
    public func apply<Parameters: Codable>(section: String, to defaults: Parameters) throws(InputError) -> Parameters {
        guard let overrides = content[section], !overrides.isEmpty else { return defaults }
        do {
            let base = try JSONValue(decoding: JSONEncoder().encode(defaults))
            let merged = try base.merging(.object(overrides), keyPath: section, file: path)
            return try JSONDecoder().decode(Parameters.self, from: merged.encoded())
        } catch let error as InputError {
            throw error
        } catch DecodingError.dataCorrupted(let context) {
            let key = ([section] + context.codingPath.map(\.stringValue)).joined(separator: ".")
            throw InputError(file: path, field: key, "invalid value (\(context.debugDescription))")
        } catch {
            throw InputError(file: path, field: section, "cannot be applied: \(error)")
        }
    }

    /// Whether the experiment sets N_scaling or K_scaling.
    public var setsScaling: Bool {
        guard case .object(let downscaling)? = content["net_params"]?["downscaling"] else { return false }
        return downscaling["N_scaling"] != nil || downscaling["K_scaling"] != nil
    }

    public func networkParameters(defaults: NetworkParameters = NetworkParameters()) throws(InputError) -> NetworkParameters {
        try apply(section: "net_params", to: defaults)
    }
}

/// A JSON value, for merging overrides into encoded defaults.
enum JSONValue: Equatable, Sendable {
    case number(Double), string(String), bool(Bool), object([String: JSONValue]), array([JSONValue]), null

    /// From JSON text, read as YAML so that numbers, booleans and text keep their kinds.
    init(decoding data: Data) throws {
        try self.init(yaml: Yams.load(yaml: String(decoding: data, as: UTF8.self)) as Any, file: "defaults", key: "")
    }

    /// From Yams' `load` output.
    init(yaml: Any, file: String, key: String) throws(InputError) {
        switch yaml {
        case let value as Bool: self = .bool(value)
        case let value as Int: self = .number(Double(value))
        case let value as Double: self = .number(value)
        case let value as String: self = .string(value)
        case let value as [String: Any]:
            var object: [String: JSONValue] = [:]
            for (child, item) in value { object[child] = try JSONValue(yaml: item, file: file, key: "\(key).\(child)") }
            self = .object(object)
        case let value as [Any]:
            var array: [JSONValue] = []
            for item in value { array.append(try JSONValue(yaml: item, file: file, key: key)) }
            self = .array(array)
        default: self = .null
        }
    }

    /// `self` with `overrides` applied; every override key must exist in `self` with a value of
    /// the same kind. Mappings merge key by key; numbers, text, booleans and lists are replaced.
    func merging(_ overrides: JSONValue, keyPath: String, file: String) throws(InputError) -> JSONValue {
        switch (self, overrides) {
        case (.object(var base), .object(let changes)):
            for (key, change) in changes {
                guard let current = base[key] else {
                    throw InputError(file: file, field: "\(keyPath).\(key)",
                                     "unknown key; expected one of \(base.keys.sorted().joined(separator: ", "))")
                }
                base[key] = try current.merging(change, keyPath: "\(keyPath).\(key)", file: file)
            }
            return .object(base)
        case (.number, .number), (.string, .string), (.bool, .bool), (.array, .array):
            // A list (e.g. sim_params.single_spike) is replaced as a whole.
            return overrides
        default:
            throw InputError(file: file, field: keyPath, "has the wrong kind of value; expected \(kindName)")
        }
    }

    private var kindName: String {
        switch self {
        case .number: "a number"
        case .string: "text"
        case .bool: "true or false"
        case .object: "a mapping"
        case .array: "a list"
        case .null: "null"
        }
    }

    private var jsonObject: Any {
        switch self {
        case .number(let value): value
        case .string(let value): value
        case .bool(let value): value
        case .object(let value): value.mapValues(\.jsonObject)
        case .array(let value): value.map(\.jsonObject)
        case .null: NSNull()
        }
    }

    func encoded() throws -> Data { try JSONSerialization.data(withJSONObject: jsonObject) }
}
