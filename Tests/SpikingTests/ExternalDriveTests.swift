import Foundation
import Model
import Testing
import TestSupport
@testable import Spiking

/// The Poisson background: counts per step are Poisson with mean K_ext · rate_ext · h, and the
/// weights are Normal(w_ext, σ) clipped at 0. Below 0.1 spikes per step the counts come from
/// spike trains (tested here); from 0.1 on they are drawn per step (`PoissonCountTable`, tested
/// in ProceduralConnectivityTests).
@Suite struct ExternalDriveTests {
    @Test func countsPerStepArePoissonWithTheGeneratorRate() {
        var network = TestNetworks.small()
        network.externalRates = network.externalRates.map { _ in 5 }
        var parameters = SimulationParameters()
        parameters.seed = 7
        let indexing = NeuronIndexing(neuronCounts: network.neuronCounts)
        let drive = ExternalDrive(network: network, indexing: indexing, parameters: parameters)
        // 100 external synapses at 5 spikes/s each: 500/s, i.e. 0.05 per 0.1 ms step.
        let expectedMean = 100 * 5 * 0.1e-3
        #expect(ExternalDrive.perStepTable(network: network, population: 0, resolution: 0.1) == nil)
        #expect(ExternalDrive.perStepTable(network: TestNetworks.small(), population: 0, resolution: 0.1)?.mean == 100 * 15 * 0.1e-3)
        let steps = 20_000
        var total = 0.0, squares = 0.0, samples = 0.0
        for neuron in 0..<40 {
            for step in 1...steps {
                let spikes = Double(drive.arrivalStep(of: neuron) == step ? drive.takeSpikes(of: neuron, arrivingIn: step) : 0)
                total += spikes
                squares += spikes * spikes
                samples += 1
            }
        }
        let mean = total / samples
        let variance = squares / samples - mean * mean
        // Standard error of the mean √(λ/n) ≈ 2.5e-4; of the variance about √(λ(1+2λ)/n) ≈ 2.6e-4.
        #expect(abs(mean - expectedMean) < 5 * (expectedMean / samples).squareRoot())
        #expect(abs(variance - expectedMean) < 5 * (expectedMean * (1 + 2 * expectedMean) / samples).squareRoot())
        // The external weights: Normal(87.8, 8.78), 560 neurons; 5 standard errors.
        let weights = (0..<drive.count).map { drive.weights[$0] }
        let weightMean = weights.reduce(0, +) / Double(weights.count)
        #expect(abs(weightMean - 87.8) < 5 * 8.78 / Double(weights.count).squareRoot())
    }
}
