/// A spike raster: one row per neuron, a tick per spike, neurons grouped (e.g. by population)
/// with a label and colour per group, first group at the top; a legend names the colours.
public struct RasterFigure: Figure {
    public struct Group: Sendable {
        public var label: String
        public var color: String
        /// Spike times (ms) of each neuron shown, one array per row.
        public var trains: [[Double]]

        public init(label: String, color: String, trains: [[Double]]) {
            self.label = label
            self.color = color
            self.trains = trains
        }
    }

    public var groups: [Group]
    /// Legend entries (label, colour), e.g. excitatory and inhibitory.
    public var legend: [(label: String, color: String)]
    public var axes: PlotAxes
    /// Width of a spike tick, px: wide enough that a single spike of a neuron firing at 0.1 spikes/s shows.
    public static let tickWidth = 1.6
    /// Smallest drawn height of a spike tick, px (rows may be thinner than that).
    public static let minimumTickHeight = 2.0

    /// - Parameters: `window`: time range shown, ms (the axis is in ms, as the rate heatmaps);
    ///   `yLabel`: what the rows are (e.g. how the neurons shown were chosen).
    public init(groups: [Group], window: ClosedRange<Double>, title: String, yLabel: String,
                legend: [(label: String, color: String)] = [], plotWidth: Double = 360, plotHeight: Double = 420) {
        self.groups = groups
        self.legend = legend
        let rows = max(groups.map(\.trains.count).reduce(0, +), 1)
        axes = PlotAxes(x: window, y: 0...Double(rows), xLabel: "Time (ms)", yLabel: yLabel, title: title,
                        plotWidth: plotWidth, plotHeight: plotHeight)
        var ticks: [(Double, String)] = []
        var row = 0
        for group in groups {
            ticks.append((Double(rows) - Double(row) - Double(group.trains.count) / 2, group.label))
            row += group.trains.count
        }
        axes.yTickLabels = ticks
        axes.left = 32 + (groups.map { textWidth($0.label, size: 10) }.max() ?? 0)
        if !legend.isEmpty { axes.right = 28 + (legend.map { textWidth($0.label, size: 10) }.max() ?? 0) }
    }

    public var width: Double { axes.width }
    public var height: Double { axes.height }

    public func draw(into document: inout SVGDocument) {
        axes.drawFrame(into: &document)
        let rows = axes.y.upperBound
        let rowHeight = axes.plotHeight / rows
        let tickHeight = max(rowHeight, Self.minimumTickHeight)
        var row = 0.0
        for group in groups {
            for train in group.trains {
                let y = axes.py(rows - row - 0.5)
                for time in train where axes.x.contains(time) {
                    document.rect(x: axes.px(time) - Self.tickWidth / 2, y: y - tickHeight / 2, width: Self.tickWidth,
                                  height: tickHeight, fill: group.color)
                }
                row += 1
            }
        }
        for (index, entry) in legend.enumerated() {
            let x = axes.left + axes.plotWidth + 8
            let y = axes.top + 8 + Double(index) * 16
            document.rect(x: x, y: y - 5, width: 10, height: 10, fill: entry.color)
            document.text(entry.label, x: x + 14, y: y, size: 10, baseline: "central")
        }
    }
}
