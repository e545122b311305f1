import Foundation
import Testing
import TestSupport
@testable import humam

/// Small runs of the commands for the end-to-end tests: the notebook's data, the original's
/// full-scale rates for the DC compensation (so that no theory is solved), scaling 0.001
/// (3,465 neurons), one thread.
enum TinyRuns {
    static let data = Fixtures.dataDirectory.path
    static let fullscaleRates = Fixtures.dataDirectory.appendingPathComponent("base_theory_rates.csv").path
    static let experimentalFC = Fixtures.dataDirectory.appendingPathComponent("hcp_fmri_fc_enigma_left34.csv").path

    /// Network options of every tiny run.
    static let networkArguments = ["--data", data, "--scaling", "0.001", "--fullscale-rates", fullscaleRates]

    /// Runs `arguments` as `humam <arguments>` would, in-process: success is returning.
    static func humam(_ arguments: [String]) throws {
        var command = try Humam.parseAsRoot(arguments)
        try command.run()
    }

    /// `humam simulate` into `run` (a new folder) with the tiny network, `--threads 1` unless
    /// `extra` says otherwise, and `extra`.
    static func simulate(into run: URL, _ extra: [String]) throws {
        let threads = extra.contains("--threads") ? [] : ["--threads", "1"]
        try humam(["simulate"] + networkArguments + threads + ["--out", run.path] + extra)
    }

    /// The top-level JSON object of `file`.
    static func jsonObject(_ file: URL) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
    }

    /// Names of the files below `folder`, relative to it, sorted; hidden files (humam's
    /// `.humam-output` mark) left out.
    static func files(in folder: URL) throws -> [String] {
        let enumerator = try #require(FileManager.default.enumerator(atPath: folder.path))
        return (enumerator.allObjects as? [String] ?? []).filter { name in
            guard !URL(fileURLWithPath: name).lastPathComponent.hasPrefix(".") else { return false }
            var isFolder: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path, isDirectory: &isFolder)
            return !isFolder.boolValue
        }.sorted()
    }
}
