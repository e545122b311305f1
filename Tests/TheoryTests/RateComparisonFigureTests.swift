import Foundation
import Testing
@testable import Theory

struct RateComparisonFigureTests {
    // ρ is numpy's corrcoef of the rates: for y = 2x + 1 exactly 1, for these four pairs
    // −0.8 (np.corrcoef([1, 2, 3, 4], [4, 3, 1, 2])[0, 1] = −0.8).
    @Test func correlationIsPearsonOfTheRates() {
        #expect(abs(RateComparisonFigure(simulatedHz: [1, 2, 3, 5], theoryHz: [3, 5, 7, 11]).correlation - 1) < 1e-15)
        #expect(abs(RateComparisonFigure(simulatedHz: [1, 2, 3, 4], theoryHz: [4, 3, 1, 2]).correlation + 0.8) < 1e-15)
    }

    // One marker per drawable population, placed by log10 on both axes; zero rates are reported,
    // not drawn.
    @Test func drawsOneMarkerPerPopulationOnLogAxes() {
        let figure = RateComparisonFigure(simulatedHz: [0.1, 1, 10, 0], theoryHz: [0.1, 1, 10, 2])
        let svg = figure.svg
        #expect(svg.components(separatedBy: "<circle").count - 1 == 3)
        #expect(svg.contains("1 with rate 0 not shown"))
        // Axes span decades 0.1 … 10 over 300 px: 1 Hz sits in the middle, at 60 + 150.
        #expect(svg.contains("cx=\"210.00\" cy=\"210.00\""))
        #expect(svg.contains("ρ = "))
    }
}
