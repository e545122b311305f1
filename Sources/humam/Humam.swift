import ArgumentParser
import Foundation
import Model

/// Every numeric option is declared with `parsing: .unconditional`: its value is read as given,
/// so that a negative one (`--t-sim -5`) is parsed as a number and refused with its valid range
/// by the command's `validate`, instead of being taken for a flag ("Missing value").
@main
struct Humam: ParsableCommand {
    /// humam's release version, recorded in every file it writes.
    static let version = "0.2.0"

    static let configuration = CommandConfiguration(
        abstract: "The Human Multi-Area Model (Pronold et al. 2024): network, theory, simulation, analysis.",
        version: "\(version) (engine \(EngineVersion.current), commit \(buildCommit))",
        subcommands: [NetworkCommand.self, TheoryCommand.self, SimulateCommand.self, AnalyzeCommand.self, FCCommand.self,
                      ExportCommand.self, ReportCommand.self])

    static func main() {
        // A write beyond the file size limit then fails with an error that humam reports, as on
        // a full disk, instead of killing the process with SIGXFSZ.
        _ = signal(SIGXFSZ, SIG_IGN)
        main(nil)
    }
}
