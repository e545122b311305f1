import Foundation
import Yams

/// An experiment file in YAML or JSON (JSON is read as YAML) that overrides defaults, like the
/// original's `experiments/*.py`: sections `net_params` (NetworkParameters' keys, nested, only
/// what differs) and `sim_params` (simulation parameters). Keys are the original's; an unknown
/// key, a value of the wrong kind or out of range is an error naming the file and key. The
/// original's `ana_params` are not used by humam (its analysis takes command-line options), so
/// a non-empty `ana_params` is an error rather than silently ignored.
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
            throw InputError(file: url.path, "cannot be read (\(InputError.reason(error)))")
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
            if key == "ana_params", let first = section.keys.sorted().first {
                throw InputError(file: url.path, field: "ana_params.\(first)",
                                 "ana_params are not used by humam: give analysis settings as options of humam analyze and humam fc (--t-start, --t-stop, --refractory-period, …); remove the section")
            }
            content[key] = section
        }
        var network = content["net_params"] ?? [:]
        switch network.removeValue(forKey: "fullscale_rates") {
        case .string(let rates)?:
            fullscaleRatesPath = URL(fileURLWithPath: rates, relativeTo: url.deletingLastPathComponent()).path
        case nil:
            fullscaleRatesPath = nil
        case let other?:
            throw InputError(file: url.path, field: "net_params.fullscale_rates",
                             "has the wrong kind of value \(other.text); expected the path of a rates CSV file")
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

    /// `defaults` with the overrides of `section` applied. A value the parameters cannot take
    /// is an error naming its key.
    public func apply<Parameters: Codable>(section: String, to defaults: Parameters) throws(InputError) -> Parameters {
        guard let overrides = content[section], !overrides.isEmpty else { return defaults }
        let base: JSONValue
        do { base = try JSONValue(decoding: JSONEncoder().encode(defaults)) } catch {
            preconditionFailure("the defaults of \(section) cannot be encoded: \(error)")
        }
        let merged = try base.merging(.object(overrides), keyPath: section, file: path)
        do {
            return try JSONDecoder().decode(Parameters.self, from: merged.encoded())
        } catch {
            // Decoding errors may carry no key (e.g. −1 for an unsigned seed): find the override
            // responsible by applying them one at a time.
            for (keyPath, override) in JSONValue.object(overrides).leaves(prefix: []) {
                let single = override.nested(under: keyPath)
                do {
                    _ = try JSONDecoder().decode(Parameters.self, from: base.merging(single, keyPath: section, file: path).encoded())
                } catch let failure {
                    throw describe(failure, section: section, keyPath: keyPath, value: override, default: base.value(at: keyPath))
                }
            }
            throw InputError(file: path, field: section, "cannot be applied: \(error)")
        }
    }

    /// A decoding failure of the override at `keyPath` in words.
    private func describe(_ error: any Error, section: String, keyPath: [String], value: JSONValue,
                          default current: JSONValue?) -> InputError {
        let key = ([section] + keyPath).joined(separator: ".")
        if let keyed = InputError(file: path, keyPath: section, decodingError: error) { return keyed }
        var expected = ""
        if case .number(let number)? = current, number >= 0, number == number.rounded() {
            expected = "; expected a whole number ≥ 0"
        }
        return InputError(file: path, field: key, "invalid value \(value.text)\(expected)\(current.map { " (default \($0.text))" } ?? "")")
    }

    /// Whether the experiment sets N_scaling or K_scaling.
    public var setsScaling: Bool {
        guard case .object(let downscaling)? = content["net_params"]?["downscaling"] else { return false }
        return downscaling["N_scaling"] != nil || downscaling["K_scaling"] != nil
    }

    /// The network parameters, range-checked (errors name this file and the key).
    public func networkParameters(defaults: NetworkParameters = NetworkParameters()) throws(InputError) -> NetworkParameters {
        let parameters = try apply(section: "net_params", to: defaults)
        try parameters.validate(source: path)
        return parameters
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

    /// Every non-mapping value with its key path (mappings are descended into).
    func leaves(prefix: [String]) -> [([String], JSONValue)] {
        guard case .object(let object) = self else { return [(prefix, self)] }
        return object.keys.sorted().flatMap { object[$0]!.leaves(prefix: prefix + [$0]) }
    }

    /// `self` inside mappings along `keyPath`.
    func nested(under keyPath: [String]) -> JSONValue {
        keyPath.reversed().reduce(self) { .object([$1: $0]) }
    }

    /// The value at `keyPath`, if there is one.
    func value(at keyPath: [String]) -> JSONValue? {
        var current = self
        for key in keyPath {
            guard case .object(let object) = current, let next = object[key] else { return nil }
            current = next
        }
        return current
    }

    /// The value as written in a file: `-1`, `0.5`, `"text"`, `[…]`.
    var text: String {
        switch self {
        case .number(let value): value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : "\(value)"
        case .string(let value): "\"\(value)\""
        case .bool(let value): "\(value)"
        case .object: "{…}"
        case .array(let values): "[" + values.map(\.text).joined(separator: ", ") + "]"
        case .null: "null"
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

extension InputError {
    /// A `DecodingError` that names where it happened, as an error at that key below `keyPath`
    /// (`sim_params.single_spike[0]`: lacks the key 'pop'; an empty `keyPath` for the top level
    /// of a file); nil for other errors and for ones without a key.
    public init?(file: String, keyPath: String, decodingError: any Error) {
        func field(_ context: DecodingError.Context) -> String {
            let path = keyPath + context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return keyPath.isEmpty && path.hasPrefix(".") ? String(path.dropFirst()) : path
        }
        func kind(_ type: Any.Type) -> String {
            let name = "\(type)"
            if name.hasPrefix("Dictionary") { return "a mapping" }
            if name.hasPrefix("Array") { return "a list" }
            if name == "String" { return "text" }
            if name == "Bool" { return "true or false" }
            return "a number"
        }
        switch decodingError {
        case DecodingError.keyNotFound(let key, let context):
            self.init(file: file, field: field(context), "lacks the key '\(key.stringValue)'")
        case DecodingError.typeMismatch(let type, let context) where !context.codingPath.isEmpty,
             DecodingError.valueNotFound(let type, let context) where !context.codingPath.isEmpty:
            self.init(file: file, field: field(context), "has the wrong kind of value; expected \(kind(type))")
        case DecodingError.dataCorrupted(let context) where !context.codingPath.isEmpty:
            self.init(file: file, field: field(context), "invalid value (\(context.debugDescription))")
        default:
            return nil
        }
    }
}
