import Foundation

/// Horizontal box plots, one per category (e.g. a statistic of one layer/population over all
/// areas, as the original's `plot_raster_statistics` panels D–F): box = quartiles, line = median,
/// whiskers = furthest points within 1.5 IQR (seaborn's default), outliers as dots.
public struct BoxPlotFigure: Figure {
    public var labels: [String]
    /// Samples per category; NaN values are ignored.
    public var samples: [[Double]]
    public var colors: [String]
    public var axes: PlotAxes

    public init(labels: [String], samples: [[Double]], colors: [String], xLabel: String, title: String,
                xRange: ClosedRange<Double>? = nil) {
        precondition(labels.count == samples.count && !colors.isEmpty)
        self.labels = labels
        self.samples = samples.map { $0.filter(\.isFinite).sorted() }
        self.colors = colors
        let all = self.samples.flatMap { $0 }
        axes = PlotAxes(x: xRange ?? PlotAxes.range(of: all), y: 0...Double(max(labels.count, 1)), xLabel: xLabel,
                        yLabel: "", title: title, plotWidth: 320, plotHeight: Double(labels.count) * 22)
        axes.left = 16 + (labels.map { textWidth($0, size: 10) }.max() ?? 0)
        axes.yTickLabels = labels.enumerated().map { (Double(labels.count) - Double($0.offset) - 0.5, $0.element) }
    }

    public var width: Double { axes.width }
    public var height: Double { axes.height }

    /// Linear-interpolation percentile of sorted values (numpy's default).
    public static func percentile(_ sorted: [Double], _ q: Double) -> Double {
        let position = q * Double(sorted.count - 1)
        let lower = Int(position)
        let upper = min(lower + 1, sorted.count - 1)
        return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - Double(lower))
    }

    public func draw(into document: inout SVGDocument) {
        axes.drawFrame(into: &document)
        for (index, values) in samples.enumerated() where !values.isEmpty {
            let centre = axes.py(Double(labels.count) - Double(index) - 0.5)
            let q1 = Self.percentile(values, 0.25), median = Self.percentile(values, 0.5), q3 = Self.percentile(values, 0.75)
            let iqr = q3 - q1
            let low = values.first { $0 >= q1 - 1.5 * iqr } ?? q1
            let high = values.last { $0 <= q3 + 1.5 * iqr } ?? q3
            let color = colors[index % colors.count]
            document.line(x1: axes.px(low), y1: centre, x2: axes.px(q1), y2: centre)
            document.line(x1: axes.px(q3), y1: centre, x2: axes.px(high), y2: centre)
            document.rect(x: axes.px(q1), y: centre - 7, width: max(axes.px(q3) - axes.px(q1), 0.5), height: 14,
                          fill: color, stroke: "#000", strokeWidth: 0.8)
            document.line(x1: axes.px(median), y1: centre - 7, x2: axes.px(median), y2: centre + 7, width: 1.5)
            for value in values where value < low || value > high {
                document.circle(x: axes.px(value), y: centre, radius: 1.5, fill: "#000")
            }
        }
    }
}
