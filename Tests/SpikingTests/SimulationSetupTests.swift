import Foundation
import Model
import Testing
import TestSupport
@testable import Spiking

@Suite struct SimulationSetupTests {
    /// A network far too large for memory is refused before anything is allocated, with the
    /// estimate and the largest scaling that would fit.
    @Test func refusesNetworksThatDoNotFitAndNamesTheLargestScaling() throws {
        var network = TestNetworks.small()
        network.parameters.downscaling.neuronScaling = 0.5
        network.parameters.downscaling.indegreeScaling = 0.5
        network.synapseCounts = network.synapseCounts.map { $0 * 100_000_000 }
        var stored = SimulationParameters()
        stored.connectivity = .stored
        let estimate = MemoryEstimate(network: network, parameters: stored)
        // 10 bytes per synapse dominate.
        #expect(estimate.synapseBytes >= network.totalSynapses * 10)
        let fitting = estimate.largestFittingScaling(scaling: 0.5, availableBytes: estimate.totalBytes / 4)
        // Memory ∝ scaling² when synapses dominate: a quarter of the memory, half the scaling.
        #expect(abs(fitting - 0.25) < 0.01)
        #expect {
            _ = try Simulation(network: network, parameters: stored)
        } throws: { error in
            (error as? InputError)?.description.contains("MB are available") == true
        }
        // Procedural connectivity (what auto picks here) stores 2 bytes per source neuron and
        // pathway instead; its events in flight (5 spikes/s assumed) still grow with N × K.
        let procedural = MemoryEstimate(network: network, parameters: SimulationParameters())
        #expect(procedural.mode == .procedural)
        let rows = network.synapseCounts.indices.reduce(0) { $0 + (network.synapseCounts[$1] > 0 ? network.neuronCounts[$1 % network.populationCount] : 0) }
        #expect(procedural.synapseBytes == 2 * rows)
        #expect(procedural.totalBytes < estimate.totalBytes / 5)
        // The refusal names what to change: procedural connectivity where it fits, else the scaling.
        func refusal(_ estimate: MemoryEstimate, _ parameters: SimulationParameters, available: Int) -> String {
            do { try estimate.check(network: network, parameters: parameters, availableBytes: available) } catch {
                return error.description
            }
            return "accepted"
        }
        #expect(refusal(estimate, stored, available: estimate.totalBytes / 4).contains("give --connectivity procedural"))
        let scalingAdvice = refusal(procedural, SimulationParameters(), available: procedural.totalBytes / 4)
        #expect(scalingAdvice.contains("lower --scaling to about") && scalingAdvice.contains("(now 0.5)"))
        #expect(refusal(procedural, SimulationParameters(), available: procedural.totalBytes) == "accepted")
    }

    /// Spikes stream to disk, so the estimate does not grow with the simulated time: the full
    /// model (procedural) for 100 s, as a BOLD FC needs, fits in a few GB, and the same network
    /// with stored synapses (10 bytes each, 42.8 billion) is still refused.
    @Test func longFullScaleRunsAreAccepted() throws {
        let network = try Network.build(data: ModelData.load(from: Fixtures.dataDirectory), parameters: NetworkParameters())
        #expect(network.totalNeurons > 3_400_000)
        var long = SimulationParameters()
        long.duration = 100_000
        var short = long
        short.duration = 1000
        let estimate = MemoryEstimate(network: network, parameters: long)
        #expect(estimate.mode == .procedural)
        #expect(estimate.totalBytes == MemoryEstimate(network: network, parameters: short).totalBytes)
        // Measured: 1.87 GB at chi 1 (README); 5 spikes/s assumed for the events in flight.
        #expect(estimate.totalBytes < 6_000_000_000)
        try estimate.check(network: network, parameters: long, availableBytes: 16_000_000_000)
        var stored = long
        stored.connectivity = .stored
        let storedEstimate = MemoryEstimate(network: network, parameters: stored)
        #expect(storedEstimate.totalBytes > 400_000_000_000)
        #expect(throws: InputError.self) {
            try storedEstimate.check(network: network, parameters: stored, availableBytes: 16_000_000_000)
        }
    }

    @Test func refusesTransmissionProbabilityBelowOne() {
        var network = TestNetworks.small()
        network.parameters.connection.transmissionProbability = 0.5
        #expect(throws: InputError.self) { try Simulation(network: network, parameters: SimulationParameters()) }
    }

    /// Initial potentials Normal(−150, 50) mV as the original's `create_populations`.
    @Test func initialPotentialsFollowTheOriginalsNormal() throws {
        let network = TestNetworks.small(neuronsPerPopulation: 400)
        let simulation = try Simulation(network: network, parameters: SimulationParameters())
        let potentials = (0..<simulation.neuronCount).map { simulation.state.potential[$0] - 70 }
        let mean = potentials.reduce(0, +) / Double(potentials.count)
        let sd = (potentials.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(potentials.count - 1)).squareRoot()
        // 5600 neurons: standard errors 50/√n ≈ 0.67 mV (mean) and 50/√(2n) ≈ 0.47 mV (SD); 5 of them.
        #expect(abs(mean + 150) < 5 * 0.67)
        #expect(abs(sd - 50) < 5 * 0.47)
    }

    /// Per-neuron lognormal V_th, C_m, τ_m (the original's `neuron_param_dist_*`): V_th − E_L,
    /// C_m and τ_m have the population's value as mean and the given relative SD.
    @Test func neuronParameterSpreadHasTheOriginalsMeanAndSD() {
        var network = TestNetworks.small(neuronsPerPopulation: 2000)
        network.excitatorySpread = NeuronParameterSpread(thresholdRelativeSD: 0.1, capacitanceRelativeSD: 0.2,
                                                         membraneTimeConstantRelativeSD: 0.3)
        let indexing = NeuronIndexing(neuronCounts: network.neuronCounts)
        let runs = IAFPSCExp.neuronRuns(network: network, population: 0, indexing: indexing, parameters: SimulationParameters())
        #expect(runs.count == 2000)
        let thresholds = runs.map { $0.integration.threshold }      // relative to E_L: mean 25 mV
        let decays = runs.map { $0.integration.p22 }                // exp(−h/τ_m)
        let tauM = decays.map { -0.1 / log($0) }
        func moments(_ values: [Double]) -> (Double, Double) {
            let mean = values.reduce(0, +) / Double(values.count)
            return (mean, (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)).squareRoot())
        }
        let (thresholdMean, thresholdSD) = moments(thresholds)
        let (tauMean, tauSD) = moments(tauM)
        // n = 2000: standard error of the mean SD/√n; of the SD about SD·√((κ−1)/(4n)), with the
        // kurtosis κ of these lognormals below 5: SD · 0.0224. Bounds: 5 standard errors.
        #expect(abs(thresholdMean - 25) < 5 * 2.5 / 2000.0.squareRoot())
        #expect(abs(thresholdSD - 2.5) < 5 * 2.5 * 0.0224)
        #expect(abs(tauMean - 10) < 5 * 3 / 2000.0.squareRoot())
        #expect(abs(tauSD - 3) < 5 * 3 * 0.0224)
        // The inhibitory populations keep one parameter set.
        #expect(IAFPSCExp.neuronRuns(network: network, population: 1, indexing: indexing,
                                      parameters: SimulationParameters()).count == 1)
    }

    /// Runs that would simulate nothing are refused with the reason: a network without neurons
    /// (a scaling that rounds every population to 0), a duration shorter than one step.
    @Test func degenerateRunsAreRefused() throws {
        var empty = TestNetworks.small()
        empty.neuronCounts = empty.neuronCounts.map { _ in 0 }
        var parameters = SimulationParameters()
        parameters.duration = 10
        #expect { try Simulation(network: empty, parameters: parameters) } throws: {
            "\($0)".contains("the network has no neurons") && "\($0)".contains("raise --scaling")
        }
        parameters.duration = 0.04
        #expect { try Simulation(network: TestNetworks.small(), parameters: parameters) } throws: {
            "\($0)" == "t_sim 0.04 ms is shorter than one step of sim_resolution 0.1 ms: nothing would be simulated; expected t_sim ≥ 0.1 ms"
        }
        parameters.duration = 1e300
        #expect { try Simulation(network: TestNetworks.small(), parameters: parameters) } throws: {
            "\($0)".contains("32-bit time stamps")
        }
    }

    @Test func progressIsReportedUntilTheEnd() throws {
        var parameters = SimulationParameters()
        parameters.duration = 250
        let reports = ProgressLog()
        _ = try Simulation(network: TestNetworks.small(), parameters: parameters).run { reports.add($0) }
        let simulated = reports.all.map(\.simulatedMs)
        #expect(simulated.count == 3)
        #expect(abs(simulated.last! - 250) < 1e-9)
    }
}

final class ProgressLog: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [SimulationProgress] = []
    func add(_ progress: SimulationProgress) { lock.withLock { entries.append(progress) } }
    var all: [SimulationProgress] { lock.withLock { entries } }
}

/// The original's single-spike stimulation: a spike emitted at t reaches the population's first
/// neuron 1 ms later with weight w_ext · 10³ · K_ext.
@Suite struct SingleSpikeTests {
    @Test func singleSpikeArrivesOneMillisecondLaterWithTheOriginalsWeight() throws {
        var network = TestNetworks.small()
        // Nothing else drives the neurons.
        network.synapseCounts = network.synapseCounts.map { _ in 0 }
        network.externalRates = network.externalRates.map { _ in 0 }
        network.dcDrive = network.dcDrive.map { _ in 0 }
        var parameters = SimulationParameters()
        parameters.duration = 20
        parameters.initialPotentialMean = -70
        parameters.initialPotentialSD = 0
        parameters.singleSpikes = [SingleSpike(area: "beta", layer: "V", population: "I", time: 10)]
        let simulation = try Simulation(network: network, parameters: parameters)
        _ = try simulation.run()
        let population = network.layout.index(areaIndex: 1, layer: .layer5, cellType: .inhibitory)
        let first = simulation.indexing.neurons(ofPopulation: population).lowerBound
        // Emitted at stamp 100, delay 10 steps: read in update 109; updates 110…199 decay it.
        let weight = 87.8 * 1e3 * 100
        let integration = ExactIntegration(parameters: .inhibitoryDefault, constantCurrent: 0, resolution: 0.1)
        let expected = weight * pow(integration.p11Excitatory, 90)
        // Identical up to the rounding of the weight to 2⁻³² pA and of 90 products.
        #expect(abs(simulation.state.excitatoryCurrent[first] - expected) < 1e-9 * expected)
        // No other neuron received anything.
        let others = (0..<simulation.neuronCount).filter { $0 != first && simulation.state.excitatoryCurrent[$0] != 0 }
        #expect(others.isEmpty)
    }

    /// Each bad entry is named by its key and says what was expected.
    @Test(arguments: [
        (SingleSpike(area: "beta", layer: "IV", population: "E", time: 10), "beta/IV/E has no neurons"),
        (SingleSpike(area: "gamma", layer: "V", population: "E", time: 10), "unknown area 'gamma'; expected one of the 2 Desikan-Killiany areas, e.g. alpha, beta"),
        (SingleSpike(area: "beta", layer: "III", population: "E", time: 10), "unknown layer 'III'; expected II/III, IV, V or VI"),
        (SingleSpike(area: "beta", layer: "V", population: "X", time: 10), "unknown population 'X'; expected E or I"),
        (SingleSpike(area: "beta", layer: "V", population: "E", time: -1), "time -1.0 ms is invalid; expected 0 ≤ time < t_sim = 2000.0 ms, so that the spike is emitted during the run"),
        (SingleSpike(area: "beta", layer: "V", population: "E", time: 2000), "time 2000.0 ms is invalid; expected 0 ≤ time < t_sim = 2000.0 ms, so that the spike is emitted during the run"),
        // A time whose step would not fit an Int (it trapped).
        (SingleSpike(area: "beta", layer: "V", population: "E", time: 1e300), "time 1e+300 ms is invalid; expected 0 ≤ time < t_sim = 2000.0 ms, so that the spike is emitted during the run"),
    ])
    func badSingleSpikeIsNamed(spike: SingleSpike, message: String) {
        var parameters = SimulationParameters()
        parameters.singleSpikes = [SingleSpike(area: "beta", layer: "V", population: "I", time: 10), spike]
        let error = #expect(throws: InputError.self) { try Simulation(network: TestNetworks.small(), parameters: parameters) }
        #expect(error?.description == "sim_params.single_spike[1] (--single-spike \(spike.area),\(spike.layer),\(spike.population),\(spike.time)): \(message)")
    }
}

/// `sim_params` of an experiment file, with the original's keys, including the single-spike list.
@Suite struct SimulationParametersFileTests {
    @Test func experimentFileSetsSimulationParameters() throws {
        let url = try Fixtures.temporaryFile("""
            sim_params:
              t_sim: 12500.0
              master_seed: 55
              connection_rule: fixed_indegree
              single_spike:
                - {area: lingual, layer: IV, pop: E, time_ms: 500.0}
            """, name: "experiment.yaml")
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let parameters = try ExperimentFile(contentsOf: url).apply(section: "sim_params", to: SimulationParameters())
        #expect(parameters.duration == 12500 && parameters.seed == 55 && parameters.connectionRule == .fixedIndegree)
        #expect(parameters.singleSpikes == [SingleSpike(area: "lingual", layer: "IV", population: "E", time: 500)])
        #expect(parameters.resolution == 0.1)
    }
}
