import Model

/// One area's single-neuron statistics in the paper's 2-s snippets (Pronold et al. 2024, the
/// comparison with human single units; the original's `src/compute_scaling_experiments.py`):
/// windows (2500 + 2000 i, 4500 + 2000 i) ms, open at both ends, i = 0, 1, … while the window
/// lies in the run, at most `maximumSnippets` (the paper's five); per neuron of the area and
/// snippet:
/// - the rate, spike count / 2 s, kept where ≥ 0.5 spikes/s (as the human recordings);
/// - where the neuron fired at least 10 times in the snippet and every ISI is > 0: the CV of its
///   ISIs (population SD over mean, numpy's `np.std`) and its revised local variation with
///   R = 2 ms (the original's `lvr_from_isi`; Shinomoto et al. 2009, Eq. 3):
///   LvR = 3/(n−1) Σₖ (1 − 4 Iₖ Iₖ₊₁/(Iₖ + Iₖ₊₁)²)(1 + 4R/(Iₖ + Iₖ₊₁)), n ISIs.
/// Values are in the order neurons × snippets; their distributions are what is compared.
public struct SnippetStatistics: Sendable {
    public static let firstStartMs = 2500.0
    public static let lengthMs = 2000.0
    public static let maximumSnippets = 5
    public static let minimumRateHz = 0.5
    public static let minimumSpikes = 10
    public static let refractoryPeriodMs = 2.0

    /// The windows, ms.
    public var windows: [(start: Double, stop: Double)]
    public var rates: [Double] = []
    public var coefficientsOfVariation: [Double] = []
    public var revisedLocalVariations: [Double] = []

    /// The snippets of a run of `simulationTime` ms; none if it is shorter than 4500 ms.
    public static func windows(simulationTime: Double) -> [(start: Double, stop: Double)] {
        var windows: [(start: Double, stop: Double)] = []
        while windows.count < maximumSnippets {
            let start = firstStartMs + Double(windows.count) * lengthMs
            guard start + lengthMs <= simulationTime else { break }
            windows.append((start, start + lengthMs))
        }
        return windows
    }

    /// The statistics of the neurons of `trains` (times ascending per neuron, ms) in `neurons`.
    public init(_ trains: SpikeTrains, neurons: [Range<Int>], windows: [(start: Double, stop: Double)]) {
        self.windows = windows
        var intervals: [Double] = []
        for range in neurons {
            for neuron in range {
                let train = trains.train(neuron)
                for window in windows {
                    let spikes = train.drop { $0 <= window.start }.prefix { $0 < window.stop }
                    let rate = Double(spikes.count) / (Self.lengthMs / 1000)
                    if rate >= Self.minimumRateHz { rates.append(rate) }
                    guard spikes.count >= Self.minimumSpikes else { continue }
                    intervals.removeAll(keepingCapacity: true)
                    var previous = spikes.first!
                    for time in spikes.dropFirst() {
                        intervals.append(time - previous)
                        previous = time
                    }
                    guard intervals.allSatisfy({ $0 > 0 }) else { continue }
                    coefficientsOfVariation.append(Self.coefficientOfVariation(intervals))
                    revisedLocalVariations.append(Self.revisedLocalVariation(intervals, refractoryPeriod: Self.refractoryPeriodMs))
                }
            }
        }
    }

    /// Population SD over mean, both in two passes as numpy's `np.std` and `np.mean`.
    static func coefficientOfVariation(_ intervals: [Double]) -> Double {
        let count = Double(intervals.count)
        let mean = intervals.reduce(0, +) / count
        let variance = intervals.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / count
        return variance.squareRoot() / mean
    }

    /// LvR of at least two intervals (formula above).
    static func revisedLocalVariation(_ intervals: [Double], refractoryPeriod: Double) -> Double {
        var sum = 0.0
        for index in 0..<intervals.count - 1 {
            let first = intervals[index], second = intervals[index + 1], pair = first + second
            sum += (1 - 4 * first * second / (pair * pair)) * (1 + 4 * refractoryPeriod / pair)
        }
        return sum * 3 / Double(intervals.count - 1)
    }
}
