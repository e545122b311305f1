import Foundation
import Testing
import TestSupport
@testable import humam

/// `humam simulate` on runs that would simulate nothing, on `--resume` of a folder without a
/// checkpoint, on explicit defaults and on frequent checkpoints.
@Suite struct SimulateEdgeCaseTests {
    /// Refusals with the reason, before a run folder is left behind.
    @Test(arguments: [
        (["--scaling", "1e-9"], "the network has no neurons"),
        (["--t-sim", "0.04"], "t_sim 0.04 ms is shorter than one step of sim_resolution 0.1 ms"),
        (["--t-sim", "300", "--single-spike", "lingual,IV,E,500"], "expected 0 ≤ time < t_sim = 300.0 ms"),
    ])
    func runsThatWouldSimulateNothingAreRefused(arguments: [String], message: String) throws {
        let parent = try Fixtures.temporaryDirectory("humam-degenerate")
        defer { try? FileManager.default.removeItem(at: parent) }
        let run = parent.appendingPathComponent("run")
        #expect {
            // The tiny network's options, with the scaling under test last (the last one counts).
            try TinyRuns.simulate(into: run, ["--no-figures"] + arguments)
        } throws: { error in
            SimulateCommand.message(for: error).contains(message)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path) == [])
    }

    /// `--resume` of a temporary folder without a checkpoint says so and how to start over, and
    /// leaves the folder for that next run to remove.
    @Test func resumingAFolderWithoutACheckpointSaysHowToStartOver() throws {
        let parent = try Fixtures.temporaryDirectory("humam-resume-none")
        defer { try? FileManager.default.removeItem(at: parent) }
        let partial = parent.appendingPathComponent(".run.partial-0123")
        try FileManager.default.createDirectory(at: partial, withIntermediateDirectories: true)
        try Data("99999999\n".utf8).write(to: partial.appendingPathComponent("writer.pid"))
        #expect {
            try TinyRuns.simulate(into: parent.appendingPathComponent("run"), ["--t-sim", "100", "--no-figures", "--resume", partial.path])
        } throws: { error in
            let message = SimulateCommand.message(for: error)
            return message.contains("holds no checkpoint") && message.contains("without --resume")
        }
        #expect(FileManager.default.fileExists(atPath: partial.path))
    }

    /// `--connectivity auto`, and the store auto picks named explicitly, are the default run: the
    /// same simulation hash, so the same default folder.
    @Test func explicitDefaultConnectivityGivesTheDefaultsHash() throws {
        let parent = try Fixtures.temporaryDirectory("humam-auto-hash")
        defer { try? FileManager.default.removeItem(at: parent) }
        var hashes: [String] = []
        for (name, extra) in [("default", []), ("auto", ["--connectivity", "auto"]), ("stored", ["--connectivity", "stored"]),
                              ("procedural", ["--connectivity", "procedural"])] {
            let run = parent.appendingPathComponent(name)
            try TinyRuns.simulate(into: run, ["--t-sim", "50", "--no-figures"] + extra)
            hashes.append(try #require(TinyRuns.jsonObject(run.appendingPathComponent("run.json"))["simulation_hash"] as? String))
        }
        // Auto picks stored connectivity for the tiny network.
        #expect(hashes[0] == hashes[1] && hashes[0] == hashes[2])
        #expect(hashes[3] != hashes[0])
    }

    /// A checkpoint interval longer than the run (even 1e300 ms) runs, with no checkpoint before
    /// the end (it trapped converting to steps).
    @Test func aCheckpointIntervalBeyondTheRunRuns() throws {
        let parent = try Fixtures.temporaryDirectory("humam-long-interval")
        defer { try? FileManager.default.removeItem(at: parent) }
        let run = parent.appendingPathComponent("run")
        try TinyRuns.simulate(into: run, ["--t-sim", "50", "--no-figures", "--checkpoint-every", "1e300"])
        #expect((try TinyRuns.jsonObject(run.appendingPathComponent("run.json"))["spikes"] as? Int) != nil)
    }

    /// A checkpoint interval under 100 ms gets a warning with the measured cost of a checkpoint.
    @Test func frequentCheckpointsAreWarnedOfWithTheirCost() throws {
        let parent = try Fixtures.temporaryDirectory("humam-frequent-checkpoints")
        defer { try? FileManager.default.removeItem(at: parent) }
        let log = parent.appendingPathComponent("log.txt")
        let process = try SimulateResumeTests.start(
            ["simulate"] + TinyRuns.networkArguments + ["--t-sim", "100", "--no-figures", "--checkpoint-every", "10",
                                                         "--out", parent.appendingPathComponent("run").path], log: log)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let text = try String(contentsOf: log, encoding: .utf8)
        #expect(text.contains("warning: --checkpoint-every 10 ms is short: each checkpoint writes"))
        #expect(text.contains("this run's 9 checkpoints write about"))
    }
}
