import Foundation

/// "Nice" axis ticks (1, 2, 5 × 10^k steps) and their labels.
public enum AxisTicks {
    /// About `count` round values covering `low … high`.
    public static func values(low: Double, high: Double, count: Int = 5) -> [Double] {
        guard high > low, low.isFinite, high.isFinite else { return low.isFinite ? [low] : [] }
        let rough = (high - low) / Double(max(count, 1))
        let magnitude = pow(10, floor(log10(rough)))
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= rough } ?? 10 * magnitude
        var ticks: [Double] = []
        var tick = (low / step).rounded(.up) * step
        while tick <= high + step * 1e-9 {
            ticks.append(abs(tick) < step * 1e-9 ? 0 : tick)
            tick += step
        }
        return ticks
    }

    /// A short label: integers without decimals, otherwise up to 3 significant digits.
    public static func label(_ value: Double) -> String {
        if value == value.rounded() && abs(value) < 1e9 { return String(Int(value)) }
        return String(format: "%.3g", value)
    }
}

/// Approximate text width for layout (no font metrics in a plain SVG writer), px.
func textWidth(_ string: String, size: Double) -> Double { Double(string.count) * size * 0.6 }
