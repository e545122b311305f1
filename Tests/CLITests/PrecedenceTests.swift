import Foundation
import Model
import RunFormat
import Testing
import TestSupport
@testable import humam

/// Defaults < experiment file (YAML or JSON, the original's keys) < flags, checked on what ends
/// up in the built network and in run.json.
@Suite struct PrecedenceTests {
    /// The same experiment in both formats: scaling 0.002, chi 1.5 (E→I 3), 250 ms, seed 17.
    static let experiments: [String: String] = [
        "yaml": """
            net_params:
              N_scaling: 0.002
              K_scaling: 0.002
              scaling_factors_recurrent: {cc_scalingEtoE: 1.5, cc_scalingEtoI: 3.0}
            sim_params:
              t_sim: 250.0
              master_seed: 17
            """,
        "json": """
            {"net_params": {"N_scaling": 0.002, "K_scaling": 0.002,
                            "scaling_factors_recurrent": {"cc_scalingEtoE": 1.5, "cc_scalingEtoI": 3.0}},
             "sim_params": {"t_sim": 250.0, "master_seed": 17}}
            """,
    ]

    static func experimentFile(_ format: String) throws -> URL {
        try Fixtures.temporaryFile(try #require(experiments[format]), name: "experiment.\(format)")
    }

    @Test func defaultsApplyWithoutFileOrFlags() throws {
        let network = try NetworkCommand.parse(["--data", TinyRuns.data]).network.parameters()
        #expect(network == NetworkParameters())
        #expect(network.downscaling.neuronScaling == 1 && network.recurrentScaling.corticoCorticalEOntoI == 2)
        // humam simulate's own defaults: the notebook's scaling 0.006, 2000 ms, seed 2903.
        let simulate = try SimulateCommand.parse(["--data", TinyRuns.data])
        let scaled = try simulate.network.parameters(defaultScaling: SimulateCommand.notebookScaling)
        #expect(scaled.downscaling.neuronScaling == 0.006 && scaled.downscaling.indegreeScaling == 0.006)
        let simulation = try simulate.simulation.parameters(experiment: nil)
        #expect(simulation.duration == 2000 && simulation.seed == 2903 && simulation.resolution == 0.1)
    }

    @Test(arguments: ["yaml", "json"])
    func experimentFileOverridesDefaultsInTheBuiltNetwork(format: String) throws {
        let file = try Self.experimentFile(format)
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        let fromFile = try NetworkCommand.parse(["--data", TinyRuns.data, "--fullscale-rates", TinyRuns.fullscaleRates,
                                                 "--config", file.path]).network.build()
        #expect(fromFile.parameters.downscaling.neuronScaling == 0.002 && fromFile.parameters.downscaling.indegreeScaling == 0.002)
        #expect(fromFile.parameters.recurrentScaling.corticoCorticalEOntoE == 1.5)
        #expect(fromFile.parameters.recurrentScaling.corticoCorticalEOntoI == 3)
        // 0.2 % of the 3,468,839 neurons (the export tests' network).
        #expect(fromFile.totalNeurons == 6935)
        // Flags override the file.
        let flagged = try NetworkCommand.parse(["--data", TinyRuns.data, "--fullscale-rates", TinyRuns.fullscaleRates,
                                                "--config", file.path, "--scaling", "0.001", "--chi", "2"]).network.build()
        #expect(flagged.parameters.downscaling.neuronScaling == 0.001 && flagged.parameters.downscaling.indegreeScaling == 0.001)
        #expect(flagged.parameters.recurrentScaling.corticoCorticalEOntoE == 2)
        #expect(flagged.parameters.recurrentScaling.corticoCorticalEOntoI == 4)
        #expect(flagged.totalNeurons < fromFile.totalNeurons)
    }

    /// `humam simulate --config FILE` with and without flags: run.json records the file's values
    /// where no flag is given, the flags' where one is, and the defaults elsewhere.
    @Test(arguments: ["yaml", "json"], [false, true])
    func runRecordFollowsDefaultsFileAndFlags(format: String, withFlags: Bool) throws {
        let file = try Self.experimentFile(format)
        let run = file.deletingLastPathComponent().appendingPathComponent("run")
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        let flags = withFlags ? ["--scaling", "0.001", "--chi", "2", "--t-sim", "200", "--seed", "5"] : []
        try TinyRuns.humam(["simulate", "--data", TinyRuns.data, "--fullscale-rates", TinyRuns.fullscaleRates, "--threads", "1",
                            "--config", file.path, "--out", run.path, "--no-figures", "--no-ascii-spikes"] + flags)
        let record = try RunRecord.read(run.appendingPathComponent("run.json"))
        let network = record.networkParameters, simulation = record.simulationParameters
        #expect(network.downscaling.neuronScaling == (withFlags ? 0.001 : 0.002))
        #expect(network.downscaling.indegreeScaling == (withFlags ? 0.001 : 0.002))
        #expect(network.recurrentScaling.corticoCorticalEOntoE == (withFlags ? 2 : 1.5))
        #expect(network.recurrentScaling.corticoCorticalEOntoI == (withFlags ? 4 : 3))
        #expect(simulation.duration == (withFlags ? 200 : 250))
        #expect(simulation.seed == (withFlags ? 5 : 17))
        // Set by neither: the defaults.
        #expect(network.downscaling.mode == .balanced && network.connection == NetworkParameters().connection)
        #expect(simulation.resolution == 0.1 && simulation.threads == 1)
        #expect(record.neurons == (withFlags ? 3465 : 6935))
    }
}
