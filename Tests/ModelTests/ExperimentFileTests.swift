import Foundation
import Testing
@testable import Model
import TestSupport

@Suite struct ExperimentFileTests {
    func write(_ text: String, name: String = "experiment.yaml") throws -> URL {
        try Fixtures.temporaryFile(text, name: name)
    }

    /// The original's best-fit experiment, with its top-level scaling keys, in YAML.
    @Test func originalStyleOverridesApply() throws {
        let url = try write("""
            net_params:
              N_scaling: 0.006
              K_scaling: 0.006
              fullscale_rates: rates.csv
              scaling_factors_recurrent:
                cc_scalingEtoE: 2.5
                cc_scalingEtoI: 5
              cytoarchitecture_params: {remove_smaller_layerI: true}
            sim_params: {t_sim: 12500.0}
            """)
        let experiment = try ExperimentFile(contentsOf: url)
        let parameters = try experiment.networkParameters()
        #expect(parameters.recurrentScaling.corticoCorticalEOntoE == 2.5)
        #expect(parameters.recurrentScaling.corticoCorticalEOntoI == 5)
        #expect(parameters.downscaling.neuronScaling == 0.006)
        #expect(parameters.downscaling.indegreeScaling == 0.006)
        #expect(parameters.cytoarchitecture.removeLayersSmallerThanLayerI)
        #expect(parameters.connection == NetworkParameters().connection)
        #expect(experiment.fullscaleRatesPath == url.deletingLastPathComponent().appendingPathComponent("rates.csv").path)
    }

    @Test func jsonIsAccepted() throws {
        let url = try write(#"{"net_params": {"connection_params": {"g": -4.5}}}"#, name: "experiment.json")
        #expect(try ExperimentFile(contentsOf: url).networkParameters().connection.relativeInhibition == -4.5)
    }

    @Test func unknownKeyIsNamed() throws {
        let url = try write("net_params:\n  scaling_factors_recurrent:\n    cc_scalingEtoX: 2\n")
        let error = #expect(throws: InputError.self) { try ExperimentFile(contentsOf: url).networkParameters() }
        #expect(error?.description.contains("field 'net_params.scaling_factors_recurrent.cc_scalingEtoX': unknown key") == true)
    }

    @Test func wrongKindAndUnknownSectionAreErrors() throws {
        let wrongKind = try write("net_params:\n  eta_ext: high\n")
        let error = #expect(throws: InputError.self) { try ExperimentFile(contentsOf: wrongKind).networkParameters() }
        #expect(error?.description.contains("'net_params.eta_ext': has the wrong kind of value; expected a number") == true)
        let unknownSection = try write("network: {}\n")
        #expect(throws: InputError.self) { try ExperimentFile(contentsOf: unknownSection) }
        let badEnum = try write("net_params:\n  delay_params: {distribution: uniform}\n")
        #expect(throws: InputError.self) { try ExperimentFile(contentsOf: badEnum).networkParameters() }
    }

    /// The original's ana_params would be accepted and ignored: a non-empty section is an error
    /// naming its key (an empty one is harmless).
    @Test func analysisParametersAreRejected() throws {
        let url = try write("ana_params:\n  t_start: 100\n")
        #expect(throws: InputError(file: url.path, field: "ana_params.t_start",
                                   "ana_params are not used by humam: give analysis settings as options of humam analyze and humam fc (--t-start, --t-stop, --refractory-period, …); remove the section")) {
            try ExperimentFile(contentsOf: url)
        }
        #expect(throws: Never.self) { try ExperimentFile(contentsOf: try write("ana_params: {}\n")) }
        // A rates path that is not text was dropped silently.
        let rates = try write("net_params:\n  fullscale_rates: 5\n")
        #expect(throws: InputError(file: rates.path, field: "net_params.fullscale_rates",
                                   "has the wrong kind of value 5; expected the path of a rates CSV file")) {
            try ExperimentFile(contentsOf: rates)
        }
    }

    /// Out-of-range network values name the file and the key under net_params.
    @Test func rangeErrorsNameFileAndKey() throws {
        let url = try write("net_params:\n  connection_params: {PSP_rel: -0.1}\n")
        #expect(throws: InputError(file: url.path, field: "net_params.connection_params.PSP_rel", "-0.1 is invalid; expected a relative SD ≥ 0")) {
            try ExperimentFile(contentsOf: url).networkParameters()
        }
    }

    /// Large finite values that would overflow the engine's integer step counts (they trapped
    /// in `humam simulate`) are range errors naming the file and key, also when a flag gives
    /// the value; the steps of t_sim count at the resolution in effect.
    @Test func largeFiniteTimesAreRangeErrors() throws {
        let refractory = try write("net_params:\n  neuron_params_E: {t_ref: 1.0e9}\n")
        #expect(throws: InputError(file: refractory.path, field: "net_params.neuron_params_E.t_ref", "1000000000.0 is invalid; expected 0 ≤ t_ref ≤ 1000000 ms")) {
            try ExperimentFile(contentsOf: refractory).networkParameters()
        }
        let delay = try write("net_params:\n  delay_params: {delay_i: 1.0e300}\n")
        #expect(throws: InputError(file: delay.path, field: "net_params.delay_params.delay_i", "1e+300 is invalid; expected 0 < delay_i ≤ 1000000 ms")) {
            try ExperimentFile(contentsOf: delay).networkParameters()
        }
        let duration = try write("sim_params: {t_sim: 1.0e300}\n")
        let error = #expect(throws: InputError.self) { try SimulationOverrides().parameters(experiment: ExperimentFile(contentsOf: duration)) }
        #expect(error?.description.hasPrefix("\(duration.path): field 'sim_params.t_sim': t_sim 1e+300 ms at sim_resolution 0.1 ms is 1e+301 steps") == true)
        var flags = SimulationOverrides()
        flags.resolution = 0.001
        flags.duration = 3e6
        #expect(throws: InputError("t_sim 3000000.0 ms at sim_resolution 0.001 ms is 3000000000.0 steps; the engine's 32-bit time stamps hold at most 2147483646 steps: expected t_sim ≤ 2147483 ms")) {
            try flags.parameters(experiment: nil)
        }
        flags.minimumInterAreaDelay = 1e30
        flags.duration = 1000
        #expect(throws: InputError("sim_params.delay_cc_min = 1e+30 is outside the valid range; expected 0 ≤ x ≤ 1e6 ms")) {
            try flags.parameters(experiment: nil)
        }
    }

    /// Values that fail to decode are named by key, also when the decoder reports none.
    @Test func decodingFailuresNameTheKey() throws {
        struct Settings: Codable { var seed: UInt64 = 7; var items: [Item] = []
            struct Item: Codable { var name: String; var time: Double } }
        let experiment = try ExperimentFile(contentsOf: try write("sim_params:\n  seed: -1\n"))
        #expect(throws: InputError(file: experiment.path, field: "sim_params.seed", "invalid value -1; expected a whole number ≥ 0 (default 7)")) {
            try experiment.apply(section: "sim_params", to: Settings())
        }
        let missing = try ExperimentFile(contentsOf: try write("sim_params:\n  items: [{name: a}]\n"))
        #expect(throws: InputError(file: missing.path, field: "sim_params.items[0]", "lacks the key 'time'")) {
            try missing.apply(section: "sim_params", to: Settings())
        }
        let wrongKind = try ExperimentFile(contentsOf: try write("sim_params:\n  items: [5]\n"))
        #expect(throws: InputError(file: wrongKind.path, field: "sim_params.items[0]", "has the wrong kind of value; expected a mapping")) {
            try wrongKind.apply(section: "sim_params", to: Settings())
        }
    }
}
