import Foundation

/// A labelled heatmap with a colour bar, e.g. an FC matrix or rates of areas × populations.
/// NaN cells are drawn in `missingFill`, with an "X" when `markMissing` (the notebook marks
/// populations without neurons so).
public struct HeatmapFigure: Figure {
    /// Row-major values, `rowLabels.count × columnLabels.count`.
    public var values: [Double]
    public var rowLabels: [String]
    /// Column labels; empty strings are skipped (e.g. to label every 100th time bin only).
    public var columnLabels: [String]
    public var title: String
    public var colorScale: ColorScale
    /// Value range of the colour scale; default the finite min … max.
    public var range: ClosedRange<Double>?
    public var colorBarLabel: String
    public var xLabel: String
    public var yLabel: String
    public var cellWidth: Double
    public var cellHeight: Double
    /// Draw an "X" in NaN cells.
    public var markMissing: Bool
    /// Fill of NaN cells.
    public var missingFill = "#ffffff"
    /// Networks of a square matrix ordered by group (e.g. resting-state networks): separator
    /// lines before each group and its name above its columns.
    public var groups: [RestingStateNetworks.Ordering.Group] = []

    public init(matrix: [[Double]], rowLabels: [String], columnLabels: [String], title: String,
                colorScale: ColorScale = .viridis, range: ClosedRange<Double>? = nil, colorBarLabel: String = "",
                xLabel: String = "", yLabel: String = "", cellWidth: Double? = nil, cellHeight: Double? = nil,
                markMissing: Bool = true) {
        precondition(matrix.count == rowLabels.count && matrix.allSatisfy { $0.count == columnLabels.count })
        self.init(values: matrix.flatMap { $0 }, rowLabels: rowLabels, columnLabels: columnLabels, title: title,
                  colorScale: colorScale, range: range, colorBarLabel: colorBarLabel, xLabel: xLabel, yLabel: yLabel,
                  cellWidth: cellWidth, cellHeight: cellHeight, markMissing: markMissing)
    }

    public init(values: [Double], rowLabels: [String], columnLabels: [String], title: String,
                colorScale: ColorScale = .viridis, range: ClosedRange<Double>? = nil, colorBarLabel: String = "",
                xLabel: String = "", yLabel: String = "", cellWidth: Double? = nil, cellHeight: Double? = nil,
                markMissing: Bool = true) {
        precondition(values.count == rowLabels.count * columnLabels.count)
        self.values = values
        self.rowLabels = rowLabels
        self.columnLabels = columnLabels
        self.title = title
        self.colorScale = colorScale
        self.range = range
        self.colorBarLabel = colorBarLabel
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.cellWidth = cellWidth ?? max(1, min(16, 600 / Double(max(columnLabels.count, 1))))
        self.cellHeight = cellHeight ?? max(1, min(16, 500 / Double(max(rowLabels.count, 1))))
        self.markMissing = markMissing
    }

    /// An FC matrix with areas on both axes, in resting-state-network order (alphabetical when the
    /// areas are not the 34 of the model), on a diverging blue–white–red scale centred at 0 with
    /// limits ± the largest |off-diagonal| value; the diagonal (1 by definition) is grey, so it
    /// does not set the scale.
    public init(connectivity: FunctionalConnectivity, title: String) {
        let ordering = RestingStateNetworks.ordering(of: connectivity.areas)
        var ordered = connectivity.reordered(ordering.areas)
        let count = ordered.areas.count
        for index in 0..<count { ordered.matrix[index * count + index] = .nan }
        let limit = ordered.matrix.filter(\.isFinite).map(abs).max() ?? 0
        self.init(values: ordered.matrix, rowLabels: ordered.areas, columnLabels: ordered.areas, title: title,
                  colorScale: .redBlueReversed, range: limit > 0 ? -limit...limit : -1...1,
                  colorBarLabel: "Correlation (diagonal grey)", cellWidth: 12, cellHeight: 12, markMissing: false)
        missingFill = "#bdbdbd"
        groups = ordering.groups
    }

    private let fontSize = 10.0
    /// Wide enough for the row labels and for the first column labels, which run down-left at 45°.
    private var left: Double {
        let rows = (yLabel.isEmpty ? 0 : 18) + (rowLabels.map { textWidth($0, size: fontSize) }.max() ?? 0) + 8
        let columns = columnLabels.prefix(4).enumerated().map { textWidth($0.element, size: fontSize) * 0.71 - Double($0.offset) * cellWidth }.max() ?? 0
        return max(rows, columns + 6)
    }
    private var top: Double { (title.isEmpty ? 10 : 30) + (groups.isEmpty ? 0 : 14) }
    private var bottom: Double { (columnLabels.map { textWidth($0, size: fontSize) }.max() ?? 0) * 0.71 + 16 + (xLabel.isEmpty ? 0 : 18) }
    private var plotWidth: Double { cellWidth * Double(columnLabels.count) }
    private var plotHeight: Double { cellHeight * Double(rowLabels.count) }
    public var width: Double { left + plotWidth + 90 }
    public var height: Double { max(top + plotHeight + bottom, top + 160) }

    /// The colour range: `range` or the finite data range.
    public var effectiveRange: ClosedRange<Double> {
        if let range { return range }
        let finite = values.filter(\.isFinite)
        guard let low = finite.min(), let high = finite.max() else { return 0...1 }
        return low == high ? (low - 0.5)...(high + 0.5) : low...high
    }

    public func draw(into document: inout SVGDocument) {
        let range = effectiveRange
        let columns = columnLabels.count
        if !title.isEmpty {
            document.text(title, x: left + plotWidth / 2, y: 18, size: 13, anchor: "middle", weight: "bold")
        }
        for row in rowLabels.indices {
            for column in 0..<columns {
                let value = values[row * columns + column]
                let x = left + Double(column) * cellWidth
                let y = top + Double(row) * cellHeight
                if value.isNaN {
                    document.rect(x: x, y: y, width: cellWidth + 0.3, height: cellHeight + 0.3, fill: missingFill)
                    if markMissing {
                        document.text("X", x: x + cellWidth / 2, y: y + cellHeight / 2, size: min(cellWidth, cellHeight) * 0.8,
                                      anchor: "middle", weight: "bold", baseline: "central")
                    }
                } else {
                    // Cells overlap by a hair so that no seams show in the PNG.
                    document.rect(x: x, y: y, width: cellWidth + 0.3, height: cellHeight + 0.3,
                                  fill: colorScale.hex(for: value, low: range.lowerBound, high: range.upperBound))
                }
            }
        }
        document.rect(x: left, y: top, width: plotWidth, height: plotHeight, fill: "none", stroke: "#000", strokeWidth: 0.8)
        drawGroups(into: &document)
        let rowStride = max(1, Int((fontSize + 1) / cellHeight))
        for (row, label) in rowLabels.enumerated() where row % rowStride == 0 && !label.isEmpty {
            document.text(label, x: left - 4, y: top + (Double(row) + 0.5) * cellHeight, size: fontSize, anchor: "end", baseline: "central")
        }
        let columnStride = max(1, Int((fontSize + 1) / cellWidth))
        for (column, label) in columnLabels.enumerated() where (column % columnStride == 0 || cellWidth < 2) && !label.isEmpty {
            let x = left + (Double(column) + 0.5) * cellWidth
            document.line(x1: x, y1: top + plotHeight, x2: x, y2: top + plotHeight + 3, width: 0.6)
            document.text(label, x: x, y: top + plotHeight + 8, size: fontSize, anchor: "end", rotation: -45, baseline: "central")
        }
        if !xLabel.isEmpty {
            document.text(xLabel, x: left + plotWidth / 2, y: height - 6, size: 11, anchor: "middle")
        }
        if !yLabel.isEmpty {
            document.text(yLabel, x: 12, y: top + plotHeight / 2, size: 11, anchor: "middle", rotation: -90)
        }
        drawColorBar(into: &document, range: range)
    }

    private func drawGroups(into document: inout SVGDocument) {
        for (index, group) in groups.enumerated() {
            let end = index + 1 < groups.count ? groups[index + 1].start : columnLabels.count
            if group.start > 0 {
                let x = left + Double(group.start) * cellWidth, y = top + Double(group.start) * cellHeight
                document.line(x1: x, y1: top, x2: x, y2: top + plotHeight, width: 0.8)
                document.line(x1: left, y1: y, x2: left + plotWidth, y2: y, width: 0.8)
            }
            document.text(group.name, x: left + Double(group.start + end) / 2 * cellWidth, y: top - 4, size: 8, anchor: "middle")
        }
    }

    /// Colour bar ticks: round values, at least four labels (the ends are added when the round
    /// values are fewer).
    static func colorBarTicks(_ range: ClosedRange<Double>) -> [Double] {
        let ticks = AxisTicks.values(low: range.lowerBound, high: range.upperBound, count: 6)
        guard ticks.count < 4 else { return ticks }
        return ([range.lowerBound] + ticks + [range.upperBound]).sorted().reduce(into: []) { unique, tick in
            if unique.last.map({ abs($0 - tick) > 1e-12 * (range.upperBound - range.lowerBound) }) ?? true { unique.append(tick) }
        }
    }

    private func drawColorBar(into document: inout SVGDocument, range: ClosedRange<Double>) {
        let x = left + plotWidth + 14
        let barHeight = max(plotHeight, 150)
        let steps = 64
        for step in 0..<steps {
            let fraction = Double(step) / Double(steps - 1)
            document.rect(x: x, y: top + barHeight * (1 - Double(step + 1) / Double(steps)), width: 12,
                          height: barHeight / Double(steps) + 0.3, fill: colorScale.hex(at: fraction))
        }
        document.rect(x: x, y: top, width: 12, height: barHeight, fill: "none", stroke: "#000", strokeWidth: 0.6)
        for tick in Self.colorBarTicks(range) {
            let y = top + barHeight * (1 - (tick - range.lowerBound) / (range.upperBound - range.lowerBound))
            document.line(x1: x + 12, y1: y, x2: x + 15, y2: y, width: 0.6)
            document.text(AxisTicks.label(tick), x: x + 17, y: y, size: fontSize, baseline: "central")
        }
        if !colorBarLabel.isEmpty {
            document.text(colorBarLabel, x: x + 62, y: top + barHeight / 2, size: 11, anchor: "middle", rotation: 90)
        }
    }
}
