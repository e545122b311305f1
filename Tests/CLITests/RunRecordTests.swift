import Foundation
import Analysis
import Model
import Pipeline
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

    /// Recorded network parameters that cannot be used are named by key in run.json.
    @Test func unusableRecordedParametersAreNamed() throws {
        let run = try Fixtures.temporaryDirectory("humam-run")
        defer { try? FileManager.default.removeItem(at: run) }
        let file = run.appendingPathComponent("run.json")
        let command = try FCCommand.parse(["--run", run.path, "--no-figures"])
        func message(_ record: Any) throws -> String? {
            try JSONSerialization.data(withJSONObject: record).write(to: file)
            return #expect(throws: InputError.self) {
                try RunNetwork.synapticInputModel(of: RunFolder(run), tables: nil, configuration: command.network.configuration(),
                                                  humamVersion: Humam.version, events: { _ in })
            }?.description
        }
        // What humam simulate records, with PSP_rel changed.
        func record(psp: Any) throws -> Any {
            var parameters = try JSONSerialization.jsonObject(with: JSONEncoder().encode(NetworkParameters())) as! [String: Any]
            var connection = parameters["connection_params"] as! [String: Any]
            connection["PSP_rel"] = psp
            parameters["connection_params"] = connection
            return ["net_params": parameters]
        }
        #expect(try message(record(psp: -0.1)) == "\(file.path): field 'net_params.connection_params.PSP_rel': -0.1 is invalid; expected a relative SD ≥ 0")
        #expect(try message(record(psp: "x")) == "\(file.path): field 'net_params.connection_params.PSP_rel': has the wrong kind of value; expected a number")
        #expect(try message(["net_params": 5]) == "\(file.path): field 'net_params': is corrupt: expected a mapping of network parameters")
    }
}
