import Foundation
import Model
import Testing
import TestSupport
@testable import humam

/// Every command that writes refuses, before any work, to write where humam did not write
/// before, and analysis windows must agree with the run (issue #10, classes 1 and 4).
@Suite struct OutputSafetyTests {
    static let rates = TinyRuns.fullscaleRates
    static let data = TinyRuns.data

    /// A 700 ms run at scaling 0.001 (inside a temporary folder), made once.
    static let run: Result<URL, any Error> = Result {
        let run = try Fixtures.temporaryDirectory("humam-output-safety").appendingPathComponent("run")
        try TinyRuns.simulate(into: run, ["--t-sim", "700", "--no-figures"])
        return run
    }

    /// A folder of the user's with one file, and a function telling whether it is unchanged.
    func userFolder() throws -> (URL, () -> Bool) {
        let folder = try Fixtures.temporaryDirectory("humam-user")
        try Data("precious".utf8).write(to: folder.appendingPathComponent("population_statistics.csv"))
        return (folder, {
            (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) == ["population_statistics.csv"]
                && (try? String(contentsOf: folder.appendingPathComponent("population_statistics.csv"), encoding: .utf8)) == "precious"
        })
    }

    @Test func commandsNeverWriteIntoTheUsersFolders() throws {
        let run = try Self.run.get()
        let (folder, unchanged) = try userFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let commands: [[String]] = [
            ["analyze", "--run", run.path, "--no-figures", "--out", folder.path],
            ["fc", "--run", run.path, "--no-figures", "--out", folder.path],
            ["network", "--data", Self.data, "--scaling", "0.001", "--fullscale-rates", Self.rates, "--out", folder.path],
            ["export", "nest", "--data", Self.data, "--scaling", "0.001", "--fullscale-rates", Self.rates, "--out", folder.path],
            ["theory", "--data", Self.data, "--out", folder.appendingPathComponent("population_statistics.csv").path],
        ]
        for arguments in commands {
            for replace in arguments[0] == "theory" ? [false] : [false, true] {
                #expect(throws: (any Error).self, "\(arguments)") {
                    var command = try Humam.parseAsRoot(arguments + (replace ? ["--replace"] : []))
                    try command.run()
                }
                #expect(unchanged(), "\(arguments)")
            }
        }
        // analyze's default folder inside the run is humam's: written again without asking.
        for _ in 0..<2 { try AnalyzeCommand.parse(["--run", run.path, "--no-figures"]).run() }
        // An explicit folder humam wrote is replaced only with --replace.
        let results = folder.appendingPathComponent("results")
        try AnalyzeCommand.parse(["--run", run.path, "--no-figures", "--out", results.path]).run()
        #expect(throws: InputError.self) { try AnalyzeCommand.parse(["--run", run.path, "--no-figures", "--out", results.path]).run() }
        try AnalyzeCommand.parse(["--run", run.path, "--no-figures", "--out", results.path, "--replace"]).run()
    }

    @Test(arguments: [
        (["--t-start", "800"], "outside the run"),
        (["--t-stop", "5000"], "--t-stop 5000"),
        (["--t-start", "-100"], "outside the run"),
        (["--t-sim", "6000"], "contradicts"),
        (["--t-sim", "nan"], "--t-sim"),
    ])
    func analysisWindowsMustAgreeWithTheRun(arguments: [String], message: String) throws {
        let run = try Self.run.get()
        let out = try Fixtures.temporaryDirectory("humam-window").appendingPathComponent("analysis")
        defer { try? FileManager.default.removeItem(at: out.deletingLastPathComponent()) }
        #expect { try AnalyzeCommand.parse(["--run", run.path, "--no-figures", "--out", out.path] + arguments).run() } throws: {
            "\($0)".contains(message)
        }
    }

    @Test func fcNeedsAWindowLongEnoughForACorrelation() throws {
        let run = try Self.run.get()
        // 700 ms run from t = 650 ms: 50 bins, fewer than the 100 an FC needs.
        #expect {
            try FCCommand.parse(["--run", run.path, "--no-figures", "--t-start", "650"]).run()
        } throws: { "\($0)".contains("needs at least 100") }
    }

    /// fc takes a run's network from its `network/` tables; for a run without them (made before
    /// humam wrote them) it rebuilds the network from the recorded parameters: other data would
    /// give another network, which the recorded network hash reveals.
    @Test func fcRefusesDataThatDifferFromTheRuns() throws {
        let other = try Fixtures.temporaryDirectory("humam-other-data")
        defer { try? FileManager.default.removeItem(at: other) }
        let run = other.appendingPathComponent("older-run")
        try FileManager.default.copyItem(at: try Self.run.get(), to: run)
        try FileManager.default.removeItem(at: run.appendingPathComponent("network"))
        let otherData = other.appendingPathComponent("data")
        try FileManager.default.copyItem(atPath: Self.data, toPath: otherData.path)
        // Neuron densities 10 % higher everywhere: other neuron numbers, same populations.
        let cytoarchitecture = otherData.appendingPathComponent("vek_cytoarchitecture.csv")
        var rows = try String(contentsOf: cytoarchitecture, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let density = try #require(rows[0].firstIndex(of: "neuron_density_per_mm3"))
        for index in rows.indices.dropFirst() where rows[index].count > density {
            rows[index][density] = String(try #require(Double(rows[index][density])) * 1.1)
        }
        try rows.map { $0.joined(separator: ",") }.joined(separator: "\n").write(to: cytoarchitecture, atomically: true, encoding: .utf8)
        func fc(data: String) throws {
            try FCCommand.parse(["--run", run.path, "--no-figures", "--data", data, "--fullscale-rates", Self.rates]).run()
        }
        try fc(data: Self.data)
        #expect { try fc(data: otherData.path) } throws: { "\($0)".contains("field 'network_hash'") }
        // The run's own tables describe its network whatever the data.
        try FCCommand.parse(["--run", try Self.run.get().path, "--no-figures", "--data", otherData.path]).run()
    }

    @Test(arguments: [
        (["--resolution", "0.0001"], "multiple of NEST's tic"),
        (["--resolution", "5"], "shortest mean delay"),
        (["--threads", "5000"], "expected 1 … 256"),
        (["--t-sim", "0"], "expected a duration > 0"),
    ])
    func simulationParametersOutsideTheirRangeAreRefused(arguments: [String], message: String) throws {
        let out = try Fixtures.temporaryDirectory("humam-parameters")
        defer { try? FileManager.default.removeItem(at: out) }
        #expect {
            var command = try Humam.parseAsRoot(["simulate", "--data", Self.data, "--scaling", "0.001", "--fullscale-rates", Self.rates,
                                                 "--out", out.appendingPathComponent("run").path, "--no-figures"] + arguments)
            try command.run()
        } throws: { "\($0)".contains(message) || Humam.message(for: $0).contains(message) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).isEmpty)
    }
}
