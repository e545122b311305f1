import Analysis
import ArgumentParser
import Foundation
import Model

/// Options naming a simulation output folder and where analysis results go; shared by
/// `humam analyze` and `humam fc`.
struct RunOptions: ParsableArguments {
    @Option(help: "Simulation output folder: humam's (spikes.bin) or the original's NEST output (spikes/*.dat); both need population_GIDs.dat. Default: the most recent under out/.")
    var run: String?

    @Option(help: "Folder for the results (default: <run>/analysis).")
    var out: String?

    @Option(name: .customLong("t-sim"), parsing: .unconditional, help: "Simulated time, ms (default: from the run's record, run.json or sim.yaml).")
    var simulationTime: Double?

    @Flag(help: "Write no figures.")
    var noFigures = false

    @Flag(help: "Replace the results humam wrote before in --out (the default folder <run>/analysis is replaced without asking).")
    var replace = false

    func validate() throws {
        if let simulationTime, !(simulationTime > 0 && simulationTime.isFinite) {
            throw ValidationError("--t-sim \(simulationTime) is invalid; expected a simulated time > 0 ms")
        }
        if replace && out == nil {
            throw ValidationError("--replace applies to --out; the default folder <run>/analysis is replaced without it")
        }
    }

    /// The run folder, its records (run.json) checked to be readable.
    func runFolder() throws -> RunFolder {
        let folder = try run.map { RunFolder(URL(fileURLWithPath: $0)) } ?? RunFolder.mostRecent(under: URL(fileURLWithPath: "out"))
        try folder.checkRecords()
        return folder
    }

    /// The results folder, checked before any work (`OutputFolder`; created when the results
    /// are written): `--out`, or `<run>/analysis`, whose earlier results are replaced.
    func outputFolder(for folder: RunFolder) throws(InputError) -> OutputFolder {
        try OutputFolder(out.map { URL(fileURLWithPath: $0) } ?? folder.url.appendingPathComponent("analysis"),
                         replace: replace || out == nil)
    }
}

extension RunOptions {
    /// The first line `humam analyze` and `humam fc` print: the run and the size of its spikes.
    static func description(of folder: RunFolder, _ totals: SpikeTotals) -> String {
        "run: \(folder.url.path) (\(totals.spikeCount) spikes, \(totals.neuronCount) neurons, t_sim \(totals.simulationTime) ms)"
    }
}

extension PSCKernel: ExpressibleByArgument {}
extension Hemisphere: ExpressibleByArgument {}
