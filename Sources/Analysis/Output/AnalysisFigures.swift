import Model

/// The figures of the notebook's analysis section (humam_tutorial.ipynb §3), built from
/// analysis results with the SVG toolkit.
public enum AnalysisFigures {
    static let excitatoryColor = "#4c72b0"
    static let inhibitoryColor = "#c44e52"
    /// `2/3 E`, `4 I`, … — the notebook's layer/population names.
    static func shortName(_ layer: Layer, _ cellType: CellType) -> String {
        let arabic = [Layer.layer23: "2/3", .layer4: "4", .layer5: "5", .layer6: "6"][layer]!
        return "\(arabic) \(cellType.label)"
    }

    /// Box plots over areas of a per-population statistic, one box per layer/population
    /// (the original's `plot_raster_statistics` panels D–F).
    public static func boxPlot(_ values: [Double], layout: PopulationLayout, xLabel: String, title: String) -> BoxPlotFigure {
        var labels: [String] = []
        var samples: [[Double]] = []
        for layer in Layer.allCases {
            for cellType in CellType.allCases {
                labels.append(shortName(layer, cellType))
                samples.append(layout.areas.indices.map { values[layout.index(areaIndex: $0, layer: layer, cellType: cellType)] })
            }
        }
        return BoxPlotFigure(labels: labels, samples: samples, colors: [excitatoryColor, inhibitoryColor],
                             xLabel: xLabel, title: title)
    }

    /// The last stretch of a run that the raster and instantaneous-rate figures show, ms (the
    /// original's `plot_raster` and `plot_instantaneous_firing_rate`).
    public static let shownDurationMs = 500.0

    /// Instantaneous area rates (spikes/s) as a heatmap over the last `duration` ms
    /// (the original's `plot_instantaneous_firing_rate`).
    public static func instantaneousRates(_ histogram: RateHistogram, areas: [String], duration: Double = shownDurationMs) -> HeatmapFigure {
        let bins = histogram.binCount
        let first = max(0, bins - Int(duration / histogram.binWidth))
        var values: [Double] = []
        for area in areas.indices {
            for bin in first..<bins { values.append(histogram.areaRatesKHz[area * bins + bin] * 1000) }
        }
        let labels = (first..<bins).map { bin -> String in
            let time = histogram.binStart(bin)
            return bin == first || Int(time) % 100 == 0 ? AxisTicks.label(time) : ""
        }
        return HeatmapFigure(values: values, rowLabels: areas, columnLabels: labels,
                             title: "Instantaneous firing rate over simulated areas", colorScale: .yellowOrangeBrown,
                             colorBarLabel: "Spikes/s", xLabel: "Time (ms)", yLabel: "Area",
                             cellWidth: 600 / Double(max(bins - first, 1)), cellHeight: 12)
    }

    /// Time-averaged rate per population: layer/population × areas, "X" where a population has
    /// no neurons (the original's `plot_average_rate_per_pop`).
    public static func averageRates(_ rates: [Double], layout: PopulationLayout) -> HeatmapFigure {
        var rows: [[Double]] = []
        var labels: [String] = []
        for layer in Layer.allCases {
            for cellType in CellType.allCases {
                labels.append(shortName(layer, cellType))
                rows.append(layout.areas.indices.map { rates[layout.index(areaIndex: $0, layer: layer, cellType: cellType)] })
            }
        }
        return HeatmapFigure(matrix: rows, rowLabels: labels, columnLabels: layout.areas,
                             title: "Time-averaged firing rate over simulated populations", colorScale: .yellowOrangeBrown,
                             colorBarLabel: "Spikes/s", xLabel: "Area", yLabel: "Population", cellWidth: 16, cellHeight: 16)
    }

    /// Raster of area `areaIndex` in `window` (ms): up to `neuronsPerPopulation` neurons of each
    /// population, evenly spaced in GID order (deterministic; the original shows a random 3 % of
    /// each population). The y-axis title states the subsample.
    public static func raster(_ trains: SpikeTrains, areaIndex: Int, window: ClosedRange<Double>,
                              neuronsPerPopulation: Int = 30) -> RasterFigure {
        let layout = trains.populations.layout
        var groups: [RasterFigure.Group] = []
        for layer in Layer.allCases {
            for cellType in CellType.allCases {
                let population = layout.index(areaIndex: areaIndex, layer: layer, cellType: cellType)
                let neurons = trains.neurons(ofPopulation: population)
                guard !neurons.isEmpty else { continue }
                let shown = min(neurons.count, neuronsPerPopulation)
                let selected = (0..<shown).map { neurons.lowerBound + $0 * neurons.count / shown }
                groups.append(RasterFigure.Group(
                    label: shortName(layer, cellType), color: cellType == .excitatory ? excitatoryColor : inhibitoryColor,
                    trains: selected.map { Array(trains.train($0).filter { window.contains($0) }) }))
            }
        }
        return RasterFigure(groups: groups, window: window, title: layout.areas[areaIndex],
                            yLabel: "Neurons: up to \(neuronsPerPopulation) per population, evenly spaced",
                            legend: [("excitatory", excitatoryColor), ("inhibitory", inhibitoryColor)])
    }

    /// File name (without extension) of the raster of `area` in `window` (ms), e.g.
    /// `raster_cuneus_500-750ms`: rasters of different windows never share a name.
    public static func rasterFileName(area: String, window: ClosedRange<Double>) -> String {
        "raster_\(area)_\(AxisTicks.label(window.lowerBound))-\(AxisTicks.label(window.upperBound))ms"
    }

    /// Simulated and experimental FC side by side (each as `HeatmapFigure(connectivity:)`: areas
    /// in resting-state order, its own scale symmetric about 0), and the scatter of their
    /// lower-triangle pairs.
    public static func fcComparison(simulated: FunctionalConnectivity, experimental: FunctionalConnectivity,
                                    comparison: FCComparison, experimentalTitle: String = "Experimental FC") -> FigureRow {
        let aligned = experimental.reordered(simulated.areas)
        let (x, y) = FCComparison.lowerTriangles(simulated, aligned)
        let scatter = ScatterFigure(x: y, y: x, xLabel: "Experimental FC", yLabel: "Simulated FC",
                                    title: "Area pairs (\(comparison.pairs))",
                                    annotation: "r = \(correlationText(comparison.pearsonR)), ρ = \(correlationText(comparison.spearmanR))")
        return FigureRow([HeatmapFigure(connectivity: simulated, title: "Simulated FC (synaptic currents)"),
                          HeatmapFigure(connectivity: aligned, title: experimentalTitle), scatter])
    }

    /// Area time series (currents, rates) in a grid of small line plots, one per area.
    public static func areaTimeSeries(names: [String], values: [Double], binCount: Int, binWidth: Double,
                                      from start: Double, yLabel: String, scale: Double = 1) -> FigureGrid {
        let first = min(binCount, Int(start / binWidth))
        let times = (first..<binCount).map { Double($0) * binWidth }
        let panels: [any Figure] = names.indices.map { area in
            LineFigure(series: [.init(label: names[area], x: times,
                                      y: (first..<binCount).map { values[area * binCount + $0] * scale })],
                       xLabel: "Time (ms)", yLabel: yLabel, title: names[area], plotWidth: 220, plotHeight: 110)
        }
        return FigureGrid(panels, columns: 4)
    }
}
