import Foundation
import Model
import Testing
@testable import Theory

struct MeanFieldModelTests {
    // The analytic Jacobian ∂Φ/∂ν (chain rule through μ, σ and the effective τ_s) against central
    // differences of Φ, on an E–I network whose inhibitory synapses are slower (τ_s,in = 6 ms vs
    // τ_s,ex = 2 ms), so that the effective τ_s depends on the rates, and with a DC drive.
    // 1e-6 relative to the largest entry: the difference quotients' truncation and round-off.
    @Test func jacobianMatchesFiniteDifferences() {
        var network = SmallNetwork.make(populations: 2, indegrees: [[800, 200], [800, 200]],
                                        weightsPA: [[30, -15], [15, -10]],
                                        externalIndegrees: [1000, 1000], externalWeightsPA: [22, 10],
                                        externalRatesHz: [11, 11], dcDrivePA: [50, 20])
        network.excitatoryNeuron.inhibitorySynapticTimeConstant = 6
        network.inhibitoryNeuron.inhibitorySynapticTimeConstant = 4
        let model = MeanFieldModel(network: network, includeDCDrive: true)
        let rates = [3.0, 7.0]
        let analytic = model.transferAndJacobian(rates: rates).jacobian
        let largest = analytic.map(abs).max()!
        #expect(largest > 0.1)
        for j in 0..<2 {
            let h = 1e-5 * rates[j]
            var up = rates, down = rates
            up[j] += h
            down[j] -= h
            let plus = model.transfer(rates: up), minus = model.transfer(rates: down)
            for i in 0..<2 {
                let numeric = (plus[i] - minus[i]) / (2 * h)
                #expect(abs(analytic[i * 2 + j] - numeric) <= 1e-6 * largest, "∂Φ\(i)/∂ν\(j): \(analytic[i * 2 + j]) vs \(numeric)")
            }
        }
        // The effective τ_s lies between the two time constants and moves with the rates.
        let low = model.inputs(rates: [1, 1]).effectiveSynapticTimeConstant(0)
        let high = model.inputs(rates: [1, 50]).effectiveSynapticTimeConstant(0)
        #expect(low > 2 && high < 6 && high > low)
    }

    // The DC drive adds τ_m I_e / C_m to μ (NNMT `_mean_input` with I_ext, C): 10 ms · 50 pA /
    // 220 pF = 2.2727… mV for E; nothing when it is switched off (the original's theory).
    @Test func dcDriveEntersTheMeanInput() {
        let network = SmallNetwork.make(populations: 1, indegrees: [[0]], weightsPA: [[0]],
                                        externalIndegrees: [1000], externalWeightsPA: [22], externalRatesHz: [8],
                                        dcDrivePA: [50])
        let with = MeanFieldModel(network: network, includeDCDrive: true).inputs(rates: [0]).mean[0]
        let without = MeanFieldModel(network: network, includeDCDrive: false).inputs(rates: [0]).mean[0]
        #expect(abs(with - without - 10.0 * 50 / 220) < 1e-12)
        // External part: τ_m K_ext J_ext ν_ext with J_ext = τ_s J / C = 2 · 22 / 220 = 0.2 mV.
        #expect(abs(without - 0.01 * 1000 * 0.2 * 8) < 1e-12)
    }
}
