import Analysis
import Foundation
import Report
import RunFormat
import Testing
import TestSupport
@testable import humam

/// `humam analyze --compare-human` on a tiny run of 4600 ms (one snippet) and the report's
/// section 4 built from it.
@Suite struct CompareHumanValidationTests {
    @Test func analyzeWritesTheComparisonAndTheReportShowsIt() throws {
        let parent = try Fixtures.temporaryDirectory("humam-compare-human")
        defer { try? FileManager.default.removeItem(at: parent) }
        let run = parent.appendingPathComponent("run")
        try TinyRuns.simulate(into: run, ["--t-sim", "4600", "--no-figures"])
        // Options of the comparison need --compare-human; an unknown area is named.
        #expect(throws: (any Error).self) { try AnalyzeCommand.parse(["--run", run.path, "--area", "lingual"]).run() }
        #expect {
            try AnalyzeCommand.parse(["--run", run.path, "--no-figures", "--compare-human", "--area", "nowhere"]).run()
        } throws: { "\($0)".contains("--area 'nowhere' is not an area of the run") }
        try AnalyzeCommand.parse(["--run", run.path, "--compare-human"]).run()
        let file = run.appendingPathComponent("analysis/human_comparison.json")
        let json = try TinyRuns.jsonObject(file)
        #expect(json["area"] as? String == HumanComparison.defaultArea && json["snippets"] as? Int == 1)
        for name in ["rates", "cv", "lvr"] {
            let measure = try #require(json[name] as? [String: Any])
            #expect(measure["human_count"] as? Int == (name == "rates" ? 178_800 : 25_552))
            #expect(measure["simulated_count"] is Int && measure.keys.contains("one_minus_ks"))
        }
        #expect(FileManager.default.fileExists(atPath: run.appendingPathComponent("analysis/figures/human_comparison.svg").path))
        // The report recomputes the comparison from the spikes and shows the recorded values.
        let html = try String(contentsOf: try RunReport.write(run: RunFolder(run), analysisDirectory: nil, theoryRatesFile: nil,
                                                              dataDirectory: Fixtures.dataDirectory, humamVersion: Humam.version),
                              encoding: .utf8)
        let rates = try #require(json["rates"] as? [String: Any])
        let expected = (rates["one_minus_ks"] as? Double).map { ReportNumber.text($0) } ?? ReportNumber.text(Double.nan)
        #expect(html.contains("id=\"human-rates\">\(expected)<"))
        #expect(html.contains("Compared with human single units"))
        // A comparison file that the run's spikes contradict is an error naming it.
        var edited = json
        var editedRates = rates
        editedRates["one_minus_ks"] = 0.123456
        edited["rates"] = editedRates
        try JSONSerialization.data(withJSONObject: edited).write(to: file)
        #expect {
            _ = try RunReport.write(run: RunFolder(run), analysisDirectory: nil, theoryRatesFile: nil,
                                    dataDirectory: Fixtures.dataDirectory, humamVersion: Humam.version)
        } throws: { "\($0)".contains("human_comparison.json") && "\($0)".contains("belongs to another run") }
    }
}
