/// A spike raster: one row per neuron, a short tick per spike, neurons grouped (e.g. by
/// population) with a label and colour per group, first group at the top.
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
    public var axes: PlotAxes

    /// - Parameters: `window`: time range shown, ms (axis in s as the original's rasters).
    public init(groups: [Group], window: ClosedRange<Double>, title: String, plotWidth: Double = 360, plotHeight: Double = 420) {
        self.groups = groups
        let rows = max(groups.map(\.trains.count).reduce(0, +), 1)
        axes = PlotAxes(x: (window.lowerBound / 1000)...(window.upperBound / 1000), y: 0...Double(rows),
                        xLabel: "Time (s)", yLabel: "", title: title, plotWidth: plotWidth, plotHeight: plotHeight)
        var ticks: [(Double, String)] = []
        var row = 0
        for group in groups {
            ticks.append((Double(rows) - Double(row) - Double(group.trains.count) / 2, group.label))
            row += group.trains.count
        }
        axes.yTickLabels = ticks
        axes.left = 20 + (groups.map { textWidth($0.label, size: 10) }.max() ?? 0)
    }

    public var width: Double { axes.width }
    public var height: Double { axes.height }

    public func draw(into document: inout SVGDocument) {
        axes.drawFrame(into: &document)
        let rows = axes.y.upperBound
        let rowHeight = axes.plotHeight / rows
        var row = 0.0
        for group in groups {
            for train in group.trains {
                let y = axes.py(rows - row - 0.5)
                for time in train where axes.x.contains(time / 1000) {
                    let x = axes.px(time / 1000)
                    document.rect(x: x - 0.4, y: y - max(rowHeight, 1) / 2, width: 0.8, height: max(rowHeight, 1), fill: group.color)
                }
                row += 1
            }
        }
    }
}
