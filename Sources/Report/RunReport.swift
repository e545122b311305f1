import Analysis
import Foundation
import Model
import RunFormat

/// The notebook as one page for a run folder: its record, network, theory, simulation, spike
/// statistics and FC, each section built from the run's files (run.json, rates.csv, spikes,
/// `humam analyze` / `humam fc` outputs) with the library's code. A section whose input is
/// missing says so and how to produce it; an input that is malformed, out of range or belongs to
/// another run (run.json contradicting the spikes, results whose `AnalysedRun` record is not
/// this run's) is an error naming the file. Works on humam runs and on the original's NEST
/// output (population_GIDs.dat + spikes/*.dat), which has no run.json.
public struct RunReport {
    public let run: RunFolder
    /// Outputs of `humam analyze` and `humam fc` (default `<run>/analysis`).
    public let analysisDirectory: URL
    /// The model's input tables and the published FC (notebooks-data/); nil: not available.
    public let dataDirectory: URL?
    /// Mean-field rates (area,layer,population,rate_hz) to compare with instead of the theory
    /// solved here (e.g. the original's NNMT rates); nil: none.
    public let theoryRatesFile: URL?
    /// Version of the humam writing the report.
    public let humamVersion: String

    let trains: SpikeTrains
    /// run.json as written by `humam simulate` or the exported NEST script (nil for the original's
    /// NEST output).
    let record: RunRecord?
    let networkParameters: NetworkParameters?
    /// The full-scale network with the run's parameters (for the area connectivity and the
    /// theory); nil when the parameters or the data are missing.
    let fullScaleNetwork: Network?
    /// The run as the records of `humam analyze` and `humam fc` must name it.
    let analysedRun: AnalysedRun

    /// Reads the run's spikes and record, checks that they agree, and builds the full-scale
    /// network of its parameters. A given `analysisDirectory` must exist.
    public init(run: RunFolder, analysisDirectory: URL? = nil, dataDirectory: URL?, theoryRatesFile: URL? = nil,
                humamVersion: String) throws(InputError) {
        if let analysisDirectory, !FileManager.default.fileExists(atPath: analysisDirectory.path) {
            throw InputError(file: analysisDirectory.path, "does not exist (--analysis); give the folder humam analyze and humam fc wrote, or leave --analysis out for <run>/analysis")
        }
        self.run = run
        self.analysisDirectory = analysisDirectory ?? run.url.appendingPathComponent("analysis")
        self.dataDirectory = dataDirectory
        self.theoryRatesFile = theoryRatesFile
        self.humamVersion = humamVersion
        trains = try run.spikeTrains()
        record = try run.runRecord()
        analysedRun = try AnalysedRun(run, spikes: trains.spikeCount, neurons: trains.neuronCount,
                                      simulationTime: trains.simulationTime)
        networkParameters = try run.recordedNetworkParameters()
        if let parameters = networkParameters, let dataDirectory {
            // Full scale needs no DC compensation, hence no theory rates.
            fullScaleNetwork = try Network.build(data: try ModelData.load(from: dataDirectory), parameters: parameters.atFullScale)
        } else {
            fullScaleNetwork = nil
        }
        try checkRecordAgainstSpikes()
    }

    var layout: PopulationLayout { trains.populations.layout }

    /// Throws where run.json's neurons or spikes contradict population_GIDs.dat and the spikes
    /// (its simulated time is checked against spikes.bin when the spikes are read,
    /// `RunFolder.spikeSource`).
    func checkRecordAgainstSpikes() throws(InputError) {
        let file = run.url.appendingPathComponent(RunFiles.record)
        for (key, recorded, actual, source) in [("neurons", record?.neurons, trains.neuronCount, run.populationGIDsFile.lastPathComponent),
                                                ("spikes", record?.spikes, trains.spikeCount, "the spike files")] {
            if let recorded, recorded != actual {
                throw InputError(file: file.path, field: key, "is \(recorded), but \(source) of the run hold \(actual): run.json belongs to another run, or the run's files were changed")
            }
        }
    }

    /// The non-empty populations (layout indices).
    var populated: [Int] { (0..<layout.count).filter { trains.populations.neuronCounts[$0] > 0 } }

    /// The start of the rate window of the run's rates, ms: from run.json, else the rule humam
    /// simulate follows (`PopulationRate.windowStart`).
    var rateWindowStart: Double {
        record?.rateWindowStartMs ?? PopulationRate.windowStart(duration: trains.simulationTime)
    }

    /// Simulated rate per population (layout order, NaN for empty populations): the run's
    /// rates.csv (a rate ≥ 0 for every non-empty population), else computed from the spikes from
    /// `rateWindowStart`; and where they come from.
    func simulatedRates() throws(InputError) -> (rates: [Double], source: String) {
        let file = run.url.appendingPathComponent("rates.csv")
        if FileManager.default.fileExists(atPath: file.path) {
            var rates = try PopulationTable.read(file, valueColumn: "rate_hz", layout: layout, required: populated,
                                                 range: PopulationTable.rateRange, missing: .nan)
            for index in rates.indices where trains.populations.neuronCounts[index] == 0 { rates[index] = .nan }
            return (rates, "rates.csv")
        }
        return (FiringRates.populationRates(trains, start: rateWindowStart),
                "the spikes, t ≥ \(ReportNumber.text(rateWindowStart)) ms (no rates.csv)")
    }

    /// The whole page.
    public func html() throws(InputError) -> String {
        var page = HTMLPage(title: "humam report: \(run.url.lastPathComponent)")
        page.heading("humam report", level: 1)
        page.paragraph("Run folder \(run.url.standardizedFileURL.path), written by humam report \(humamVersion). Every number on this page is read from the run's files or computed from them with humam's library.")
        page.append(raw: "<nav>" + Self.sections.map { "<a href=\"#\($0.id)\">\(HTMLPage.escape($0.title))</a>" }.joined() + "</nav>")
        appendRunSection(to: &page)
        try appendNetworkSection(to: &page)
        try appendTheorySection(to: &page)
        try appendSimulationSection(to: &page)
        try appendStatisticsSection(to: &page)
        try appendFCSection(to: &page)
        return page.text
    }

    /// Section ids and titles, in page order.
    static let sections: [(id: String, title: String)] = [
        ("run", "Run"), ("network", "1 Network"), ("theory", "2 Theory"), ("simulation", "3 Simulation"),
        ("statistics", "4 Spike statistics"), ("fc", "5 Functional connectivity"),
    ]

    func heading(_ id: String, to page: inout HTMLPage) {
        page.heading(Self.sections.first { $0.id == id }!.title, id: id)
    }
}

extension RunReport {
    /// `humam report` as one call: checks `theoryRatesFile` and that `report.html` may be
    /// replaced (`ReportFile`) before any work, builds the report of `folder` and writes it
    /// into the folder; returns the file.
    public static func write(run folder: RunFolder, analysisDirectory: URL? = nil, theoryRatesFile: URL? = nil,
                             dataDirectory: URL?, humamVersion: String) throws -> URL {
        if let theoryRatesFile, !FileManager.default.fileExists(atPath: theoryRatesFile.path) {
            throw InputError(file: theoryRatesFile.path, "does not exist (--theory)")
        }
        try ReportFile.checkReplaceable(folder.url.appendingPathComponent(ReportFile.name))
        let report = try RunReport(run: folder, analysisDirectory: analysisDirectory, dataDirectory: dataDirectory,
                                   theoryRatesFile: theoryRatesFile, humamVersion: humamVersion)
        return try ReportFile.write(report.html(), into: folder.url)
    }
}
