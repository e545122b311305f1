import Testing
@testable import humam

/// `humam theory --figure`: the name given is the file written, so only .svg and .png names are taken.
@Suite struct TheoryCommandTests {
    @Test func figureNamesMustBeSVGOrPNG() throws {
        #expect(throws: (any Error).self) { try TheoryCommand.parse(["--compare", "rates.csv", "--figure", "x.pdf"]) }
        #expect(throws: (any Error).self) { try TheoryCommand.parse(["--pseudo-time", "9.9", "--path-figure", "path"]) }
        _ = try TheoryCommand.parse(["--compare", "rates.csv", "--figure", "x.png"])
        _ = try TheoryCommand.parse(["--compare", "rates.csv", "--figure", "x.SVG"])
    }
}
