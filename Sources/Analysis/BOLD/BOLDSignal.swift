import Foundation
import Model

/// BOLD signal of every area from its firing rate with the Balloon–Windkessel model of
/// Friston et al. 2003 (NeuroImage 19:1273, Eqs. 3–4; Buxton et al. 1998 for the signal), with
/// the constants of the original's `computeBOLD`: ε = 1, κ = 0.65 /s, γ = 0.41 /s, τ = 0.98 s,
/// α = 0.32, ρ = 0.34, V0 = 0.02; driven by the area rate z(t) in spikes/s, time in s.
///
///   ds/dt = ε z − κ s − γ (f − 1),  df/dt = s,  τ dv/dt = f − v^(1/α),
///   τ dq/dt = f (1 − (1 − ρ)^(1/f)) / ρ − v^(1/α) q / v,
///   BOLD = V0 (7ρ (1 − q) + 2 (1 − q/v) + (2ρ − 0.2)(1 − v)),  s = 0, f = v = q = 1 at t = 0.
///
/// The original integrates with scipy's adaptive RK45 (rtol 1e-3) on the linearly interpolated
/// rate and resamples; here classical RK4 runs on the histogram's bins (rate linearly
/// interpolated at half steps), so values agree to the original's integration tolerance, not exactly.
public struct BOLDSignal: Sendable {
    public let areas: [String]
    public let binWidth: Double
    public let binCount: Int
    /// BOLD of area `a` at bin start `k`: `values[a * binCount + k]` (dimensionless).
    public let values: [Double]

    /// From the area rate histogram (kHz, spikes/ms per neuron, converted to spikes/s).
    public init(histogram: RateHistogram, areas: [String]) {
        self.init(areaRatesHz: histogram.areaRatesKHz.map { $0 * 1000 }, areas: areas, binWidth: histogram.binWidth)
    }

    /// From area rates in spikes/s per neuron, `areaRatesHz[a * binCount + k]`, bins of `binWidth` ms.
    public init(areaRatesHz: [Double], areas: [String], binWidth: Double) {
        let bins = areaRatesHz.count / max(areas.count, 1)
        let step = binWidth / 1000
        var values = [Double](repeating: 0, count: areas.count * bins)
        for area in areas.indices {
            var state = State(s: 0, f: 1, v: 1, q: 1)
            for bin in 0..<bins {
                values[area * bins + bin] = state.bold
                guard bin + 1 < bins else { break }
                let z0 = areaRatesHz[area * bins + bin], z1 = areaRatesHz[area * bins + bin + 1], zHalf = (z0 + z1) / 2
                let k1 = state.derivative(z0)
                let k2 = (state + k1 * (step / 2)).derivative(zHalf)
                let k3 = (state + k2 * (step / 2)).derivative(zHalf)
                let k4 = (state + k3 * step).derivative(z1)
                state = state + (k1 + k2 * 2 + k3 * 2 + k4) * (step / 6)
            }
        }
        self.areas = areas
        self.binWidth = binWidth
        self.binCount = bins
        self.values = values
    }

    /// Pearson FC of the BOLD signals over bins with start time ≥ `start` ms.
    public func functionalConnectivity(start: Double = PopulationRate.notebookWindowStart) -> FunctionalConnectivity {
        let first = min(binCount, Int((start / binWidth).rounded(.up)))
        var series: [Double] = []
        for area in areas.indices { series += values[area * binCount + first..<(area + 1) * binCount] }
        return FunctionalConnectivity(areas: areas,
                                      matrix: PearsonCorrelation.matrix(series: series, count: areas.count, length: binCount - first))
    }

    /// `time_ms,<areas>` table.
    public func tableText() -> String {
        AnalysisTables.timeSeries(names: areas, values: values, binCount: binCount, binWidth: binWidth)
    }

    struct State {
        var s, f, v, q: Double
        static let epsilon = 1.0, kappa = 0.65, gamma = 0.41, tau = 0.98, alpha = 0.32, rho = 0.34, restingVolume = 0.02

        func derivative(_ z: Double) -> State {
            let outflow = pow(v, 1 / Self.alpha)
            let extraction = 1 - pow(1 - Self.rho, 1 / f)
            return State(s: Self.epsilon * z - Self.kappa * s - Self.gamma * (f - 1), f: s,
                         v: (f - outflow) / Self.tau,
                         q: (f * extraction / Self.rho - outflow * q / v) / Self.tau)
        }

        var bold: Double {
            Self.restingVolume * (7 * Self.rho * (1 - q) + 2 * (1 - q / v) + (2 * Self.rho - 0.2) * (1 - v))
        }

        static func + (a: State, b: State) -> State { State(s: a.s + b.s, f: a.f + b.f, v: a.v + b.v, q: a.q + b.q) }
        static func * (a: State, k: Double) -> State { State(s: a.s * k, f: a.f * k, v: a.v * k, q: a.q * k) }
    }
}
