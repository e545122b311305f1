import Foundation
import Model

/// The notebook's section 2.4 (left TODO in the original): the area-level connectivity as the
/// relative indegree of each target area, log10-scaled (as the original's
/// `figure_connectivity_matrices` uses a log norm); absent pathways are blank.
public enum AreaConnectivityFigure {
    public static func make(network: Network) -> HeatmapFigure {
        let values = network.relativeAreaIndegrees.map { $0 > 0 ? log10($0) : Double.nan }
        let finite = values.filter(\.isFinite)
        return HeatmapFigure(
            values: values, rowLabels: network.layout.areas, columnLabels: network.layout.areas,
            title: "Relative indegree of each target area (\(network.totalNeurons.formatted()) neurons)",
            colorScale: .yellowOrangeBrown, range: (finite.min() ?? -1)...(finite.max() ?? 0),
            colorBarLabel: "log10 relative indegree", xLabel: "source area", yLabel: "target area",
            cellWidth: 12, cellHeight: 12, markMissing: false)
    }
}
