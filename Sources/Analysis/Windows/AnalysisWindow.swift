import Model

/// A time window of a run that an analysis uses, checked against the run: it must lie inside
/// [0, t_sim] and be long enough for what is computed.
public struct AnalysisWindow: Sendable, Equatable {
    /// Start and end, ms.
    public let start: Double
    public let stop: Double

    public var length: Double { stop - start }

    /// - Parameters:
    ///   - stop: end of the window, ms (nil: the simulated time).
    ///   - minimumLength: shortest window, ms, that `purpose` can use.
    public init(start: Double, stop: Double? = nil, simulationTime: Double, minimumLength: Double,
                purpose: String) throws(InputError) {
        let stop = stop ?? simulationTime
        guard start.isFinite, start >= 0, start < simulationTime else {
            throw InputError("--t-start \(start) ms lies outside the run: expected 0 ≤ t-start < \(simulationTime) ms (the simulated time)")
        }
        guard stop.isFinite, stop > start, stop <= simulationTime else {
            throw InputError("--t-stop \(stop) ms: expected \(start) < t-stop ≤ \(simulationTime) ms (the simulated time)")
        }
        guard stop - start >= minimumLength else {
            throw InputError("the window \(start)–\(stop) ms is \(stop - start) ms long; \(purpose) needs at least \(minimumLength) ms (lower --t-start or simulate longer)")
        }
        self.start = start
        self.stop = stop
    }
}
