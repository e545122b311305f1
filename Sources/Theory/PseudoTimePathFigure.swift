import Foundation

/// The pseudo-time path of the rates as an SVG heat map — log10(rate) per population (rows)
/// against the samples (columns) — panel A of the original's mean-field figure
/// (`figure_theory.plot_results`: `pcolormesh(np.log10(rates).T, cmap='cividis')`).
/// Colours: 64 levels of a five-anchor approximation of matplotlib's cividis; rates of 0 get the
/// lowest colour. Equal neighbouring cells of a row are merged into one rectangle.
public struct PseudoTimePathFigure: Sendable {
    /// Rates per sample (outer) and population (inner), Hz.
    public var samples: [[Double]]
    /// Pseudo-time of the last sample (for the axis label).
    public var endTime: Double

    public init(samples: [[Double]], endTime: Double) {
        self.samples = samples
        self.endTime = endTime
    }

    static let anchors: [(Double, Double, Double)] = [(0, 32, 77), (65, 77, 107), (124, 123, 120),
                                                      (187, 175, 113), (255, 234, 70)]
    static let levels = 64

    static func color(level: Int) -> String {
        let position = Double(level) / Double(levels - 1) * Double(anchors.count - 1)
        let lower = min(Int(position), anchors.count - 2)
        let fraction = position - Double(lower)
        let (r0, g0, b0) = anchors[lower], (r1, g1, b1) = anchors[lower + 1]
        func mix(_ a: Double, _ b: Double) -> Int { Int((a + (b - a) * fraction).rounded()) }
        return String(format: "#%02x%02x%02x", mix(r0, r1), mix(g0, g1), mix(b0, b1))
    }

    /// Colour range in decades: the finite log10 rates' range, widened to whole decades.
    public var decades: ClosedRange<Double> {
        let logs = samples.flatMap { $0 }.filter { $0 > 0 }.map(log10)
        let low = floor(logs.min() ?? -2), high = ceil(logs.max() ?? 1)
        return low...max(high, low + 1)
    }

    public var svg: String {
        let rows = samples.first?.count ?? 0, columns = samples.count
        let left = 60.0, top = 40.0, width = 400.0, height = 300.0, bar = 14.0
        let cellWidth = width / Double(max(columns, 1)), cellHeight = height / Double(max(rows, 1))
        let range = decades
        func level(_ rate: Double) -> Int {
            guard rate > 0 else { return 0 }
            let fraction = (log10(rate) - range.lowerBound) / (range.upperBound - range.lowerBound)
            return min(Self.levels - 1, max(0, Int(fraction * Double(Self.levels - 1) + 0.5)))
        }
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(left + width + 110))" height="\(Int(top + height + 50))" font-family="sans-serif" font-size="12">
            <rect width="100%" height="100%" fill="white"/>
            <g shape-rendering="crispEdges">

            """
        for row in 0..<rows {
            var column = 0
            while column < columns {
                let current = level(samples[column][row])
                var end = column + 1
                while end < columns && level(samples[end][row]) == current { end += 1 }
                svg += "<rect x=\"\(String(format: "%.2f", left + Double(column) * cellWidth))\" y=\"\(String(format: "%.2f", top + Double(row) * cellHeight))\" width=\"\(String(format: "%.2f", Double(end - column) * cellWidth + 0.01))\" height=\"\(String(format: "%.2f", cellHeight + 0.01))\" fill=\"\(Self.color(level: current))\"/>\n"
                column = end
            }
        }
        // Colour bar with one tick per decade.
        let barLeft = left + width + 20
        for step in 0..<Self.levels {
            let y = top + height - Double(step + 1) * height / Double(Self.levels)
            svg += "<rect x=\"\(barLeft)\" y=\"\(String(format: "%.2f", y))\" width=\"\(bar)\" height=\"\(String(format: "%.2f", height / Double(Self.levels) + 0.01))\" fill=\"\(Self.color(level: step))\"/>\n"
        }
        svg += "</g>\n"
        for decade in Int(range.lowerBound)...Int(range.upperBound) {
            let y = top + height - (Double(decade) - range.lowerBound) / (range.upperBound - range.lowerBound) * height
            svg += "<text x=\"\(barLeft + bar + 4)\" y=\"\(String(format: "%.2f", y))\" dominant-baseline=\"middle\">\(decade)</text>\n"
        }
        svg += """
            <text x="\(barLeft + bar + 40)" y="\(top + height / 2)" text-anchor="middle" transform="rotate(-90 \(barLeft + bar + 40) \(top + height / 2))">log10 rate (spikes/s)</text>
            <text x="\(left + width / 2)" y="\(top - 15)" text-anchor="middle">Theory convergence</text>
            <text x="\(left)" y="\(top + height + 18)" text-anchor="middle">0</text>
            <text x="\(left + width)" y="\(top + height + 18)" text-anchor="middle">\(String(format: "%g", endTime))</text>
            <text x="\(left + width / 2)" y="\(top + height + 38)" text-anchor="middle">Pseudo-time</text>
            <text x="\(left - 10)" y="\(top + height / 2)" text-anchor="middle" transform="rotate(-90 \(left - 10) \(top + height / 2))">Population (\(rows))</text>
            </svg>

            """
        return svg
    }
}
