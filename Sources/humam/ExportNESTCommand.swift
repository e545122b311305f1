import ArgumentParser
import Foundation
import Model
import Pipeline

/// `humam export nest --out DIR`: the network and simulation parameters as network.json plus a
/// PyNEST script that builds and simulates exactly that network (threads or MPI) and writes a
/// humam run folder. See docs/nest-export.md.
struct ExportNESTCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nest",
        abstract: "Write network.json and run_nest.py: the same network, built and simulated by NEST 3 (threads or MPI).",
        discussion: """
            Then: python3 DIR/run_nest.py --out RUN_DIR [--threads N] [--check-connections]
            or:   mpirun -n N python3 DIR/run_nest.py --out RUN_DIR   (NEST built with MPI)
            RUN_DIR gets spikes/*.dat (NEST ASCII), population_GIDs.dat, rates.csv and run.json, \
            the layout `humam analyze` and `humam fc` read. See docs/nest-export.md.
            """)

    @OptionGroup var network: NetworkOptions
    @OptionGroup var simulation: SimulationOptions

    @Option(help: "Folder for network.json and run_nest.py.")
    var out: String

    @Flag(help: "Replace the export humam wrote before in --out.")
    var replace = false

    func run() throws {
        let output = try OutputFolder(URL(fileURLWithPath: out), replace: replace)
        let configuration = try network.configuration(defaultScaling: SimulateCommand.notebookScaling,
                                                      simulation: simulation.overrides())
        let outcome = try NESTExportRun.run(configuration, into: output, options: recordedOptions, humamVersion: Humam.version,
                                            events: PipelineMessages.write)
        print("""
            exported \(outcome.network.totalNeurons) neurons, \(outcome.network.totalSynapses) synapses, \
            \(outcome.network.nonEmptyPopulations.count) populations to \(outcome.directory.path)/
            run: \(ShellCommand.line(["python3", outcome.script.path])) --out RUN_DIR
            """)
    }

    /// The network options as given on the command line (unset ones omitted).
    var recordedOptions: [String: String] {
        var options: [String: String] = ["data": network.dataDirectory.path]
        options["config"] = network.config
        options["scaling"] = network.scaling.map { "\($0)" }
        options["chi"] = network.chi.map { "\($0)" }
        options["downscaling"] = network.downscaling?.rawValue
        options["fullscale_rates"] = network.fullscaleRates
        return options
    }
}
