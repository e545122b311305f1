import Foundation
import Model
import Spiking
import Testing
import TestSupport

/// `sim_params` of an experiment file: bad values are errors naming the file and the key
/// (not "not valid JSON" or a decoder's internals).
@Suite struct SimulationConfigTests {
    func parameters(_ yaml: String) throws -> SimulationParameters {
        let experiment = try ExperimentFile(contentsOf: try Fixtures.temporaryFile(yaml, name: "experiment.yaml"))
        let parameters = try experiment.apply(section: "sim_params", to: SimulationParameters())
        try parameters.validate(source: experiment.path)
        return parameters
    }

    func message(_ yaml: String) -> String? {
        #expect(throws: InputError.self) { try parameters(yaml) }?.description
    }

    @Test(arguments: [
        ("sim_params: {master_seed: -1}", "field 'sim_params.master_seed': invalid value -1; expected a whole number ≥ 0 (default 2903)"),
        ("sim_params: {V0_sd: -5}", "field 'sim_params.V0_sd': -5.0 is outside the valid range; expected 0 ≤ x mV"),
        ("sim_params: {V0_mean: .nan}", "field 'sim_params.V0_mean': invalid value nan (default -150)"),
        ("sim_params: {delay_cc_min: -1}", "field 'sim_params.delay_cc_min': -1.0 is outside the valid range; expected 0 ≤ x ≤ 1e6 ms"),
        ("sim_params: {single_spike: [{area: lingual, layer: IV}]}", "field 'sim_params.single_spike[0]': lacks the key 'pop'"),
        ("sim_params: {single_spike: [5]}", "field 'sim_params.single_spike[0]': has the wrong kind of value; expected a mapping"),
        ("sim_params: {single_spike: [{area: lingual, layer: IV, pop: E, time_ms: soon}]}",
         "field 'sim_params.single_spike[0].time_ms': has the wrong kind of value; expected a number"),
    ])
    func badValuesNameTheKey(yaml: String, expected: String) {
        let text = message(yaml)
        #expect(text?.hasSuffix("experiment.yaml: \(expected)") == true, "\(text ?? "no error")")
    }

    @Test func validValuesApply() throws {
        let parameters = try parameters("sim_params: {master_seed: 12, V0_sd: 0, single_spike: [{area: lingual, layer: IV, pop: E, time_ms: 500}]}")
        #expect(parameters.seed == 12 && parameters.initialPotentialSD == 0)
        #expect(parameters.singleSpikes == [SingleSpike(area: "lingual", layer: "IV", population: "E", time: 500)])
    }
}
