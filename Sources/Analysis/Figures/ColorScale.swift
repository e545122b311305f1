import Foundation

/// A colour map: colours at evenly spaced stops between 0 and 1, interpolated linearly in RGB.
/// The named maps follow matplotlib's (sampled from ColorBrewer / viridis).
public struct ColorScale: Sendable, Equatable {
    public var stops: [(red: Double, green: Double, blue: Double)]

    public init(hexStops: [String]) {
        stops = hexStops.map { hex in
            let value = UInt32(hex.dropFirst(), radix: 16) ?? 0
            return (Double((value >> 16) & 0xFF) / 255, Double((value >> 8) & 0xFF) / 255, Double(value & 0xFF) / 255)
        }
    }

    public static func == (lhs: ColorScale, rhs: ColorScale) -> Bool {
        lhs.stops.count == rhs.stops.count && zip(lhs.stops, rhs.stops).allSatisfy { $0 == $1 }
    }

    /// ColorBrewer YlOrBr (rates; the notebook's heatmaps).
    public static let yellowOrangeBrown = ColorScale(hexStops: [
        "#ffffe5", "#fff7bc", "#fee391", "#fec44f", "#fe9929", "#ec7014", "#cc4c02", "#993404", "#662506"])
    /// ColorBrewer RdBu reversed: blue (negative) through white (0) to red (positive); diverging,
    /// for correlations on a range symmetric about 0.
    public static let redBlueReversed = ColorScale(hexStops: [
        "#053061", "#2166ac", "#4393c3", "#92c5de", "#d1e5f0", "#f7f7f7", "#fddbc7", "#f4a582", "#d6604d", "#b2182b", "#67001f"])
    /// viridis (sequential, perceptually uniform).
    public static let viridis = ColorScale(hexStops: [
        "#440154", "#482878", "#3e4989", "#31688e", "#26828e", "#1f9e89", "#35b779", "#6ece58", "#b5de2b", "#fde725"])

    /// `#rrggbb` for `fraction` in [0, 1] (clamped).
    public func hex(at fraction: Double) -> String {
        let position = min(max(fraction.isNaN ? 0 : fraction, 0), 1) * Double(stops.count - 1)
        let lower = min(Int(position), stops.count - 2)
        let weight = position - Double(lower)
        let a = stops[lower], b = stops[lower + 1]
        func channel(_ x: Double, _ y: Double) -> Int { Int(((x + (y - x) * weight) * 255).rounded()) }
        return String(format: "#%02x%02x%02x", channel(a.red, b.red), channel(a.green, b.green), channel(a.blue, b.blue))
    }

    /// Colour of `value` on the range `low … high`.
    public func hex(for value: Double, low: Double, high: Double) -> String {
        hex(at: high > low ? (value - low) / (high - low) : 0.5)
    }
}
