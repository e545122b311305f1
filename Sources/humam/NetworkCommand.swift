import Analysis
import ArgumentParser
import Foundation
import Model

/// `humam network`: build the network, print a summary, optionally write its tables.
struct NetworkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "network",
        abstract: "Build the HuMAM network from the input data; print a summary and write its tables.")

    @OptionGroup var network: NetworkOptions

    @Option(help: "Folder for the tables (neuron_numbers.csv, synapses.csv, … summary.json) and the connectivity figure.")
    var out: String?

    func run() throws {
        let start = Date()
        let built = try network.build()
        let seconds = Date().timeIntervalSince(start)
        print(NetworkSummary(network: built, seconds: seconds).text)
        if let out {
            let directory = URL(fileURLWithPath: out)
            try NetworkTables(network: built, constructionSeconds: seconds).write(to: directory)
            let figures = try AreaConnectivityFigure.make(network: built)
                .write(to: directory.appendingPathComponent("area_connectivity"))
            print("tables written to \(directory.path)/; figure: \(figures.map(\.lastPathComponent).joined(separator: ", "))")
        }
    }
}
