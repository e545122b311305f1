import Analysis
import ArgumentParser
import Foundation
import Model
import Pipeline

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

    @Option(parsing: .unconditional, help: "Number of random initial conditions.")
    var trials = 1

    @Option(parsing: .unconditional, help: "Seed of the random initial rates (SplitMix64; default 123).")
    var seed: UInt64?

    @Flag(help: "Leave out the DC drive I_e from the mean input, as the original's theory does.")
    var noDC = false

    @Option(parsing: .unconditional, help: "Integrate the pseudo-time dynamics dν/ds = −ν + Φ(ν) to this s instead of solving for fixed points.")
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
        // One initial condition: the given rates, or the pseudo-time path's (the first random one).
        if trials > 1, let option = initialRates != nil ? "--initial-rates" : pseudoTime != nil ? "--pseudo-time" : nil {
            throw ValidationError("--trials \(trials) does nothing with \(option), which starts from one initial condition")
        }
        if seed != nil && initialRates != nil {
            throw ValidationError("--seed draws random initial rates; it does nothing with --initial-rates")
        }
        if replace && out == nil && figure == nil && pathFigure == nil {
            throw ValidationError("--replace applies to --out, --figure and --path-figure; none is given")
        }
    }

    func run() throws {
        var request = TheoryRun()
        request.trials = trials
        if let seed { request.seed = seed }
        request.includeDCDrive = !noDC
        request.pseudoTime = pseudoTime
        request.pathFigure = pathFigure.map { URL(fileURLWithPath: $0) }
        request.initialRates = initialRates.map { URL(fileURLWithPath: $0) }
        request.ratesFile = out.map { URL(fileURLWithPath: $0) }
        request.simulatedRates = compare.map { URL(fileURLWithPath: $0) }
        request.comparisonFigure = figure.map { URL(fileURLWithPath: $0) }
        request.replace = replace
        let outcome = try request.run(network.configuration(), humamVersion: Humam.version,
                                      events: PipelineMessages.write)
        print(outcome.summary)
        if let pathFigure = outcome.pathFigure { print("path figure written to \(pathFigure.path)") }
        guard outcome.rates != nil else { throw ExitCode(3) }
        if let ratesFile = outcome.ratesFile { print("rates written to \(ratesFile.path)") }
        if let compare, let correlation = outcome.correlation {
            print("  correlation with \(compare): r(log10 rates) = \(correlationText(correlation)) over the \(outcome.comparedPopulations) populations with both rates > 0")
            for (index, correlation) in outcome.fixedPointCorrelations.enumerated() {
                print("    with fixed point \(index + 1): r(log10 rates) = \(correlationText(correlation))")
            }
        }
        if let comparisonFigure = outcome.comparisonFigure { print("figure written to \(comparisonFigure.path)") }
    }
}
