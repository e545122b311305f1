/// One or more line series over a shared x axis, e.g. area rates or currents over time.
public struct LineFigure: Figure {
    public struct Series: Sendable {
        public var label: String
        public var x: [Double]
        public var y: [Double]
        public var color: String

        public init(label: String, x: [Double], y: [Double], color: String = "#000000") {
            precondition(x.count == y.count)
            self.label = label
            self.x = x
            self.y = y
            self.color = color
        }
    }

    public var series: [Series]
    public var axes: PlotAxes

    public init(series: [Series], xLabel: String, yLabel: String, title: String,
                xRange: ClosedRange<Double>? = nil, yRange: ClosedRange<Double>? = nil,
                plotWidth: Double = 420, plotHeight: Double = 220) {
        self.series = series
        self.axes = PlotAxes(x: xRange ?? PlotAxes.range(of: series.flatMap(\.x), margin: 0),
                             y: yRange ?? PlotAxes.range(of: series.flatMap(\.y)),
                             xLabel: xLabel, yLabel: yLabel, title: title, plotWidth: plotWidth, plotHeight: plotHeight)
        if series.count > 1 { axes.right = 16 + (series.map { textWidth($0.label, size: 10) }.max() ?? 0) + 24 }
    }

    public var width: Double { axes.width }
    public var height: Double { axes.height }

    public func draw(into document: inout SVGDocument) {
        axes.drawFrame(into: &document)
        for (index, line) in series.enumerated() {
            let points = zip(line.x, line.y).filter { $0.0.isFinite && $0.1.isFinite
                && axes.x.contains($0.0) }.map { (axes.px($0.0), axes.py(min(max($0.1, axes.y.lowerBound), axes.y.upperBound))) }
            document.polyline(points, stroke: line.color, width: 1)
            if series.count > 1 {
                let y = axes.top + 10 + Double(index) * 14
                let x = axes.left + axes.plotWidth + 8
                document.line(x1: x, y1: y, x2: x + 16, y2: y, stroke: line.color, width: 2)
                document.text(line.label, x: x + 20, y: y, size: 10, baseline: "central")
            }
        }
    }
}
