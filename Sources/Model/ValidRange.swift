import Foundation

/// The physically valid range of an input value, e.g. `0 ≤ x ≤ 1` or `x > 0 neurons/mm³`.
/// `check` turns a value outside it (or NaN, or ±∞) into an `InputError` naming where the value
/// came from and the range; every input table and rates file is checked with it.
public struct ValidRange: Sendable, CustomStringConvertible {
    public var lower: Double
    public var lowerInclusive: Bool
    public var upper: Double
    public var upperInclusive: Bool
    /// Unit written after the range ("mm", "Hz"), or empty.
    public var unit: String

    public init(lower: Double = -.infinity, lowerInclusive: Bool = true, upper: Double = .infinity,
                upperInclusive: Bool = true, unit: String = "") {
        self.lower = lower
        self.lowerInclusive = lowerInclusive
        self.upper = upper
        self.upperInclusive = upperInclusive
        self.unit = unit
    }

    /// lower ≤ x ≤ upper.
    public static func closed(_ lower: Double, _ upper: Double, unit: String = "") -> ValidRange {
        ValidRange(lower: lower, upper: upper, unit: unit)
    }

    /// lower < x ≤ upper.
    public static func positive(upTo upper: Double, unit: String = "") -> ValidRange {
        ValidRange(lower: 0, lowerInclusive: false, upper: upper, unit: unit)
    }

    /// Finite and in the range.
    public func contains(_ value: Double) -> Bool {
        value.isFinite
            && (lowerInclusive ? value >= lower : value > lower)
            && (upperInclusive ? value <= upper : value < upper)
    }

    public var description: String {
        if !lower.isFinite && !upper.isFinite { return unit.isEmpty ? "a finite number" : "a finite number of \(unit)" }
        var text = ""
        if lower.isFinite { text += "\(Self.format(lower)) \(lowerInclusive ? "≤" : "<") " }
        text += "x"
        if upper.isFinite { text += " \(upperInclusive ? "≤" : "<") \(Self.format(upper))" }
        return unit.isEmpty ? text : "\(text) \(unit)"
    }

    /// `value` if it lies in the range, else an error at `file:line: field` (or, without a
    /// file, naming `field` alone, e.g. a configuration key).
    @discardableResult
    public func check(_ value: Double, file: String?, line: Int? = nil, field: String? = nil) throws(InputError) -> Double {
        guard contains(value) else {
            let message = "\(value) is outside the valid range; expected \(self)"
            if let file { throw InputError(file: file, line: line, field: field, message) }
            throw InputError("\(field.map { "\($0) = " } ?? "")\(message)")
        }
        return value
    }

    /// Integers below 1e5 without a decimal point, powers of ten from 1e5 as `1e6`.
    private static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e5 { return String(Int(value)) }
        let exponent = log10(abs(value)).rounded()
        if abs(value) == pow(10, exponent) { return "\(value < 0 ? "-" : "")1e\(Int(exponent))" }
        return "\(value)"
    }
}

/// `value` rounded half to even (numpy's `np.round`) as a neuron or synapse count. Checked
/// input tables give finite counts ≥ 0; a NaN, infinite or negative value can only come from
/// tables that are inconsistent with each other, and is an error naming `what` (instead of the
/// trap of `Int(Double.nan)`).
func roundedCount(_ value: Double, _ what: () -> String) throws(InputError) -> Int {
    guard value.isFinite, value > -0.5, value < 0x1p62 else {
        throw InputError("\(what()) comes out as \(value) from the input tables; expected a count ≥ 0. Check the tables it is computed from (notebooks-data/README.md, \"How HuMAM uses it\")")
    }
    return Int(value.rounded(.toNearestOrEven))
}
