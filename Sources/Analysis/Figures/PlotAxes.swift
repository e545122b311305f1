import Foundation

/// A rectangular x–y plotting area with ticks, axis labels and a title; the shared frame of the
/// scatter, line, raster and box figures.
public struct PlotAxes: Sendable {
    public var x: ClosedRange<Double>
    public var y: ClosedRange<Double>
    public var xLabel: String
    public var yLabel: String
    public var title: String
    public var plotWidth: Double
    public var plotHeight: Double
    /// Left margin, wide enough for the y tick labels.
    public var left: Double = 62
    public var top: Double = 30
    public var bottom: Double = 44
    public var right: Double = 16
    /// Custom y ticks (position, label) replacing the numeric ones (e.g. population names).
    public var yTickLabels: [(Double, String)]?
    /// Both axes hold log10 values: ticks at whole decades, labelled with the value itself (0.1, 1, 10).
    public var logarithmic = false

    public init(x: ClosedRange<Double>, y: ClosedRange<Double>, xLabel: String, yLabel: String, title: String,
                plotWidth: Double = 360, plotHeight: Double = 260) {
        self.x = x.lowerBound == x.upperBound ? (x.lowerBound - 0.5)...(x.upperBound + 0.5) : x
        self.y = y.lowerBound == y.upperBound ? (y.lowerBound - 0.5)...(y.upperBound + 0.5) : y
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.title = title
        self.plotWidth = plotWidth
        self.plotHeight = plotHeight
    }

    public var width: Double { left + plotWidth + right }
    public var height: Double { top + plotHeight + bottom }

    public func px(_ value: Double) -> Double {
        left + (value - x.lowerBound) / (x.upperBound - x.lowerBound) * plotWidth
    }

    public func py(_ value: Double) -> Double {
        top + (1 - (value - y.lowerBound) / (y.upperBound - y.lowerBound)) * plotHeight
    }

    public func drawFrame(into document: inout SVGDocument) {
        document.rect(x: left, y: top, width: plotWidth, height: plotHeight, fill: "none", stroke: "#000", strokeWidth: 0.8)
        for (tick, label) in ticks(x) {
            document.line(x1: px(tick), y1: top + plotHeight, x2: px(tick), y2: top + plotHeight + 4, width: 0.8)
            document.text(label, x: px(tick), y: top + plotHeight + 15, size: 10, anchor: "middle")
        }
        let yTicks = yTickLabels ?? ticks(y)
        for (tick, label) in yTicks {
            document.line(x1: left - 4, y1: py(tick), x2: left, y2: py(tick), width: 0.8)
            document.text(label, x: left - 6, y: py(tick), size: 10, anchor: "end", baseline: "central")
        }
        document.text(xLabel, x: left + plotWidth / 2, y: top + plotHeight + 34, size: 11, anchor: "middle")
        document.text(yLabel, x: 12, y: top + plotHeight / 2, size: 11, anchor: "middle", rotation: -90)
        if !title.isEmpty {
            document.text(title, x: left + plotWidth / 2, y: 18, size: 13, anchor: "middle", weight: "bold")
        }
    }

    /// Tick positions and labels of an axis range: round values, or whole decades when logarithmic.
    func ticks(_ range: ClosedRange<Double>) -> [(Double, String)] {
        guard logarithmic else { return AxisTicks.values(low: range.lowerBound, high: range.upperBound).map { ($0, AxisTicks.label($0)) } }
        let decades = Int(range.lowerBound.rounded(.up))...Int(range.upperBound.rounded(.down))
        return decades.map { (Double($0), AxisTicks.label(pow(10, Double($0)))) }
    }

    /// The finite range of `values` padded by `margin` of its width.
    public static func range(of values: [Double], margin: Double = 0.05) -> ClosedRange<Double> {
        let finite = values.filter(\.isFinite)
        guard let low = finite.min(), let high = finite.max() else { return 0...1 }
        let pad = (high - low) * margin
        return (low - pad)...(high + pad)
    }
}
