import Foundation
import Model
import Testing
@testable import Analysis

struct TheoryFiguresTests {
    /// r is numpy's corrcoef of the log10 rates, the quantity drawn
    /// (np.corrcoef(np.log10([1, 2, 3, 4]), np.log10([4, 3, 1, 2]))[0, 1] = −0.7403; of the rates
    /// themselves it would be −0.8); one marker per population with both rates > 0; zero rates are
    /// reported in the annotation; the axes are labelled in decades of the rate itself.
    @Test func rateComparisonDrawsPositiveRatesOnLogAxes() {
        let figure = TheoryFigures.rateComparison(simulatedHz: [0.1, 1, 10, 0], theoryHz: [0.1, 1, 10, 2])
        #expect(figure.x == [-1, 0, 1] && figure.y == [-1, 0, 1])
        #expect(figure.axes.x == -1...1 && figure.identityLine)
        #expect(figure.annotation == "r(log10 rates) = 1.000; 1 at 0 Hz not shown")
        let svg = figure.svg()
        #expect(svg.components(separatedBy: "<circle").count - 1 == 3)
        #expect(figure.axes.logarithmic)
        for label in [">0.1</text>", ">1</text>", ">10</text>"] { #expect(svg.components(separatedBy: label).count - 1 == 2, "\(label)") }
        let negative = TheoryFigures.rateComparison(simulatedHz: [1, 2, 3, 4], theoryHz: [4, 3, 1, 2])
        #expect(negative.annotation == "r(log10 rates) = -0.7403" && negative.axes.title == "Theory vs simulation, 4 populations")
    }

    /// Rows are populations, columns samples; values log10(rate), zero rates blank (NaN).
    @Test func pseudoTimePathIsLogRatesPerPopulation() {
        let figure = TheoryFigures.pseudoTimePath(samples: [[1, 0.01], [1, 0], [1, 10]], sampleTimes: [0, 0.1, 0.2],
                                                  populationLabels: ["a/IV/E", "a/IV/I"])
        #expect(figure.rowLabels == ["a/IV/E", "a/IV/I"])
        #expect(Array(figure.values[0..<3]) == [0, 0, 0])
        #expect(figure.values[3] == -2 && figure.values[4].isNaN && figure.values[5] == 1)
        #expect(figure.svg().contains("log10 rate (spikes/s)"))
    }
}
