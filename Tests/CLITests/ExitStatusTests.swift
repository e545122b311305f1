import Foundation
import Testing
import TestSupport

/// The `humam` executable itself (built next to the test bundle): exit status 0 on success,
/// 64 (usage) for an option out of its range, 1 for bad input found while working, each with
/// its message on standard error.
@Suite struct ExitStatusTests {
    static let executable = Fixtures.humamExecutable

    /// Runs the executable with `arguments`; returns its exit status, standard output and error.
    static func humam(_ arguments: [String]) throws -> (status: Int32, output: String, error: String) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let output = Pipe(), error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outputData, as: UTF8.self), String(decoding: errorData, as: UTF8.self))
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: executable.path), "the humam executable is not built"))
    func exitStatusTellsSuccessUsageAndInputErrors() throws {
        let success = try Self.humam(["network"] + TinyRuns.networkArguments)
        #expect(success.status == 0, "\(success.error)")
        #expect(success.output.hasPrefix("HuMAM network ") && success.output.contains("3,465"))

        let usage = try Self.humam(["network", "--data", TinyRuns.data, "--scaling", "2"])
        #expect(usage.status == 64 && usage.error.contains("--scaling 2.0 is invalid"), "\(usage)")

        let folder = try Fixtures.temporaryDirectory("humam-exit")
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = try Self.humam(["network", "--data", folder.path])
        #expect(input.status == 1 && input.error.contains(folder.path), "\(input)")
    }

    /// Negative numbers are values, not flags, for every numeric option of every command, and
    /// NaN is refused: usage status 64 with the option, its value and the valid range (before,
    /// `--t-sim -5` said "Missing value" and `--refractory-period nan` was accepted).
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: executable.path), "the humam executable is not built"),
          arguments: [
            (["network", "--scaling", "-5"], "--scaling -5.0 is invalid; expected 0 < scaling ≤ 1"),
            (["network", "--scaling", "nan"], "--scaling nan is invalid"),
            (["network", "--chi", "-1"], "--chi -1.0 is invalid; expected chi ≥ 0"),
            (["theory", "--trials", "-2"], "--trials -2 is invalid; expected at least 1"),
            (["theory", "--pseudo-time", "-1"], "--pseudo-time -1.0 is invalid"),
            (["theory", "--pseudo-time", "nan"], "--pseudo-time nan is invalid"),
            (["theory", "--seed", "-1"], "'-1' is invalid for '--seed"),
            (["simulate", "--t-sim", "-5"], "--t-sim -5.0 is invalid; expected a duration > 0 ms"),
            (["simulate", "--t-sim", "nan"], "--t-sim nan is invalid"),
            (["simulate", "--resolution", "-0.1"], "--resolution -0.1 is invalid; expected a step > 0 ms"),
            (["simulate", "--delay-cc-min", "-1"], "--delay-cc-min -1.0 is invalid; expected ≥ 0 ms"),
            (["simulate", "--threads", "-4"], "--threads -4 is invalid; expected 1 … 256"),
            (["simulate", "--checkpoint-every", "-10"], "--checkpoint-every -10.0 is invalid; expected an interval > 0 ms"),
            (["export", "nest", "--out", "x", "--t-sim", "-5"], "--t-sim -5.0 is invalid"),
            (["analyze", "--t-sim", "-5"], "--t-sim -5.0 is invalid; expected a simulated time > 0 ms"),
            (["analyze", "--refractory-period", "-1"], "--refractory-period -1.0 is invalid; expected a period ≥ 0 ms"),
            (["analyze", "--refractory-period", "nan"], "--refractory-period nan is invalid; expected a period ≥ 0 ms"),
            (["analyze", "--correlation-subsample", "-3"], "--correlation-subsample -3 is invalid; expected at least 2"),
            (["fc", "--resolution", "-1"], "--resolution -1.0 is invalid; expected a step > 0 ms"),
            (["fc", "--t-sim", "nan"], "--t-sim nan is invalid"),
          ])
    func negativeAndNaNOptionValuesAreRefusedWithTheirRange(arguments: [String], message: String) throws {
        let result = try Self.humam(arguments)
        #expect(result.status == 64 && result.error.contains(message) && !result.error.contains("Missing value"), "\(result.error)")
    }
}
