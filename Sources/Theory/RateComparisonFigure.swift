import Foundation

/// Theory versus simulated rates per population as an SVG scatter plot on log–log axes with the
/// diagonal and the Pearson correlation of the rates — panel B of the original's mean-field figure
/// (`figure_theory.plot_results`: `np.corrcoef(rates_sim, rates_theo)` on the rates themselves).
/// Populations with a non-positive rate on either axis cannot be drawn on log axes and are left
/// out of the plot (not of the correlation); the caption says how many.
public struct RateComparisonFigure: Sendable {
    /// Simulated and theoretical rate per population, Hz.
    public var simulatedHz: [Double]
    public var theoryHz: [Double]

    public init(simulatedHz: [Double], theoryHz: [Double]) {
        precondition(simulatedHz.count == theoryHz.count, "one simulated and one theory rate per population")
        self.simulatedHz = simulatedHz
        self.theoryHz = theoryHz
    }

    /// Pearson correlation of the two rate lists (NaN for fewer than two populations or no spread).
    public var correlation: Double {
        let n = Double(simulatedHz.count)
        let meanX = simulatedHz.reduce(0, +) / n, meanY = theoryHz.reduce(0, +) / n
        var covariance = 0.0, varianceX = 0.0, varianceY = 0.0
        for (x, y) in zip(simulatedHz, theoryHz) {
            covariance += (x - meanX) * (y - meanY)
            varianceX += (x - meanX) * (x - meanX)
            varianceY += (y - meanY) * (y - meanY)
        }
        return covariance / (varianceX * varianceY).squareRoot()
    }

    static let size = 420.0, margin = 60.0

    public var svg: String {
        let points = zip(simulatedHz, theoryHz).filter { $0.0 > 0 && $0.1 > 0 }
        let values = points.flatMap { [$0.0, $0.1] }
        let low = floor(log10(values.min() ?? 0.1)), high = max(ceil(log10(values.max() ?? 10)), low + 1)
        let plot = Self.size - 2 * Self.margin
        func position(_ rate: Double) -> Double { (log10(rate) - low) / (high - low) * plot }
        func x(_ rate: Double) -> String { String(format: "%.2f", Self.margin + position(rate)) }
        func y(_ rate: Double) -> String { String(format: "%.2f", Self.size - Self.margin - position(rate)) }
        let left = Self.margin, right = Self.size - Self.margin, bottom = Self.size - Self.margin
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(Self.size))" height="\(Int(Self.size))" font-family="sans-serif" font-size="12">
            <rect width="100%" height="100%" fill="white"/>
            <line x1="\(left)" y1="\(bottom)" x2="\(right)" y2="\(bottom)" stroke="black"/>
            <line x1="\(left)" y1="\(bottom)" x2="\(left)" y2="\(Self.margin)" stroke="black"/>
            <line x1="\(x(pow(10, low)))" y1="\(y(pow(10, low)))" x2="\(x(pow(10, high)))" y2="\(y(pow(10, high)))" stroke="silver" stroke-dasharray="2,3"/>

            """
        for decade in Int(low)...Int(high) {
            let rate = pow(10, Double(decade))
            let label = decade >= 0 && decade <= 3 ? String(Int(rate)) : "1e\(decade)"
            svg += """
                <line x1="\(x(rate))" y1="\(bottom)" x2="\(x(rate))" y2="\(bottom + 5)" stroke="black"/>
                <text x="\(x(rate))" y="\(bottom + 18)" text-anchor="middle">\(label)</text>
                <line x1="\(left - 5)" y1="\(y(rate))" x2="\(left)" y2="\(y(rate))" stroke="black"/>
                <text x="\(left - 8)" y="\(y(rate))" text-anchor="end" dominant-baseline="middle">\(label)</text>

                """
        }
        for (simulated, theory) in points {
            svg += "<circle cx=\"\(x(simulated))\" cy=\"\(y(theory))\" r=\"2.5\" fill=\"black\"/>\n"
        }
        let omitted = simulatedHz.count - points.count
        svg += """
            <text x="\(Self.size / 2)" y="\(Self.size - 15)" text-anchor="middle">Rate sim. (spikes/s)</text>
            <text x="15" y="\(Self.size / 2)" text-anchor="middle" transform="rotate(-90 15 \(Self.size / 2))">Rate theo. (spikes/s)</text>
            <text x="\(left + 15)" y="\(Self.margin + 10)">ρ = \(String(format: "%.3f", correlation))</text>
            <text x="\(Self.size / 2)" y="\(Self.margin / 2)" text-anchor="middle">Comparison to simulation (\(points.count) populations\(omitted > 0 ? ", \(omitted) with rate 0 not shown" : ""))</text>
            </svg>

            """
        return svg
    }
}
