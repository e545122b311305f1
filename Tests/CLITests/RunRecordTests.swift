import Foundation
import Analysis
import Model
import Pipeline
import RunFormat
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
        // A complete run record, as humam simulate writes it, with net_params changed.
        func record(netParams change: (inout [String: Any]) -> Void) throws -> Any {
            let complete = RunRecord(humamVersion: Humam.version, networkHash: "n", simulationHash: "s",
                                     simulationParameters: SimulationParameters(), networkParameters: NetworkParameters(),
                                     threads: 1, exchangeSteps: 1, neurons: 1, synapses: 0, connectivity: .stored, spikes: 0,
                                     setupSeconds: 0, simulateSeconds: 0, peakMemoryBytes: nil, meanRateHz: nil, rateWindowStartMs: 500)
            var object = try JSONSerialization.jsonObject(with: complete.jsonData()) as! [String: Any]
            var parameters = object["net_params"] as! [String: Any]
            change(&parameters)
            object["net_params"] = parameters
            return object
        }
        func record(psp: Any) throws -> Any {
            try record { parameters in
                var connection = parameters["connection_params"] as! [String: Any]
                connection["PSP_rel"] = psp
                parameters["connection_params"] = connection
            }
        }
        #expect(try message(record(psp: -0.1)) == "\(file.path): field 'net_params.connection_params.PSP_rel': -0.1 is invalid; expected a relative SD ≥ 0")
        #expect(try message(record(psp: "x")) == "\(file.path): field 'net_params.connection_params.PSP_rel': has the wrong kind of value; expected a number")
        var notAMapping = try record { _ in } as! [String: Any]
        notAMapping["net_params"] = 5
        #expect(try message(notAMapping) == "\(file.path): field 'net_params': has the wrong kind of value; expected a mapping")
        var incomplete = try record { _ in } as! [String: Any]
        incomplete["simulation_hash"] = nil
        #expect(try message(incomplete) == "\(file.path): field 'simulation_hash': is missing; is this a run record of humam?")
    }
}
