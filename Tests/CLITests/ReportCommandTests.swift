import Analysis
import Foundation
import Model
import RunFormat
import Report
import Testing
import TestSupport
import Theory
@testable import humam

/// `humam report` on a tiny run made by the commands themselves (simulate at scaling 0.001 for
/// 700 ms, analyze, fc against the HCP FC): every section, numbers equal to the run's files,
/// "undefined" for statistics without data, no external references, user files kept.
@Suite struct ReportCommandTests {
    /// The run folder (inside a temporary folder), made once for all tests.
    static let tinyRun: Result<URL, any Error> = Result {
        let parent = try Fixtures.temporaryDirectory("humam-report")
        let run = parent.appendingPathComponent("run")
        try TinyRuns.simulate(into: run, ["--t-sim", "700", "--no-figures"])
        try AnalyzeCommand.parse(["--run", run.path, "--no-figures"]).run()
        try FCCommand.parse(["--run", run.path, "--no-figures", "--compare", TinyRuns.experimentalFC]).run()
        return run
    }

    static let theoryFile = Fixtures.dataDirectory.appendingPathComponent("base_theory_rates.csv")

    /// Writes the report of `run` and returns its text.
    func report(_ run: URL, analysis: URL? = nil, theory: URL? = nil) throws -> String {
        let file = try RunReport.write(run: RunFolder(run), analysisDirectory: analysis, theoryRatesFile: theory,
                                        dataDirectory: Fixtures.dataDirectory, humamVersion: Humam.version)
        #expect(file == run.appendingPathComponent("report.html"))
        return try String(contentsOf: file, encoding: .utf8)
    }

    /// The text of the cell with `id`.
    func cell(_ id: String, in html: String) -> String? {
        guard let start = html.range(of: "<td id=\"\(id)\">") else { return nil }
        return String(html[start.upperBound...].prefix { $0 != "<" })
    }

    func recordNumber(_ key: String, _ run: URL) throws -> Double {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: run.appendingPathComponent("run.json"))) as? [String: Any]
        return try #require((object?[key] as? NSNumber)?.doubleValue)
    }

    @Test func everySectionWithTheRunsNumbers() throws {
        let run = try Self.tinyRun.get()
        let html = try report(run)
        for id in ["run", "network", "theory", "simulation", "statistics", "fc"] { #expect(html.contains("<h2 id=\"\(id)\">"), "\(id)") }
        for title in ["3.1 Mean firing rates", "3.2 Instantaneous firing rates", "3.3 Time-averaged firing rates", "3.4 Raster",
                      "Published full-scale results"] {
            #expect(html.contains(">\(title)</h3>"), "\(title)")
        }
        // Every input is there, so no section says something is missing.
        #expect(!html.contains("class=\"missing\""))
        #expect(html.contains(HTMLPage.generatorMarker))
        #expect(html.components(separatedBy: "<svg").count - 1 >= 9)

        // run.json
        #expect(cell("run-spikes", in: html) == ReportNumber.text(Int(try recordNumber("spikes", run))))
        #expect(cell("run-neurons", in: html) == ReportNumber.text(Int(try recordNumber("neurons", run))))
        #expect(cell("run-mean-rate-hz", in: html) == ReportNumber.text(try recordNumber("mean_rate_hz", run)))
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: run.appendingPathComponent("run.json"))) as? [String: Any]
        #expect(cell("run-network-hash", in: html) == object?["network_hash"] as? String)
        #expect(cell("run-humam-version", in: html) == object?["humam_version"] as? String && object?["humam_version"] as? String == Humam.version)
        #expect(cell("run-seed", in: html) == nil && cell("run-master-seed", in: html) == "2903")
        #expect(cell("run-chi", in: html) == "1; 2")

        // population_GIDs.dat and rates.csv
        let populations = try PopulationGIDs.read(run.appendingPathComponent("population_GIDs.dat"))
        #expect(cell("network-neurons", in: html) == ReportNumber.text(populations.neuronCounts.reduce(0, +)))
        let rateTable = try CSVTable(contentsOf: run.appendingPathComponent("rates.csv"))
        let rates = try rateTable.numbers(column: "rate_hz")
        #expect(cell("simulation-mean-rate", in: html) == ReportNumber.text(rates.reduce(0, +) / Double(rates.count)))
        #expect(cell("theory-simulated-mean-rate", in: html) == cell("simulation-mean-rate", in: html))
        #expect(cell("simulation-silent", in: html) == "\(rates.filter { $0 == 0 }.count) of \(rates.count)")

        // The theory of the full-scale network with the recorded parameters: one stable fixed point
        // (leading eigenvalue −0.8726 at chi 1, as humam theory prints), compared over the run's
        // non-empty populations.
        var parameters = try #require(try RunFolder(run).recordedNetworkParameters())
        parameters.downscaling.neuronScaling = 1
        parameters.downscaling.indegreeScaling = 1
        let result = StationaryRates.solve(network: try Network.build(data: try ModelData.load(from: Fixtures.dataDirectory), parameters: parameters))
        let theory = try #require(result.rates)
        #expect(cell("theory-fixed-point-1-stability", in: html) == "stable")
        #expect(cell("theory-fixed-point-1-eigenvalue", in: html) == "-0.8726")
        #expect(cell("theory-fixed-point-2-stability", in: html) == nil)
        let modelled = result.modelledPopulations
        #expect(cell("theory-fixed-point-1-mean-rate", in: html) == ReportNumber.text(modelled.map { theory[$0] }.reduce(0, +) / Double(modelled.count)))
        let compared = (0..<populations.layout.count).filter { populations.neuronCounts[$0] > 0 }
        #expect(cell("theory-mean-rate", in: html) == ReportNumber.text(compared.map { theory[$0] }.reduce(0, +) / Double(compared.count)))

        // humam analyze's table (undefined values are empty cells), shown as "undefined".
        let statistics = try CSVTable(contentsOf: run.appendingPathComponent("analysis/population_statistics.csv"))
        let cv = try statistics.strings(column: "cv_isi"), correlation = try statistics.strings(column: "spike_count_correlation")
        let labels = try zip(zip(statistics.strings(column: "area"), statistics.strings(column: "layer")), statistics.strings(column: "population"))
            .map { "\($0.0.0)/\($0.0.1)/\($0.1)" }
        let undefined = try #require(cv.firstIndex(of: ""))
        #expect(cell("statistics-\(labels[undefined])-cv_isi", in: html) == "undefined")
        #expect(cell("statistics-undefined-cv_isi", in: html) == ReportNumber.text(cv.filter(\.isEmpty).count))
        let defined = try #require(correlation.firstIndex { !$0.isEmpty })
        #expect(cell("statistics-\(labels[defined])-spike_count_correlation", in: html) == ReportNumber.text(try #require(Double(correlation[defined]))))
        #expect(cell("statistics-undefined-spike_count_correlation", in: html) == ReportNumber.text(correlation.filter(\.isEmpty).count))

        // humam fc's comparison.
        let comparison = try JSONDecoder().decode(FCComparison.self, from: Data(contentsOf: run.appendingPathComponent("analysis/fc_comparison.json")))
        #expect(cell("fc-pearson", in: html) == ReportNumber.text(comparison.pearsonR))
        #expect(cell("fc-spearman", in: html) == ReportNumber.text(comparison.spearmanR))
        #expect(cell("fc-pairs", in: html) == "561")
        #expect(cell("fc-published-pearson", in: html) != nil)
    }

    /// Nothing on the page is fetched: no src attributes, every link within the page.
    @Test func noExternalReferences() throws {
        let html = try report(try Self.tinyRun.get())
        #expect(!html.contains("src="))
        #expect(!html.contains("http-equiv"))
        let links = html.components(separatedBy: "href=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
        #expect(!links.isEmpty && links.allSatisfy { $0.hasPrefix("#") }, "\(links)")
        #expect(!html.contains("<script") && !html.contains("<link") && !html.contains("@import"))
    }

    /// Sections without their inputs say so; the original's NEST output (no run.json, no
    /// rates.csv, no spikes.bin) gives the same rates, computed from the spikes.
    @Test func missingInputsAreStatedAndNESTOutputWorks() throws {
        let run = try Self.tinyRun.get()
        let parent = try Fixtures.temporaryDirectory("humam-report-nest")
        defer { try? FileManager.default.removeItem(at: parent) }
        let nest = parent.appendingPathComponent("nest")
        try FileManager.default.createDirectory(at: nest, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: run.appendingPathComponent("population_GIDs.dat"), to: nest.appendingPathComponent("population_GIDs.dat"))
        try FileManager.default.copyItem(at: run.appendingPathComponent("spikes"), to: nest.appendingPathComponent("spikes"))
        try "t_sim: 700.0\nsim_resolution: 0.1\n".write(to: nest.appendingPathComponent("sim.yaml"), atomically: true, encoding: .utf8)
        let html = try report(nest)
        for text in ["No run.json", "No mean-field rates", "No spike statistics yet", "No simulated FC yet",
                     "The network parameters are not recorded", "the mean-field theory is not solved here"] {
            #expect(html.contains(text), "\(text)")
        }
        // Given rates (here the original's NNMT rates, notebooks-data) are compared with instead.
        let given = try report(nest, theory: Self.theoryFile)
        #expect(!given.contains("No mean-field rates") && given.contains(Self.theoryFile.path))
        let populations = try PopulationGIDs.read(nest.appendingPathComponent("population_GIDs.dat"))
        let theory = try PopulationTable.read(Self.theoryFile, valueColumn: "rate_hz", layout: populations.layout, missing: .nan)
        let compared = (0..<populations.layout.count).filter { populations.neuronCounts[$0] > 0 && theory[$0].isFinite }
        #expect(cell("theory-mean-rate", in: given) == ReportNumber.text(compared.map { theory[$0] }.reduce(0, +) / Double(compared.count)))
        let humam = try report(run)
        #expect(cell("simulation-mean-rate", in: html) == cell("simulation-mean-rate", in: humam))
        #expect(cell("network-neurons", in: html) == cell("network-neurons", in: humam))
        #expect(html.contains("<h2 id=\"fc\">") && html.contains(">3.4 Raster</h3>"))
    }

    /// A report.html that humam did not write is never replaced; one it wrote is.
    @Test func keepsAReportItDidNotWrite() throws {
        let parent = try Fixtures.temporaryDirectory("humam-report-keep")
        defer { try? FileManager.default.removeItem(at: parent) }
        let run = parent.appendingPathComponent("run")
        try FileManager.default.createDirectory(at: run, withIntermediateDirectories: true)
        // The run's own files only (other tests write reports into the shared run meanwhile).
        for name in ["population_GIDs.dat", "spikes.bin", "spikes", "run.json", "rates.csv"] {
            try FileManager.default.copyItem(at: try Self.tinyRun.get().appendingPathComponent(name), to: run.appendingPathComponent(name))
        }
        let file = run.appendingPathComponent("report.html")
        try "my notes".write(to: file, atomically: true, encoding: .utf8)
        #expect(throws: InputError.self) { try report(run) }
        #expect(try String(contentsOf: file, encoding: .utf8) == "my notes")
        try FileManager.default.removeItem(at: file)
        _ = try report(run)
        let first = try String(contentsOf: file, encoding: .utf8)
        _ = try report(run)
        #expect(try String(contentsOf: file, encoding: .utf8) == first)
        #expect(try FileManager.default.contentsOfDirectory(atPath: run.path).filter { $0.contains("partial") }.isEmpty)
    }

    /// A copy of the tiny run's own files and analysis in a new temporary folder, changed by
    /// `change`; the report of it must fail with an error containing every one of `expected`
    /// and write nothing.
    func expectRefused(_ expected: [String], analysis: ((URL) -> URL)? = nil, _ change: (URL) throws -> Void) throws {
        let parent = try Fixtures.temporaryDirectory("humam-report-refused")
        defer { try? FileManager.default.removeItem(at: parent) }
        let run = parent.appendingPathComponent("run")
        try FileManager.default.createDirectory(at: run, withIntermediateDirectories: true)
        for name in ["population_GIDs.dat", "spikes.bin", "spikes", "run.json", "rates.csv", "analysis"] {
            try FileManager.default.copyItem(at: try Self.tinyRun.get().appendingPathComponent(name), to: run.appendingPathComponent(name))
        }
        try change(run)
        let error = #expect(throws: InputError.self) { try report(run, analysis: analysis?(run)) }
        for text in expected { #expect(error?.description.contains(text) == true, "\(text) in \(error?.description ?? "")") }
        #expect(!FileManager.default.fileExists(atPath: run.appendingPathComponent(ReportFile.name).path))
    }

    /// Rewrites the JSON object of `file` with `change`.
    func editJSON(_ file: URL, _ change: (inout [String: Any]) -> Void) throws {
        var object = try TinyRuns.jsonObject(file)
        change(&object)
        try JSONSerialization.data(withJSONObject: object).write(to: file)
    }

    /// Replaces the text of `file` by `change` of it.
    func editText(_ file: URL, _ change: (String) -> String) throws {
        try change(try String(contentsOf: file, encoding: .utf8)).write(to: file, atomically: true, encoding: .utf8)
    }

    /// The report takes no input that belongs to another run or is malformed (before, each of
    /// these was shown, averaged in or turned into "undefined"; huge numbers trapped).
    @Test func refusesInputsOfAnotherRunAndMalformedInputs() throws {
        // Results of humam analyze / fc of another run (their records name its hashes), or
        // without a record of the run they analysed.
        try expectRefused(["analysis/analyze_run.json: field 'simulation_hash'", "belong to another run"]) { run in
            try editJSON(run.appendingPathComponent("analysis/analyze_run.json")) { $0["simulation_hash"] = "0123456789abcdef" }
        }
        try expectRefused(["analysis/fc_run.json: field 'spikes'", "belong to another run"]) { run in
            try editJSON(run.appendingPathComponent("analysis/fc_run.json")) { $0["spikes"] = 1 }
        }
        try expectRefused(["analysis/analyze_run.json", "does not exist"]) { run in
            try FileManager.default.removeItem(at: run.appendingPathComponent("analysis/analyze_run.json"))
        }
        // A missing --analysis folder, given explicitly.
        try expectRefused(["elsewhere: does not exist (--analysis)"], analysis: { $0.appendingPathComponent("elsewhere") }) { _ in }
        // A statistics table cut after its first rows, or inside a row.
        try expectRefused(["population_statistics.csv: field 'rate_hz': has no row for"]) { run in
            try editText(run.appendingPathComponent("analysis/population_statistics.csv")) { $0.split(separator: "\n").prefix(5).joined(separator: "\n") + "\n" }
        }
        try expectRefused(["population_statistics.csv:6:"]) { run in
            try editText(run.appendingPathComponent("analysis/population_statistics.csv")) { text in
                let lines = text.split(separator: "\n")
                return lines.prefix(5).joined(separator: "\n") + "\n" + lines[5].prefix(20)
            }
        }
        // A negative rate, and a rate of 1e308 (it trapped when printed), in rates.csv.
        for rate in ["-1.5", "1e308"] {
            try expectRefused(["rates.csv:2: field 'rate_hz': \(Double(rate)!) is outside the valid range; expected 0 ≤ x ≤ 10000 Hz"]) { run in
                try editText(run.appendingPathComponent("rates.csv")) { text in
                    var lines = text.split(separator: "\n").map(String.init)
                    lines[1] = lines[1].split(separator: ",").dropLast().joined(separator: ",") + "," + rate
                    return lines.joined(separator: "\n") + "\n"
                }
            }
        }
        // run.json contradicting the spikes: another duration than spikes.bin's, 10^9 neurons.
        try expectRefused(["spikes.bin: holds 700.0 ms of spikes", "t_sim = 900.0 ms"]) { run in
            try editJSON(run.appendingPathComponent("run.json")) { object in
                var parameters = object["sim_params"] as? [String: Any] ?? [:]
                parameters["t_sim"] = 900.0
                object["sim_params"] = parameters
            }
        }
        try expectRefused(["run.json: field 'neurons': is 1000000000, but population_GIDs.dat of the run hold 3465"]) { run in
            try editJSON(run.appendingPathComponent("run.json")) { $0["neurons"] = 1_000_000_000 }
        }
        // 10^30 neurons: no count of a run record, which is refused as such.
        try expectRefused(["run.json: is corrupt: not readable as a run record"]) { run in
            try editJSON(run.appendingPathComponent("run.json")) { $0["neurons"] = 1e30 }
        }
        // A simulated time no analysis can bin (it trapped counting the bins).
        try expectRefused(["has a simulated time of 1e+300 ms; the analyses take at most"]) { run in
            try FileManager.default.removeItem(at: run.appendingPathComponent("spikes.bin"))
            try FileManager.default.removeItem(at: run.appendingPathComponent("run.json"))
            try "t_sim: 1e300\n".write(to: run.appendingPathComponent("sim.yaml"), atomically: true, encoding: .utf8)
        }
    }

    /// Numbers beyond an Int print with four significant digits instead of trapping.
    @Test func hugeNumbersPrint() {
        #expect(ReportNumber.text(1e308) == "1e+308")
        #expect(ReportNumber.text(-1e30) == "-1e+30")
        #expect(ReportNumber.text(123_456.7) == "123,457")
    }
}
