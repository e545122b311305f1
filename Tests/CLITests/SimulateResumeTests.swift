import Foundation
import Model
import RunFormat
import Testing
import TestSupport

/// `humam simulate` as a process, stopped by signals: SIGINT leaves a checkpoint and prints the
/// command that continues the run; SIGKILL at a random moment leaves the last complete
/// checkpoint; the run resumed (with another thread count) writes the spike files of the
/// uninterrupted run, byte for byte.
@Suite struct SimulateResumeTests {
    static let executable = Fixtures.humamExecutable

    /// 0.2 % of full scale (6,935 neurons), 400 ms.
    static let arguments = ["simulate", "--data", Fixtures.dataDirectory.path, "--scaling", "0.002", "--t-sim", "400",
                            "--fullscale-rates", Fixtures.dataDirectory.appendingPathComponent("base_theory_rates.csv").path,
                            "--no-figures"]

    /// Starts `humam arguments`, its standard error going to `log`.
    static func start(_ arguments: [String], log: URL) throws -> Process {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = handle
        try process.run()
        return process
    }

    /// Waits until `condition` holds (checked every 20 ms, at most 120 s).
    static func wait(until condition: () -> Bool) -> Bool {
        for _ in 0..<6000 {
            if condition() { return true }
            usleep(20_000)
        }
        return false
    }

    static func modificationDate(_ url: URL) -> Date? {
        try? FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as? Date
    }

    static func spikeFiles(_ run: URL) throws -> [Data] {
        try [Data(contentsOf: run.appendingPathComponent(RunFiles.binarySpikes)),
             Data(contentsOf: run.appendingPathComponent("spikes/\(RunFiles.nestSpikeFile(recorder: 6936))"))]
    }

    @Test func interruptedAndKilledRunsResumeToTheUninterruptedSpikes() throws {
        guard FileManager.default.isExecutableFile(atPath: Self.executable.path) else {
            Issue.record("\(Self.executable.path) is missing: build humam (swift build --build-tests) before the tests")
            return
        }
        let base = try Fixtures.temporaryDirectory("humam-resume-cli")
        defer { try? FileManager.default.removeItem(at: base) }
        let reference = base.appendingPathComponent("reference"), run = base.appendingPathComponent("run")
        let log = base.appendingPathComponent("log.txt")
        let uninterrupted = try Self.start(Self.arguments + ["--threads", "1", "--out", reference.path], log: log)
        uninterrupted.waitUntilExit()
        #expect(uninterrupted.terminationStatus == 0)

        // SIGINT after the first checkpoint: the run stops with a checkpoint and says how to go on.
        let first = try Self.start(Self.arguments + ["--threads", "2", "--out", run.path, "--checkpoint-every", "50"], log: log)
        var folder: URL?
        #expect(Self.wait {
            folder = (try? FileManager.default.contentsOfDirectory(atPath: base.path))?
                .first { $0.hasPrefix(".run.partial-") }.map { base.appendingPathComponent($0) }
            return folder.map { FileManager.default.fileExists(atPath: $0.appendingPathComponent(RunFiles.checkpoint).path) } ?? false
        })
        first.interrupt()
        first.waitUntilExit()
        let message = try String(contentsOf: log, encoding: .utf8)
        #expect(first.terminationStatus == 1 && message.contains("interrupted at"), "\(first.terminationReason) \(first.terminationStatus): \(message)")
        guard let folder, first.terminationReason == .exit, let command = message.range(of: "continue it with: ") else {
            Issue.record("no resume command in: \(message)")
            return
        }
        let words = message[command.upperBound...].prefix { $0 != "\n" }.split(separator: " ").map(String.init)
        #expect(words.first == Self.executable.path && words.suffix(2) == ["--resume", folder.path])
        let printed = Array(words.dropFirst())

        // The printed command, killed at a random moment after its first checkpoint.
        let interruptedAt = try #require(Self.modificationDate(folder.appendingPathComponent(RunFiles.checkpoint)))
        let second = try Self.start(printed, log: log)
        #expect(Self.wait { (Self.modificationDate(folder.appendingPathComponent(RunFiles.checkpoint)) ?? interruptedAt) > interruptedAt })
        usleep(UInt32.random(in: 0..<500_000))
        kill(second.processIdentifier, SIGKILL)
        second.waitUntilExit()
        #expect(second.terminationReason == .uncaughtSignal)

        // Resumed with one thread, the run completes the uninterrupted spikes.
        let third = try Self.start(Array(printed.dropLast(2)) + ["--threads", "1", "--resume", folder.path], log: log)
        third.waitUntilExit()
        #expect(third.terminationStatus == 0, "\((try? String(contentsOf: log, encoding: .utf8)) ?? "")")
        #expect(try Self.spikeFiles(run) == Self.spikeFiles(reference))
        #expect(!FileManager.default.fileExists(atPath: folder.path))
    }
}
