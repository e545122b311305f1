import Analysis
import Foundation
import Model
import Theory

/// `humam theory` as one call: the configuration's network, its stationary rates in the
/// mean-field theory (fixed points from random or given initial rates, or the end of the
/// pseudo-time path), their comparison with simulated rates, and the files asked for. Every
/// file is checked before the network is built, the input rates are read before solving.
public struct TheoryRun: Sendable {
    /// Random initial conditions.
    public var trials = 1
    /// Seed of the initial rates (SplitMix64).
    public var seed: UInt64 = 123
    /// Include the DC drive I_e in the mean input (the original's theory leaves it out).
    public var includeDCDrive = true
    /// Integrate dν/ds = −ν + Φ(ν) to this pseudo-time instead of solving for fixed points.
    public var pseudoTime: Double?
    /// With `pseudoTime`: the path's heat map (.svg or .png).
    public var pathFigure: URL?
    /// Initial rates (CSV area,layer,population,rate_hz) instead of random ones.
    public var initialRates: URL?
    /// Where the rates (of the fixed point most trials reached, or the path's end) go as CSV.
    public var ratesFile: URL?
    /// Simulated rates (CSV area,layer,population,rate_hz) to compare the theory with.
    public var simulatedRates: URL?
    /// With `simulatedRates`: the theory-versus-simulation scatter plot (.svg or .png).
    public var comparisonFigure: URL?
    /// Replace existing files at `ratesFile`, `comparisonFigure`, `pathFigure`.
    public var replace = false

    public init() {}

    /// What the theory came to, and the files written.
    public struct Outcome: Sendable {
        /// The report of the solve or the path (`TheorySummary`).
        public var summary: String
        /// The rates, Hz in layout order: the fixed point most trials reached, or the path's
        /// end; nil when no trial reached a fixed point (then nothing was written).
        public var rates: [Double]?
        public var pathFigure: URL?
        public var ratesFile: URL?
        /// Pearson correlation of the log10 simulated and theory rates, the r of the comparison
        /// figure, over `comparedPopulations` (the non-empty ones where both rates are > 0).
        public var correlation: Double?
        public var comparedPopulations = 0
        /// The rates of every fixed point found, Hz in layout order, in the order of the summary.
        public var fixedPointRates: [[Double]] = []
        /// Where the solve found several fixed points: the same correlation with each of them, in
        /// the order of the summary (empty otherwise), so that a simulation can be placed among
        /// the theory's states.
        public var fixedPointCorrelations: [Double] = []
        public var comparisonFigure: URL?
    }

    public func run(_ configuration: ExperimentConfiguration, humamVersion: String,
                    events: (PipelineEvent) -> Void) throws -> Outcome {
        for file in [ratesFile, comparisonFigure, pathFigure].compactMap({ $0 }) {
            try OutputPlace.check(file, as: .file, replace: replace)
        }
        let network = try NetworkPipeline.build(configuration, humamVersion: humamVersion, events: events)
        let populations = network.nonEmptyPopulations
        var options = TheoryOptions()
        options.trials = trials
        options.seed = seed
        options.includeDCDrive = includeDCDrive
        if let initialRates {
            options.initialRates = [try PopulationTable.readRates(initialRates, of: network)]
        }
        let simulated = try simulatedRates.map {
            try PopulationTable.readRates($0, of: network)
        }
        let summary = TheorySummary(network: network, options: options)
        var outcome = Outcome(summary: "")
        if let pseudoTime {
            let initial = StationaryRates.initialRates(network: network, options: options)[0]
            let path = StationaryRates.integratePseudoTime(network: network, initialRates: initial, end: pseudoTime,
                                                           includeDCDrive: includeDCDrive,
                                                           sampleInterval: pathFigure == nil ? nil : 0.1)
            outcome.summary = summary.pseudoTimeText(path, end: pseudoTime)
            if let pathFigure {
                let figure = TheoryFigures.pseudoTimePath(
                    samples: path.samples.map { sample in populations.map { sample[$0] } }, sampleTimes: path.sampleTimes,
                    populationLabels: populations.map { network.layout.population(at: $0).label })
                try FigureExport.write(figure, toFile: pathFigure)
                outcome.pathFigure = pathFigure
            }
            outcome.rates = path.rates
        } else {
            let result = StationaryRates.solve(network: network, options: options)
            outcome.summary = summary.text(result)
            outcome.rates = result.rates
            outcome.fixedPointRates = result.fixedPoints.map(\.rates)
        }
        guard let rates = outcome.rates else { return outcome }
        if let ratesFile {
            try AtomicFile.write(PopulationTable.text(rates, valueColumn: "rate_hz", layout: network.layout, indices: populations),
                                 to: ratesFile)
            outcome.ratesFile = ratesFile
        }
        if let simulated {
            let simulatedHz = populations.map { simulated[$0] }, theoryHz = populations.map { rates[$0] }
            outcome.correlation = TheoryFigures.logRateCorrelation(simulatedHz: simulatedHz, theoryHz: theoryHz)
            outcome.comparedPopulations = populations.indices.filter { simulatedHz[$0] > 0 && theoryHz[$0] > 0 }.count
            if outcome.fixedPointRates.count > 1 {
                outcome.fixedPointCorrelations = outcome.fixedPointRates.map { fixedPoint in
                    TheoryFigures.logRateCorrelation(simulatedHz: simulatedHz, theoryHz: populations.map { fixedPoint[$0] })
                }
            }
            if let comparisonFigure {
                try FigureExport.write(TheoryFigures.rateComparison(simulatedHz: simulatedHz, theoryHz: theoryHz),
                                       toFile: comparisonFigure)
                outcome.comparisonFigure = comparisonFigure
            }
        }
        return outcome
    }
}
