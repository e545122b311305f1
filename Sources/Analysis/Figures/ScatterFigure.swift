/// Points (x, y), optionally with the identity line, e.g. simulated vs experimental FC pairs.
public struct ScatterFigure: Figure {
    public var x: [Double]
    public var y: [Double]
    public var axes: PlotAxes
    public var color: String
    public var pointRadius: Double
    public var identityLine: Bool
    /// Text in the upper-left corner (e.g. "r = 0.41").
    public var annotation: String

    public init(x: [Double], y: [Double], xLabel: String, yLabel: String, title: String, color: String = "#1f77b4",
                pointRadius: Double = 2, identityLine: Bool = false, annotation: String = "",
                xRange: ClosedRange<Double>? = nil, yRange: ClosedRange<Double>? = nil) {
        precondition(x.count == y.count)
        self.x = x
        self.y = y
        self.axes = PlotAxes(x: xRange ?? PlotAxes.range(of: x), y: yRange ?? PlotAxes.range(of: y),
                             xLabel: xLabel, yLabel: yLabel, title: title, plotWidth: 300, plotHeight: 300)
        self.color = color
        self.pointRadius = pointRadius
        self.identityLine = identityLine
        self.annotation = annotation
    }

    public var width: Double { axes.width }
    public var height: Double { axes.height }

    public func draw(into document: inout SVGDocument) {
        axes.drawFrame(into: &document)
        if identityLine {
            let low = max(axes.x.lowerBound, axes.y.lowerBound)
            let high = min(axes.x.upperBound, axes.y.upperBound)
            if high > low {
                document.line(x1: axes.px(low), y1: axes.py(low), x2: axes.px(high), y2: axes.py(high),
                              stroke: "#888", width: 0.8, dash: "4 3")
            }
        }
        for (a, b) in zip(x, y) where a.isFinite && b.isFinite {
            document.circle(x: axes.px(a), y: axes.py(b), radius: pointRadius, fill: color, opacity: 0.6)
        }
        if !annotation.isEmpty {
            document.text(annotation, x: axes.left + 6, y: axes.top + 14, size: 11)
        }
    }
}
