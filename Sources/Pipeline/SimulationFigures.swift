import Analysis
import Foundation
import Model

/// The figures `humam simulate` writes into its run folder (like the notebook's section 3): a
/// raster plot of one area and the per-area instantaneous rate heatmap of the last 500 ms.
public enum SimulationFigures {
    /// Reads the run back (its binary spike file) and writes `figures/raster_<area>_<start>-<stop>ms` and
    /// `figures/instantaneous_rate` (SVG, and PNG when rsvg-convert is installed).
    public static func write(run directory: URL, rasterArea: String?) throws -> [URL] {
        // Two passes over the spikes, neither holding them all: the histogram, then the spikes
        // of the raster's area.
        let spikes = try RunFolder(directory).spikeSource()
        let layout = spikes.populations.layout
        let histogram = try RateHistogram(spikes)
        let windowStart = max(0, spikes.simulationTime - AnalysisFigures.shownDurationMs)
        let areaIndex = rasterArea.flatMap(layout.areas.firstIndex(of:)) ?? histogram.busiestArea(from: windowStart)
        let trains = try SpikeTrains(spikes) { layout.areaIndex(ofPopulation: $0) == areaIndex }
        let window = windowStart...spikes.simulationTime
        let figures = directory.appendingPathComponent("figures")
        return try FigureExport.write([
            (AnalysisFigures.raster(trains, areaIndex: areaIndex, window: window),
             figures.appendingPathComponent(AnalysisFigures.rasterFileName(area: layout.areas[areaIndex], window: window))),
            (AnalysisFigures.instantaneousRates(histogram, areas: layout.areas), figures.appendingPathComponent("instantaneous_rate")),
        ])
    }
}
