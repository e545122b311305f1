import ArgumentParser

@main
struct Humam: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The Human Multi-Area Model (Pronold et al. 2024): network, theory, simulation, analysis.",
        version: "0.1.0",
        subcommands: [NetworkCommand.self, TheoryCommand.self, SimulateCommand.self, AnalyzeCommand.self, FCCommand.self,
                      ExportCommand.self, ReportCommand.self])
}
