import Foundation
import Testing
@testable import Theory

struct PseudoTimePathFigureTests {
    // Colour range: whole decades around the finite log10 rates; zero rates are ignored there.
    // Cells: 2 populations × 3 samples, where population 0 stays at 1 Hz (one merged run) and
    // population 1 goes 0.01 → 1 → 10 Hz (three runs): 4 rectangles plus 64 colour-bar steps.
    @Test func colourRangeAndMergedCells() {
        let figure = PseudoTimePathFigure(samples: [[1, 0.01], [1, 1], [1, 10]], endTime: 0.2)
        #expect(figure.decades == -2...1)
        let svg = figure.svg
        #expect(svg.components(separatedBy: "<rect").count - 1 == 1 + 4 + PseudoTimePathFigure.levels)
        // The lowest and highest levels are cividis's ends.
        #expect(PseudoTimePathFigure.color(level: 0) == "#00204d")
        #expect(PseudoTimePathFigure.color(level: PseudoTimePathFigure.levels - 1) == "#ffea46")
        #expect(PseudoTimePathFigure(samples: [[0, 2]], endTime: 0).decades == 0...1)
    }
}
