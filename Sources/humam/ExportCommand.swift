import ArgumentParser

/// `humam export`: hand a humam network to another simulator.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a network for another simulator.",
        subcommands: [ExportNESTCommand.self])
}
