import Foundation
import Testing
import TestSupport

/// A write that fails (here: beyond a file size limit, as on a full disk) ends `humam simulate`
/// with a clear error naming the file, a non-zero exit, and nothing left behind.
@Suite struct FullDiskTests {
    static let hasGNUEnv: Bool = {
        guard let env = Fixtures.program("env") else { return false }
        let process = Process()
        process.executableURL = env
        process.arguments = ["--default-signal=XFSZ", "true"]
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }()

    /// Linux only: GNU env's `--default-signal` gives SIGXFSZ its default action back.
    @Test(.enabled(if: Self.hasGNUEnv, "needs GNU env (--default-signal)"))
    func aFailingWriteIsReportedAndLeavesNothing() throws {
        let humam = Fixtures.humamExecutable
        try #require(FileManager.default.isExecutableFile(atPath: humam.path), "build the executable first: swift build --build-tests")
        let base = try Fixtures.temporaryDirectory("humam-full-disk")
        defer { try? FileManager.default.removeItem(at: base) }
        let process = Process()
        process.executableURL = Fixtures.program("env")
        // ulimit -f 11: no file may grow beyond 11 KiB. population_GIDs.dat (10.2 KB) fits;
        // spikes.bin (12.2 KB) does not, when its last MiB buffer is written at the end of the
        // run. SIGXFSZ gets its default action back (a test runner may ignore it), so humam's
        // own handling is what is tested.
        process.arguments = ["--default-signal=XFSZ", "bash", "-c", "ulimit -f 11; exec \"$0\" \"$@\"", humam.path, "simulate",
                             "--data", Fixtures.dataDirectory.path, "--scaling", "0.001", "--t-sim", "1200", "--threads", "1",
                             "--no-ascii-spikes",
                             "--fullscale-rates", Fixtures.dataDirectory.appendingPathComponent("base_theory_rates.csv").path,
                             "--no-figures", "--out", base.appendingPathComponent("run").path]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = Pipe()
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit && process.terminationStatus != 0, "\(message)")
        #expect(message.contains("spikes.bin: cannot be written") && message.contains(base.path), "\(message)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: base.path).isEmpty)
    }
}
