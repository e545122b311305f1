import Analysis
import ArgumentParser
import Foundation
import Model
import Theory

/// `humam theory`: stationary rates of the network in the mean-field theory (shifted Siegert,
/// as the original's NNMT-based `theory.rates`), their convergence and stability.
struct TheoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "theory",
        abstract: "Mean-field stationary rates of the network: fixed points, convergence, stability.",
        discussion: """
            Solves ν = Φ(ν) with the shifted Siegert rate function (Fourcaud & Brunel 2002, as NNMT 1.3) \
            from --trials random initial conditions and reports every distinct fixed point with its \
            linear stability. Exit status 3 if no trial reaches a fixed point. --pseudo-time S instead \
            integrates the original's pseudo-time dynamics to s = S (the original stops at 9.9) and \
            reports where they are.
            """)

    @OptionGroup var network: NetworkOptions

    @Option(help: "Number of random initial conditions.")
    var trials = 1

    @Option(help: "Seed of the initial rates (SplitMix64).")
    var seed: UInt64 = 123

    @Flag(help: "Leave out the DC drive I_e from the mean input, as the original's theory does.")
    var noDC = false

    @Option(help: "Integrate the pseudo-time dynamics dν/ds = −ν + Φ(ν) to this s instead of solving for fixed points.")
    var pseudoTime: Double?

    @Option(help: "With --pseudo-time: write the path as a heat map (log10 rate per population, sampled every 0.1 as the original) to this SVG file.")
    var pathFigure: String?

    @Option(help: "Initial rates (CSV area,layer,population,rate_hz; missing populations 0) instead of random ones, for one trial or the pseudo-time path.")
    var initialRates: String?

    @Option(help: "Write the rates (area,layer,population,rate_hz) of the fixed point reached by most trials, or of the pseudo-time end state, to this CSV file.")
    var out: String?

    @Option(help: "Simulated rates (CSV area,layer,population,rate_hz) to compare the theory with: prints their correlation.")
    var compare: String?

    @Option(help: "With --compare: write the theory-versus-simulation scatter plot (log-log) to this file (.svg or .png).")
    var figure: String?

    @Flag(help: "Replace existing files named by --out, --figure or --path-figure.")
    var replace = false

    func validate() throws {
        guard trials >= 1 else { throw ValidationError("--trials \(trials) is invalid; expected at least 1") }
        if figure != nil && compare == nil {
            throw ValidationError("--figure needs --compare SIMULATED_RATES.csv")
        }
        for name in [figure, pathFigure].compactMap({ $0 })
        where !FigureExport.fileExtensions.contains(URL(fileURLWithPath: name).pathExtension.lowercased()) {
            throw ValidationError("\(name) is not a figure file name; expected a name ending in .svg or .png")
        }
        if pathFigure != nil && pseudoTime == nil {
            throw ValidationError("--path-figure needs --pseudo-time S")
        }
        if let pseudoTime, !(pseudoTime > 0 && pseudoTime.isFinite) {
            throw ValidationError("--pseudo-time \(pseudoTime) is invalid; expected a positive pseudo-time")
        }
    }

    func run() throws {
        // Output files are checked before the solve.
        for path in [out, figure, pathFigure].compactMap({ $0 }) {
            try OutputPlace.check(URL(fileURLWithPath: path), as: .file, replace: replace)
        }
        let built = try network.build()
        var options = TheoryOptions()
        options.trials = trials
        options.seed = seed
        options.includeDCDrive = !noDC
        if let initialRates {
            options.initialRates = [try PopulationTable.readRates(URL(fileURLWithPath: initialRates), layout: built.layout,
                                                                  required: built.nonEmptyPopulations)]
        }
        // Read the comparison rates first, so that a bad file is reported before any solving.
        let simulated = try compare.map {
            try PopulationTable.readRates(URL(fileURLWithPath: $0), layout: built.layout, required: built.nonEmptyPopulations)
        }
        let summary = TheorySummary(network: built, options: options)
        if let pseudoTime {
            let initial = StationaryRates.initialRates(network: built, options: options)[0]
            let path = StationaryRates.integratePseudoTime(network: built, initialRates: initial, end: pseudoTime,
                                                           includeDCDrive: options.includeDCDrive,
                                                           sampleInterval: pathFigure == nil ? nil : 0.1)
            print(summary.pseudoTimeText(path, end: pseudoTime))
            if let pathFigure {
                let populations = built.nonEmptyPopulations
                let figure = TheoryFigures.pseudoTimePath(
                    samples: path.samples.map { sample in populations.map { sample[$0] } }, sampleTimes: path.sampleTimes,
                    populationLabels: populations.map { built.layout.population(at: $0).label })
                print("path figure written to \(try Self.write(figure, to: pathFigure))")
            }
            try write(path.rates, network: built, simulated: simulated)
            return
        }
        let result = StationaryRates.solve(network: built, options: options)
        print(summary.text(result))
        guard let rates = result.rates else { throw ExitCode(3) }
        try write(rates, network: built, simulated: simulated)
    }

    private func write(_ rates: [Double], network: Network, simulated: [Double]?) throws {
        try write(rates, layout: network.layout, populations: network.nonEmptyPopulations)
        guard let compare, let simulated else { return }
        let populations = network.nonEmptyPopulations
        let simulatedHz = populations.map { simulated[$0] }, theoryHz = populations.map { rates[$0] }
        let correlation = PearsonCorrelation.coefficient(simulatedHz, theoryHz)
        print("  correlation with \(compare): \(correlationText(correlation)) over \(populations.count) populations")
        if let figure {
            let comparison = TheoryFigures.rateComparison(simulatedHz: simulatedHz, theoryHz: theoryHz)
            print("figure written to \(try Self.write(comparison, to: figure))")
        }
    }

    private func write(_ rates: [Double], layout: PopulationLayout, populations: [Int]) throws {
        guard let out else { return }
        let url = URL(fileURLWithPath: out)
        try AtomicFile.write(PopulationTable.text(rates, valueColumn: "rate_hz", layout: layout, indices: populations), to: url)
        print("rates written to \(url.path)")
    }

    /// Writes `figure` to exactly `path` (.svg or .png).
    private static func write(_ figure: some Figure, to path: String) throws -> String {
        let url = URL(fileURLWithPath: path)
        try FigureExport.write(figure, toFile: url)
        return url.path
    }
}
