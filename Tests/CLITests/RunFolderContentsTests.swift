import Foundation
import RunFormat
import Testing
import TestSupport
@testable import humam

/// A run folder holds what humam wrote and may hold a user's files: humam replaces a run only
/// when everything in it is humam's (`RunFolderContents`), and no command deletes a user's file
/// inside a run folder or its subfolders.
@Suite struct RunFolderContentsTests {
    /// Every command that writes into a run folder, with figures: what they write is all known
    /// to `RunFolderContents`, so that a replacement is not refused for humam's own files.
    @Test func everythingTheCommandsWriteIntoARunIsHumams() throws {
        let parent = try Fixtures.temporaryDirectory("humam-run-contents")
        defer { try? FileManager.default.removeItem(at: parent) }
        let run = parent.appendingPathComponent("run")
        try TinyRuns.simulate(into: run, ["--t-sim", "600"])
        try TinyRuns.humam(["analyze", "--run", run.path])
        try TinyRuns.humam(["fc", "--run", run.path, "--compare", TinyRuns.experimentalFC])
        try TinyRuns.humam(["report", "--run", run.path, "--data", TinyRuns.data])
        let files = try TinyRuns.files(in: run)
        for expected in ["spikes.bin", "run.json", "report.html", "analysis/fc_comparison.json", "network/weights.csv"] {
            #expect(files.contains(expected), "\(expected) in \(files)")
        }
        #expect(files.contains { $0.hasPrefix("figures/raster_") } && files.contains { $0.hasPrefix("analysis/figures/") })
        #expect(RunFolderContents.foreignEntries(in: run) == [])
        // So the same run replaces it.
        try TinyRuns.simulate(into: run, ["--t-sim", "600", "--replace", "--no-figures"])
        #expect(!FileManager.default.fileExists(atPath: run.appendingPathComponent("report.html").path))
    }

    /// A user's files at the top of a run folder and inside each of humam's subfolders: replacing
    /// the run is refused before any work, naming every one; the commands that write into the run
    /// keep them; they are never touched.
    @Test func aUsersFilesInARunFolderAreNeverDeleted() throws {
        let parent = try Fixtures.temporaryDirectory("humam-run-users-file")
        defer { try? FileManager.default.removeItem(at: parent) }
        let run = parent.appendingPathComponent("run")
        try TinyRuns.simulate(into: run, ["--t-sim", "600"])
        try TinyRuns.humam(["analyze", "--run", run.path, "--no-figures"])
        let paths = ["analysis/my_analysis.py", "figures/my_figure.png", "network/my_table.csv", "notes.txt"]
        for path in paths {
            let file = run.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("the user's \(path)\n".utf8).write(to: file)
        }
        let runFiles = try TinyRuns.files(in: run)
        #expect(RunFolderContents.foreignEntries(in: run) == paths)

        // The same parameters again, with --replace: refused, naming the files.
        #expect {
            try TinyRuns.simulate(into: run, ["--t-sim", "600", "--replace"])
        } throws: { error in
            let message = SimulateCommand.message(for: error)
            return message.contains("files humam did not write (\(paths.joined(separator: ", ")))") && message.contains("move those files out")
        }
        // The commands that write into a run add their files and keep the user's.
        try TinyRuns.humam(["analyze", "--run", run.path, "--no-figures"])
        try TinyRuns.humam(["fc", "--run", run.path, "--no-figures"])
        try TinyRuns.humam(["report", "--run", run.path, "--data", TinyRuns.data])
        for path in paths {
            #expect(try String(contentsOf: run.appendingPathComponent(path), encoding: .utf8) == "the user's \(path)\n")
        }
        #expect(Set(runFiles).isSubset(of: try TinyRuns.files(in: run)))
        #expect(RunFolderContents.foreignEntries(in: run) == paths)
    }
}
