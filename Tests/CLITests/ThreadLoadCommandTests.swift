import Foundation
import Testing
import TestSupport

/// `humam network --thread-load RATES`: the table of every thread count, and a rates file that
/// misses a population refused naming the file; `humam simulate --balance-rates RATES`: the
/// partition it chose, said, and the same spikes as with equal neurons.
@Suite struct ThreadLoadCommandTests {
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: ExitStatusTests.executable.path), "the humam executable is not built"))
    func printsTheLoadOfEveryThreadCount() throws {
        let run = try ExitStatusTests.humam(["network"] + TinyRuns.networkArguments + ["--thread-load", TinyRuns.fullscaleRates])
        #expect(run.status == 0, "\(run.error)")
        let rows = run.output.split(separator: "\n").map { $0.split(separator: " ") }
            .filter { $0.count == 7 && Int($0[0]) != nil }
        #expect(rows.map { Int($0[0])! } == [1, 2, 3, 4, 8, 16, 32, 64, 128, 256])
        // One thread: no imbalance, the same real-time factor for all three partitions.
        #expect(rows.first.map { [$0[1], $0[3], $0[5]] } == ["1.00", "1.00", "1.00"])
        #expect(rows.first.map { $0[2] == $0[4] && $0[4] == $0[6] } == true)
        // The partition by cost is never worse than equal neurons, and where the costliest
        // population is several threads' share (256 threads) sharing it beats keeping it whole.
        for row in rows { #expect(Double(row[3])! <= Double(row[1])!) }
        #expect(rows.last.map { Double($0[4])! < Double($0[6])! / 4 } == true)

        let folder = try Fixtures.temporaryDirectory("humam-thread-load")
        defer { try? FileManager.default.removeItem(at: folder) }
        let partial = folder.appendingPathComponent("rates.csv")
        try "area,layer,population,rate_hz\nbankssts,II/III,E,1.5\n".write(to: partial, atomically: true, encoding: .utf8)
        let refused = try ExitStatusTests.humam(["network"] + TinyRuns.networkArguments + ["--thread-load", partial.path])
        #expect(refused.status == 1 && refused.error.contains(partial.path), "\(refused)")
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: ExitStatusTests.executable.path), "the humam executable is not built"))
    func balancedRunSaysSoAndKeepsTheSpikes() throws {
        let folder = try Fixtures.temporaryDirectory("humam-balance")
        defer { try? FileManager.default.removeItem(at: folder) }
        let common = ["simulate"] + TinyRuns.networkArguments + ["--t-sim", "100", "--threads", "3", "--no-figures"]
        let equal = try ExitStatusTests.humam(common + ["--out", folder.appendingPathComponent("equal").path])
        #expect(equal.status == 0, "\(equal.error)")
        #expect(!equal.error.contains("threads share the populations"))
        let balanced = try ExitStatusTests.humam(common + ["--out", folder.appendingPathComponent("balanced").path,
                                                            "--balance-rates", TinyRuns.fullscaleRates])
        #expect(balanced.status == 0, "\(balanced.error)")
        #expect(balanced.error.contains("threads share the populations by the work at the rates of \(TinyRuns.fullscaleRates): predicted imbalance "))
        #expect(balanced.error.contains("population(s) shared by several threads"))
        let spikes = try ["equal", "balanced"].map { try Data(contentsOf: folder.appendingPathComponent("\($0)/spikes.bin")) }
        #expect(spikes[0] == spikes[1] && !spikes[0].isEmpty)
    }
}
