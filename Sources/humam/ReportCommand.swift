import Analysis
import ArgumentParser
import Foundation
import Report

/// `humam report`: the notebook as one self-contained HTML page in the run folder.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write report.html into a run folder: network, theory, simulation, spike statistics and FC on one self-contained page.",
        discussion: """
        Every number comes from the run's files (run.json, rates.csv, spikes, and the outputs of humam analyze and \
        humam fc in <run>/analysis) or is computed from them with humam's library (the full-scale network of the \
        recorded parameters and its mean-field fixed points); sections whose inputs are missing say how to produce \
        them. Inputs that are malformed or belong to another run (run.json contradicting the spikes, results of \
        humam analyze or humam fc whose record names another run) are errors. The page needs no network access (figures inline as SVG). It replaces only a report.html that humam wrote.
        """)

    @Option(name: .customLong("run"), help: "Run folder: humam's or the original's NEST output (population_GIDs.dat and spikes). Default: the most recent under out/.")
    var runDirectory: String?

    @Option(help: "Outputs of humam analyze / humam fc of this run (default: <run>/analysis); must exist.")
    var analysis: String?

    @Option(help: "Mean-field rates (area,layer,population,rate_hz) to compare the simulation with, instead of the theory the report solves for the run's network (needed for the original's NEST output, which records no parameters).")
    var theory: String?

    @Option(help: "Folder with the model's input tables and the published FC (else $HUMAM_DATA, else ./notebooks-data, else the installed tables).")
    var data: String?

    func validate() throws {
        if let data, !FileManager.default.fileExists(atPath: data) {
            throw ValidationError("--data \(data) does not exist; expected the folder of the model's input tables")
        }
    }

    func run() throws {
        let folder = try runDirectory.map { RunFolder(URL(fileURLWithPath: $0)) } ?? RunFolder.mostRecent(under: URL(fileURLWithPath: "out"))
        let url = try RunReport.write(run: folder, analysisDirectory: analysis.map { URL(fileURLWithPath: $0) },
                                      theoryRatesFile: theory.map { URL(fileURLWithPath: $0) }, dataDirectory: dataDirectory,
                                      humamVersion: Humam.version)
        print("report written to \(url.path)")
    }

    /// The data folder (`DataFolder`) if it exists.
    var dataDirectory: URL? {
        let url = DataFolder.resolve(explicit: data)
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }
}
