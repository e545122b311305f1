import Foundation
import Testing
@testable import Model
import TestSupport

@Suite struct LocalConnectivityProfileTests {
    /// The original's nquad results carry their own absolute error estimates; our accurate
    /// integrals must lie within them (3 × the estimate, as QUADPACK estimates are not bounds).
    @Test func integralsAgreeWithOriginalWithinItsErrorEstimate() throws {
        let table = try Fixtures.table("fullscale/nquad_P_in_P_out.csv")
        let surfaces = try Fixtures.table("fullscale/area_surface.csv")
        let surfaceByArea = Dictionary(uniqueKeysWithValues: zip(try surfaces.strings(column: "area"),
                                                                 try surfaces.numbers(column: "surface_mm2")))
        let areas = try table.strings(column: "area")
        let depths = try table.numbers(column: "z_max_um")
        let inside = try table.numbers(column: "P_in"), insideError = try table.numbers(column: "P_in_abserr")
        let outside = try table.numbers(column: "P_out"), outsideError = try table.numbers(column: "P_out_abserr")
        let fractions = try table.numbers(column: "frac_typeI")
        for row in areas.indices {
            let profile = try LocalConnectivityProfile(depth: depths[row], areaSurface: surfaceByArea[areas[row]]!, decayLength: 160)
            #expect(abs(profile.inside - inside[row]) <= 3 * insideError[row], "\(areas[row]) P_in")
            #expect(abs(profile.outside - outside[row]) <= 3 * outsideError[row], "\(areas[row]) P_out")
            // 0.655285 to 5 digits in every area (depths 2-3.5): the depth dependence is below 1e-5.
            #expect(abs(profile.typeIFraction - 0.655285) < 1e-5, "\(areas[row])")
            // The original's epsrel-0.1 values lie within 2.5e-5 of the accurate fraction.
            #expect(abs(profile.typeIFraction - fractions[row]) < 2.5e-5, "\(areas[row])")
        }
    }

    /// The accurate type-I fraction, 0.655285 to 6 digits (issue #2), depends weakly on depth:
    /// reference values from scipy `quad` (epsrel 1e-12) on the same reduction, column
    /// surface of bankssts (1134.15 mm²). Tolerance 1e-10: both sides are converged to ~1e-12.
    @Test(arguments: [(2.84, 0.6552843100617959), (0.001, 0.655288660578772), (3.5, 0.6552820748541238)])
    func typeIFractionIsAccurate(depth: Double, expected: Double) throws {
        let profile = try LocalConnectivityProfile(depth: depth, areaSurface: 1134.15, decayLength: 160)
        #expect(abs(profile.typeIFraction - expected) < 1e-10)
    }

    /// Overlap of discs: full containment, disjoint, and the equal-radius lens at d = r
    /// (area r²(2π/3 − √3/2)).
    @Test func discOverlapClosedForms() {
        #expect(LocalConnectivityProfile.discOverlap(distance: 0.5, 1, 3) == Double.pi)
        #expect(LocalConnectivityProfile.discOverlap(distance: 4.1, 1, 3) == 0)
        let lens = LocalConnectivityProfile.discOverlap(distance: 1, 1, 1)
        #expect(abs(lens - (2 * Double.pi / 3 - 3.0.squareRoot() / 2)) < 1e-14)
    }
}
