import Foundation
import Testing
@testable import Analysis

/// The Balloon–Windkessel integration against its analytic fixed points.
@Suite struct BOLDSignalTests {
    @Test func restStaysAtRest() {
        let signal = BOLDSignal(areaRates: [Double](repeating: 0, count: 1000), areas: ["a"], binWidth: 1)
        #expect(signal.values.allSatisfy { $0 == 0 })
    }

    @Test func constantDriveReachesTheFixedPoint() {
        // Fixed point of Friston 2003's equations for constant z: s = 0, f = 1 + εz/γ, v = f^α,
        // q = v (1 − (1 − ρ)^(1/f)) / ρ; BOLD = V0 (7ρ(1 − q) + 2(1 − q/v) + (2ρ − 0.2)(1 − v)).
        let z = 0.2, rho = 0.34
        let f = 1 + z / 0.41
        let v = pow(f, 0.32)
        let q = v * (1 - pow(1 - rho, 1 / f)) / rho
        let expected = 0.02 * (7 * rho * (1 - q) + 2 * (1 - q / v) + (2 * rho - 0.2) * (1 - v))
        // 200 s at 1 ms steps: the slowest mode (≈ 1/0.3 s) has decayed by e^−60.
        let signal = BOLDSignal(areaRates: [Double](repeating: z, count: 200_000), areas: ["a"], binWidth: 1)
        #expect(abs(signal.values.last! - expected) < 1e-9 * abs(expected))
        #expect(expected > 0)   // more flow washes out deoxyhaemoglobin: the signal rises
    }

    @Test func boldFunctionalConnectivityOfCopiesIsOne() {
        let rates = (0..<3000).map { 5 + 3 * sin(Double($0) / 300) }
        let signal = BOLDSignal(areaRates: rates + rates, areas: ["a", "b"], binWidth: 1)
        // Identical rates give identical BOLD signals: r = 1 up to rounding.
        let fc = signal.functionalConnectivity(start: 500)
        #expect(abs(fc[0, 1] - 1) < 1e-12)
        #expect(signal.binCount == 3000)
    }
}
