import Foundation
import Testing
import TestSupport

/// The `humam` executable itself (built next to the test bundle): exit status 0 on success,
/// 64 (usage) for an option out of its range, 1 for bad input found while working, each with
/// its message on standard error.
@Suite struct ExitStatusTests {
    /// `.build/<triple>/<configuration>/humam`, beside the test bundle.
    static let executable: URL = {
        var folder = Bundle.main.bundleURL
        while folder.pathExtension == "xctest" || folder.lastPathComponent == "Contents" || folder.lastPathComponent == "MacOS" {
            folder.deleteLastPathComponent()
        }
        return folder.appendingPathComponent("humam")
    }()

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
}
