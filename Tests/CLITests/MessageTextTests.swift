import Foundation
import Model
import Testing
import TestSupport
@testable import humam

/// Messages print times, paths and commands as they are: no float noise, no Foundation
/// boilerplate, no path read as a format, commands that paste into a shell.
@Suite struct MessageTextTests {
    @Test func timesComeFromWholeTics() {
        #expect(NESTTime.milliseconds(step: 224, resolution: 0.1) == 22.400000000000002)
        #expect(NESTTime.text(step: 224, resolution: 0.1) == "22.4")
        #expect(NESTTime.text(step: 20, resolution: 0.1) == "2")
        #expect(NESTTime.text(step: 0, resolution: 0.1) == "0")
        #expect(NESTTime.text(step: 3, resolution: 0.001) == "0.003")
        #expect(NESTTime.text(step: 12345, resolution: 0.01) == "123.45")
    }

    @Test func fileErrorsSayWhatFailedInPlainWords() throws {
        let missing = URL(fileURLWithPath: "/nonexistent/humam/table.csv")
        let error = try #require(#expect(throws: InputError.self) { try CSVTable(contentsOf: missing) })
        #expect(error.description == "/nonexistent/humam/table.csv: cannot be read (No such file or directory)")
        let folder = try Fixtures.temporaryDirectory("humam-messages")
        defer { try? FileManager.default.removeItem(at: folder) }
        let binary = folder.appendingPathComponent("binary.csv")
        try Data([0xff, 0xfe, 0x00, 0xc3]).write(to: binary)
        let notText = try #require(#expect(throws: InputError.self) { try CSVTable(contentsOf: binary) })
        #expect(notText.description == "\(binary.path): cannot be read (not UTF-8 text)")
    }

    @Test func printedCommandsAndPathsSurviveQuotesSpacesAndPercent() {
        #expect(ShellCommand.line(["humam", "report", "--run", "/tmp/my runs/it's"]) == "humam report --run '/tmp/my runs/it'\\''s'")
        #expect(ShellCommand.line(["humam", "report", "--run", "/tmp/run-1/a_b.c"]) == "humam report --run /tmp/run-1/a_b.c")
        let folder = URL(fileURLWithPath: "/tmp/100%d %@ run")
        #expect(PipelineMessages.text(.resuming(folder: folder, timeMs: 22.4)) == "humam simulate: resuming /tmp/100%d %@ run at 22.4 ms\n")
        let kept = PipelineMessages.text(.keptResumableFolder(folder))
        #expect(kept.hasSuffix("--resume '/tmp/100%d %@ run'\n"), "\(kept)")
    }
}
