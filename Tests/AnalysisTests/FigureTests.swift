import Foundation
import Model
import Testing
@testable import Analysis

/// The SVG figure toolkit.
@Suite struct FigureTests {
    func occurrences(of needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

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

    @Test func averageRateFigureMarksTheEighteenEmptyPopulations() {
        // 272 − 254 = 18 populations have no neurons (reference README); their rate is NaN.
        let rates = FiringRates.populationRates(DownscaledReference.record)
        let svg = AnalysisFigures.averageRates(rates, layout: DownscaledReference.layout).svg()
        #expect(occurrences(of: ">X</text>", in: svg) == 18)
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
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("humam-figures-\(UUID().uuidString)")
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
