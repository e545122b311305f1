import Foundation
import Model
import Testing
import TestSupport

/// humam writes only into folders it made (or empty ones), and replaces a user-named file only
/// when asked.
@Suite struct OutputFolderTests {
    @Test func onlyNewEmptyOrHumamFoldersAreWritten() throws {
        let base = try Fixtures.temporaryDirectory("humam-output-folder")
        defer { try? FileManager.default.removeItem(at: base) }
        let file = base.appendingPathComponent("notes.txt")
        try Data("my notes".utf8).write(to: file)
        let userFolder = base.appendingPathComponent("mine")
        try FileManager.default.createDirectory(at: userFolder, withIntermediateDirectories: true)
        try Data("a,b\n".utf8).write(to: userFolder.appendingPathComponent("rates.csv"))
        let before = try Fixtures.snapshot(of: base)
        for target in [file, userFolder, base] {
            for replace in [false, true] {
                #expect(throws: InputError.self) { _ = try OutputFolder(target, replace: replace) }
            }
        }
        #expect(try Fixtures.snapshot(of: base) == before)
        // The working directory ("." and "") holds the package: never an output folder.
        for path in [".", ""] {
            #expect(throws: InputError.self) { _ = try OutputFolder(URL(fileURLWithPath: path), replace: true) }
        }

        // New and empty folders are made humam's; written again only with replace.
        let new = base.appendingPathComponent("results/analysis")
        let empty = base.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        for target in [new, empty] {
            let folder = try OutputFolder(target, replace: false)
            // Checking creates nothing; the folder appears when the results are written.
            #expect(FileManager.default.fileExists(atPath: target.path) == (target == empty))
            try folder.create()
            try folder.write("x\n", to: "table.csv")
            #expect(throws: InputError.self) { _ = try OutputFolder(target, replace: false) }
            try OutputFolder(target, replace: true).write("y\n", to: "table.csv")
            #expect(FileManager.default.fileExists(atPath: target.appendingPathComponent(OutputFolder.markerName).path))
            #expect(try String(contentsOf: target.appendingPathComponent("table.csv"), encoding: .utf8) == "y\n")
        }
    }

    @Test func existingFilesAreReplacedOnlyWhenAsked() throws {
        let base = try Fixtures.temporaryDirectory("humam-output-file")
        defer { try? FileManager.default.removeItem(at: base) }
        let file = base.appendingPathComponent("rates.csv")
        try OutputPlace.check(file, as: .file, replace: false)
        try Data("mine".utf8).write(to: file)
        #expect { try OutputPlace.check(file, as: .file, replace: false) } throws: { "\($0)".contains("--replace") }
        try OutputPlace.check(file, as: .file, replace: true)
        #expect(throws: InputError.self) { try OutputPlace.check(base, as: .file, replace: true) }
        #expect(throws: InputError.self) { try OutputPlace.check(file.appendingPathComponent("x.csv"), as: .file, replace: true) }
        #expect(try String(contentsOf: file, encoding: .utf8) == "mine")
    }
}
