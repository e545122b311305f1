import Foundation
import Model
import Testing
import TestSupport
@testable import humam

/// A corrupt run.json is reported as such, naming the file, before anything else is read
/// (it used to be ignored, and the error then blamed the neuron numbers).
@Suite struct RunRecordTests {
    @Test(arguments: ["{\"sim_params\": {\"t_sim\": 2000", "[1, 2]", ""])
    func corruptRunRecordIsNamed(text: String) throws {
        let run = try Fixtures.temporaryDirectory("humam-run")
        defer { try? FileManager.default.removeItem(at: run) }
        try Data(text.utf8).write(to: run.appendingPathComponent("run.json"))
        for command in [["analyze"], ["fc"]] {
            let parsed = try Humam.parseAsRoot(command + ["--run", run.path, "--no-figures"])
            let error = #expect(throws: InputError.self) { var parsed = parsed; try parsed.run() }
            #expect(error?.description.hasPrefix("\(run.appendingPathComponent("run.json").path): is corrupt") == true,
                    "\(command): \(error?.description ?? "")")
        }
        #expect(FileManager.default.fileExists(atPath: run.appendingPathComponent("analysis").path) == false)
    }
}
