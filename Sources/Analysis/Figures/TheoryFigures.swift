import Foundation
import Model

/// Figures of mean-field results (the original's `figure_theory.py`), drawn with the project's
/// figure toolkit.
public enum TheoryFigures {
    /// Theory against simulated rate per population on log–log axes, with the identity line and
    /// the Pearson correlation of the log10 rates — the quantity the axes show (panel B of the
    /// original's mean-field figure). Populations with a zero rate cannot be placed on log axes
    /// and are left out of the correlation; the annotation says how many.
    public static func rateComparison(simulatedHz: [Double], theoryHz: [Double]) -> ScatterFigure {
        let drawable = simulatedHz.indices.filter { simulatedHz[$0] > 0 && theoryHz[$0] > 0 }
        let hidden = simulatedHz.count - drawable.count
        let x = drawable.map { log10(simulatedHz[$0]) }, y = drawable.map { log10(theoryHz[$0]) }
        let decades = floor(min(x.min() ?? -1, y.min() ?? -1))...ceil(max(x.max() ?? 1, y.max() ?? 1))
        var figure = ScatterFigure(
            x: x, y: y, xLabel: "Simulated rate (spikes/s)", yLabel: "Theory rate (spikes/s)",
            title: "Theory vs simulation, \(simulatedHz.count) populations", identityLine: true,
            annotation: "r(log10 rates) = \(correlationText(logRateCorrelation(simulatedHz: simulatedHz, theoryHz: theoryHz)))"
                + (hidden > 0 ? "; \(hidden) at 0 Hz not shown" : ""),
            xRange: decades, yRange: decades)
        figure.axes.logarithmic = true
        return figure
    }

    /// Pearson correlation of log10 rates over the populations where both rates are > 0.
    public static func logRateCorrelation(simulatedHz: [Double], theoryHz: [Double]) -> Double {
        let drawable = simulatedHz.indices.filter { simulatedHz[$0] > 0 && theoryHz[$0] > 0 }
        return PearsonCorrelation.coefficient(drawable.map { log10(simulatedHz[$0]) }, drawable.map { log10(theoryHz[$0]) })
    }

    /// The pseudo-time path of the rates: log10(rate) per population (rows) against the samples
    /// (columns), as the original's `pcolormesh(np.log10(rates).T)` (panel A). Zero rates are blank.
    /// - Parameters:
    ///   - samples: rates per sample (outer) and population (inner), Hz.
    ///   - sampleTimes: pseudo-time of each sample.
    public static func pseudoTimePath(samples: [[Double]], sampleTimes: [Double], populationLabels: [String]) -> HeatmapFigure {
        let populations = samples.first?.count ?? 0
        var values: [Double] = []
        values.reserveCapacity(populations * samples.count)
        for population in 0..<populations {
            for sample in samples { values.append(sample[population] > 0 ? log10(sample[population]) : .nan) }
        }
        let labelEvery = max(1, samples.count / 10)
        let timeLabels = sampleTimes.indices.map { $0 % labelEvery == 0 ? String(format: "%.1f", sampleTimes[$0]) : "" }
        let populationEvery = max(1, populations / 25)
        let rowLabels = populationLabels.indices.map { $0 % populationEvery == 0 ? populationLabels[$0] : "" }
        return HeatmapFigure(values: values, rowLabels: rowLabels, columnLabels: timeLabels,
                             title: "Pseudo-time path of the rates", colorScale: .viridis,
                             colorBarLabel: "log10 rate (spikes/s)", xLabel: "pseudo-time s", yLabel: "population",
                             markMissing: false)
    }
}
