import Analysis
import Foundation
import Model

/// The figures `humam simulate` writes into its run folder (like the notebook's section 3): a
/// raster plot of one area and the per-area instantaneous rate heatmap of the last 500 ms.
enum SimulationFigures {
    /// Reads the run back (its binary spike file) and writes `figures/raster_<area>_<start>-<stop>ms` and
    /// `figures/instantaneous_rate` (SVG, and PNG when rsvg-convert is installed).
    static func write(run directory: URL, rasterArea: String?) throws -> [URL] {
        let trains = try RunFolder(directory).spikeTrains()
        let layout = trains.populations.layout
        let histogram = RateHistogram(trains)
        let windowStart = max(0, trains.simulationTime - 500)
        let areaIndex = rasterArea.flatMap(layout.areas.firstIndex(of:)) ?? histogram.busiestArea(from: windowStart)
        let window = windowStart...trains.simulationTime
        let figures = directory.appendingPathComponent("figures")
        return try FigureExport.write([
            (AnalysisFigures.raster(trains, areaIndex: areaIndex, window: window),
             figures.appendingPathComponent(AnalysisFigures.rasterFileName(area: layout.areas[areaIndex], window: window))),
            (AnalysisFigures.instantaneousRates(histogram, areas: layout.areas), figures.appendingPathComponent("instantaneous_rate")),
        ])
    }
}
