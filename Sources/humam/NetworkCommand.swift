import ArgumentParser
import Foundation
import Model
import Pipeline

/// `humam network`: build the network, print a summary, optionally write its tables.
struct NetworkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "network",
        abstract: "Build the HuMAM network from the input data; print a summary and write its tables.")

    @OptionGroup var network: NetworkOptions

    @Option(help: "Folder for the tables (neuron_numbers.csv, synapses.csv, … summary.json) and the connectivity figure.")
    var out: String?

    @Flag(help: "Replace the tables humam wrote before in --out.")
    var replace = false

    @Option(name: .customLong("thread-load"),
            help: "CSV (area,layer,population,rate_hz) of population rates, e.g. a run's rates.csv or `humam theory --out`: print how evenly the work spreads over 1 to 256 threads at these rates.")
    var threadLoadRates: String?

    func validate() throws {
        if replace && out == nil { throw ValidationError("--replace applies to --out; without --out nothing is written") }
    }

    func run() throws {
        // Checked before the work; made only when the tables are written, so bad input writes nothing.
        let output = try out.map { path throws(InputError) in try OutputFolder(URL(fileURLWithPath: path), replace: replace) }
        let outcome = try NetworkRun.run(network.configuration(), into: output,
                                         threadLoadRates: threadLoadRates.map { URL(fileURLWithPath: $0) },
                                         humamVersion: Humam.version, events: PipelineMessages.write)
        print(outcome.summary.text)
        if let threadLoad = outcome.threadLoad { print(threadLoad.text) }
        if let directory = outcome.directory {
            print("tables written to \(directory.path)/; figure: \(outcome.figures.map(\.lastPathComponent).joined(separator: ", "))")
        }
    }
}
