import Foundation
import Model
import RunFormat
import Testing
import TestSupport
@testable import Analysis

/// The SVG figure toolkit.
@Suite struct FigureTests {

    @Test func heatmapDrawsEveryCellAndMarksMissing() {
        let figure = HeatmapFigure(matrix: [[0, 1, .nan], [2, 3, 4]], rowLabels: ["r1", "r2"], columnLabels: ["c1", "c2", "c3"],
                                   title: "T", colorScale: .viridis, colorBarLabel: "unit")
        let svg = figure.svg()
        #expect(svg.hasPrefix("<?xml") && svg.contains("</svg>"))
        #expect(occurrences(of: ">X</text>", in: svg) == 1)
        // Lowest value gets the first colour of the scale, highest the last.
        #expect(svg.contains("fill=\"#440154\"") && svg.contains("fill=\"#fde725\""))
        for label in ["r1", "r2", "c1", "c2", "c3", "unit", ">T<"] { #expect(svg.contains(label)) }
        #expect(figure.effectiveRange == 0...4)
    }

    @Test func colorScaleInterpolates() {
        let scale = ColorScale(hexStops: ["#000000", "#ffffff"])
        #expect(scale.hex(at: 0) == "#000000")
        #expect(scale.hex(at: 1) == "#ffffff")
        #expect(scale.hex(at: 0.5) == "#808080")
        #expect(scale.hex(for: 5, low: 0, high: 10) == "#808080")
        #expect(scale.hex(at: 2) == "#ffffff")
    }

    @Test func niceTicks() {
        #expect(AxisTicks.values(low: 0, high: 1, count: 5) == [0, 0.2, 0.4, 0.6000000000000001, 0.8, 1])
        #expect(AxisTicks.values(low: -1, high: 1, count: 4) == [-1, -0.5, 0, 0.5, 1])
        #expect(AxisTicks.values(low: 0, high: 2000, count: 4) == [0, 500, 1000, 1500, 2000])
        #expect(AxisTicks.label(1500) == "1500" && AxisTicks.label(0.25) == "0.25")
    }

    @Test func panelsAndFilesAreWritten() throws {
        let fc = FunctionalConnectivity(areas: ["a", "b"], matrix: [1, 0.3, 0.3, 1])
        let comparison = FCComparison(simulated: fc, experimental: fc, hemisphere: nil, file: "x")
        let row = AnalysisFigures.fcComparison(simulated: fc, experimental: fc, comparison: comparison)
        #expect(row.width > 3 * 150)
        let directory = Fixtures.temporaryRoot.appendingPathComponent("humam-figures-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let files = try row.write(to: directory.appendingPathComponent("fc"))
        #expect(files.first?.lastPathComponent == "fc.svg")
        #expect(FileManager.default.fileExists(atPath: files[0].path))
        // With librsvg installed the SVG must also convert to a PNG (i.e. it is valid SVG).
        if FigureExport.rsvgConvert != nil {
            #expect(files.count == 2)
            let png = try Data(contentsOf: files[1])
            #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        }
        // A batch converts concurrently and returns SVGs and PNGs.
        let batch = try FigureExport.write([(row, directory.appendingPathComponent("a")), (row, directory.appendingPathComponent("b"))])
        #expect(batch.map(\.lastPathComponent) == (FigureExport.rsvgConvert == nil ? ["a.svg", "b.svg"] : ["a.svg", "b.svg", "a.png", "b.png"]))
        #expect(batch.allSatisfy { FileManager.default.fileExists(atPath: $0.path) })
    }
}

/// How often `needle` occurs in `text`.
func occurrences(of needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

/// The figure fixes of issue #12: what a reader needs to trust a figure.
@Suite struct FigureFixTests {
    /// One area with one excitatory neuron spiking once at 600 ms and two inhibitory neurons.
    func smallTrains() throws -> SpikeTrains {
        let layout = PopulationLayout(areas: ["a"])
        var counts = [Int](repeating: 0, count: layout.count)
        counts[layout.index(areaIndex: 0, layer: .layer4, cellType: .excitatory)] = 1
        counts[layout.index(areaIndex: 0, layer: .layer4, cellType: .inhibitory)] = 2
        let populations = PopulationGIDs(layout: layout, neuronCounts: counts)
        return try SpikeTrains(populations: populations, senders: [1], times: [600], simulationTime: 1000, source: "test")
    }

    @Test func rasterStatesItsRowsLegendAndTimeUnitAndShowsASingleSpike() throws {
        let raster = AnalysisFigures.raster(try smallTrains(), areaIndex: 0, window: 500...1000)
        let svg = raster.svg()
        #expect(raster.axes.yLabel == "Neurons: up to 30 per population, evenly spaced")
        #expect(raster.axes.xLabel == "Time (ms)" && raster.axes.x == 500...1000)
        #expect(raster.legend.map(\.label) == ["excitatory", "inhibitory"])
        #expect(svg.contains(">excitatory</text>") && svg.contains(">inhibitory</text>"))
        // The single spike is one tick at least 1.6 px wide and 2 px high in the excitatory colour.
        let tick = svg.components(separatedBy: "\n").filter { $0.hasPrefix("<rect") && $0.contains("fill=\"#4c72b0\"") && !$0.contains("height=\"10.00\"") }
        #expect(tick.count == 1)
        #expect(tick.first?.contains("width=\"1.60\"") == true)
    }

    @Test func rastersOfDifferentWindowsHaveDifferentFileNames() {
        #expect(AnalysisFigures.rasterFileName(area: "cuneus", window: 500...750) == "raster_cuneus_500-750ms")
        #expect(AnalysisFigures.rasterFileName(area: "cuneus", window: 1500...2000) == "raster_cuneus_1500-2000ms")
    }

    /// Diverging scale centred at 0 with limits ± the largest off-diagonal |value|; the diagonal
    /// (grey) does not set the scale; 34 areas in the original's resting-state order.
    @Test func fcHeatmapIsDivergingSymmetricAndOrderedByRestingStateNetwork() {
        let areas = RestingStateNetworks.leftHemisphere.map(\.area).sorted()
        var matrix = [Double](repeating: 0, count: 34 * 34)
        for index in 0..<34 { matrix[index * 34 + index] = 1 }
        matrix[1] = 0.05; matrix[34] = 0.05
        matrix[2] = -0.02; matrix[68] = -0.02
        let figure = HeatmapFigure(connectivity: FunctionalConnectivity(areas: areas, matrix: matrix), title: "FC")
        #expect(figure.effectiveRange == -0.05...0.05)
        #expect(figure.colorScale == .redBlueReversed)
        #expect(figure.colorScale.hex(for: 0, low: -0.05, high: 0.05) == "#f7f7f7")
        #expect(figure.rowLabels.first == "isthmuscingulate" && figure.rowLabels.last == "transversetemporal")
        #expect(figure.groups.map(\.name) == ["DMN", "DAN", "SAN", "AUD", "VIS", "other"])
        #expect(figure.groups.map(\.start) == [0, 7, 13, 17, 18, 22])
        #expect((0..<34).allSatisfy { figure.values[$0 * 34 + $0].isNaN })
        // Areas that are not the model's 34 are shown alphabetically, without groups.
        let small = HeatmapFigure(connectivity: FunctionalConnectivity(areas: ["b", "a"], matrix: [1, 0.3, 0.3, 1]), title: "")
        #expect(small.rowLabels == ["a", "b"] && small.groups.isEmpty && small.effectiveRange == -0.3...0.3)
    }

    @Test func colourBarsHaveAtLeastFourLabels() {
        for range in [-0.05...0.05, 0...1, -6.3 ... -0.2, 0.001...0.0013, 0...12.5] {
            let ticks = HeatmapFigure.colorBarTicks(range)
            #expect(ticks.count >= 4, "\(range): \(ticks)")
            #expect(ticks.allSatisfy { range.contains($0) })
        }
    }

    /// `--figure x.png` writes x.png (and nothing else), `x.svg` writes x.svg; others are refused.
    @Test func figureFileIsExactlyTheNamedFile() throws {
        let directory = Fixtures.temporaryRoot.appendingPathComponent("humam-figure-file-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let figure = ScatterFigure(x: [0, 1], y: [0, 1], xLabel: "x", yLabel: "y", title: "t")
        try FigureExport.write(figure, toFile: directory.appendingPathComponent("x.svg"))
        if FigureExport.rsvgConvert != nil {
            try FigureExport.write(figure, toFile: directory.appendingPathComponent("x.png"))
            #expect(try Data(contentsOf: directory.appendingPathComponent("x.png")).starts(with: [0x89, 0x50, 0x4E, 0x47]))
        } else {
            #expect(throws: InputError.self) { try FigureExport.write(figure, toFile: directory.appendingPathComponent("x.png")) }
        }
        #expect(throws: InputError.self) { try FigureExport.write(figure, toFile: directory.appendingPathComponent("x.pdf")) }
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(names == (FigureExport.rsvgConvert != nil ? ["x.png", "x.svg"] : ["x.svg"]))
    }

    /// CV, LvR and correlation without data are undefined: NaN (the original writes 0).
    @Test func undefinedStatisticsAreNaN() throws {
        let trains = try smallTrains()
        let excitatory = trains.populations.layout.index(areaIndex: 0, layer: .layer4, cellType: .excitatory)
        #expect(InterspikeIntervals.coefficientOfVariation(trains)[excitatory].isNaN)
        #expect(InterspikeIntervals.revisedLocalVariation(trains)[excitatory].isNaN)
        #expect(SpikeCountCorrelation.populationMeans(trains)[excitatory].isNaN)
    }
}

/// Figures of the 2-s NEST reference run (validation tier: 1.5 million spikes).
@Suite struct FigureValidationTests {
    @Test func averageRateFigureMarksTheEighteenEmptyPopulations() {
        // 272 − 254 = 18 populations have no neurons (reference README); their rate is NaN.
        let rates = FiringRates.populationRates(DownscaledReference.record)
        let svg = AnalysisFigures.averageRates(rates, layout: DownscaledReference.layout).svg()
        #expect(occurrences(of: ">X</text>", in: svg) == 18)
    }

    @Test func rasterAndBoxPlotDraw() {
        let record = DownscaledReference.record
        let raster = AnalysisFigures.raster(record, areaIndex: 0, window: 500...750)
        #expect(raster.groups.count == 8)
        let sizes = (0..<8).map { record.populations.neuronCounts[$0] }.filter { $0 > 0 }
        #expect(raster.groups.map(\.trains.count) == sizes.map { min($0, 30) })
        #expect(raster.svg().contains("bankssts"))
        let box = AnalysisFigures.boxPlot(FiringRates.populationRates(record), layout: DownscaledReference.layout,
                                          xLabel: "Rate", title: "Rates")
        #expect(box.samples.count == 8 && box.samples[0].count == 34)
        #expect(BoxPlotFigure.percentile([1, 2, 3, 4], 0.25) == 1.75)   // numpy.percentile([1,2,3,4], 25)
    }
}
