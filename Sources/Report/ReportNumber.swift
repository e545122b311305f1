import Foundation

/// How the report prints numbers: integers with thousands separators, other values with four
/// significant digits, and NaN — a statistic without data — as "undefined", never as 0.
public enum ReportNumber {
    public static func text(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "undefined" : (value > 0 ? "inf" : "-inf") }
        if value == value.rounded() && abs(value) < 1e15 { return text(Int(value)) }
        return abs(value) >= 1e4 ? text(Int(value.rounded())) : String(format: "%.4g", value)
    }

    public static func text(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { grouped += "," }
            grouped.append(digit)
        }
        return (value < 0 ? "-" : "") + grouped
    }
}
