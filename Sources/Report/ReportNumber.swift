import Foundation

/// How the report prints numbers: integers with thousands separators, other values with four
/// significant digits, and NaN — a statistic without data — as "undefined", never as 0.
public enum ReportNumber {
    public static func text(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "undefined" : (value > 0 ? "inf" : "-inf") }
        // Integers only below 1e15, where they are exact and fit an Int (1e308 from a user's file
        // would not); larger values with four significant digits.
        guard abs(value) < 1e15 else { return String(format: "%.4g", value) }
        if value == value.rounded() { return text(Int(value)) }
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
