import Foundation
import Model
import RunFormat
import Testing
@testable import Analysis

/// The folded BLAS computation of the area currents against the original's order of operations
/// (per-population PSCs, (|J|·K)·psc, ×N, sum per area, ÷ N_area), written out plainly here, on a
/// small two-area network with different E and I time constants.
@Suite struct SynapticInputCurrentTests {
    @Test(arguments: [PSCKernel.synapticTimeConstant, .original])
    func foldedComputationEqualsOriginalOrder(kernel: PSCKernel) throws {
        let layout = PopulationLayout(areas: ["a", "b"])
        let count = layout.count
        var neurons = [Int](repeating: 0, count: count)
        for index in 0..<count { neurons[index] = index % 5 == 3 ? 0 : 3 + index % 4 }   // some empty populations
        let populations = PopulationGIDs(layout: layout, neuronCounts: neurons)
        var synapses = [Double](repeating: 0, count: count * count)
        var weights = [Double](repeating: 0, count: count * count)
        for target in 0..<count where neurons[target] > 0 {
            for source in 0..<count where neurons[source] > 0 && (target + 2 * source) % 3 != 0 {
                synapses[target * count + source] = Double(1 + (target * 7 + source) % 11)
                weights[target * count + source] = (source % 2 == 0 ? 1 : -4) * Double(10 + (target + source) % 5)
            }
        }
        let model = SynapticInputModel(layout: layout, neuronCounts: neurons, synapseCounts: synapses, weights: weights,
                                       excitatoryTimeConstant: 2, inhibitoryTimeConstant: 5)
        // Deterministic pseudo-random spikes over 300 ms.
        var senders: [Int32] = [], times: [Double] = []
        var state: UInt64 = 12345
        for _ in 0..<3000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let gid = Int32(1 + Int(state >> 33) % neurons.reduce(0, +))
            senders.append(gid)
            times.append(Double((state >> 11) % 3000) / 10)
        }
        let trains = try SpikeTrains(populations: populations, senders: senders, times: times, simulationTime: 300, source: "t")
        let histogram = RateHistogram(trains)
        let current = SynapticInputCurrent(histogram: histogram, model: model, kernel: kernel, simulationResolution: 0.1)

        let bins = histogram.binCount
        let spacing = kernel == .original ? 0.1 : 1
        var psc = [[Double]](repeating: [Double](repeating: 0, count: bins), count: count)
        for source in 0..<count where neurons[source] > 0 {
            let tau = layout.population(at: source).cellType == .excitatory ? 2.0 : 5.0
            let (kernelWeights, centre) = PSCKernel.samples(timeConstant: tau, spacing: spacing)
            for i in 0..<bins {
                var sum = 0.0
                for k in kernelWeights.indices {
                    let j = i + centre - k
                    if j >= 0 && j < bins { sum += tau * histogram.populationRatesKHz[source * bins + j] * kernelWeights[k] }
                }
                psc[source][i] = sum
            }
        }
        var worst = 0.0
        for area in 0..<2 {
            let targets = (area * 8..<(area + 1) * 8).filter { neurons[$0] > 0 }
            let areaNeurons = Double(targets.map { neurons[$0] }.reduce(0, +))
            for bin in 0..<bins {
                var total = 0.0
                for target in targets {
                    var input = 0.0
                    for source in 0..<count where neurons[source] > 0 {
                        input += abs(weights[target * count + source]) * synapses[target * count + source] / Double(neurons[target]) * psc[source][bin]
                    }
                    total += input * Double(neurons[target])
                }
                worst = max(worst, abs(current.values[area * bins + bin] - total / areaNeurons) / max(abs(total / areaNeurons), 1))
            }
        }
        // Same sums in another order: rounding only.
        #expect(worst < 1e-12)
        #expect(current.values.contains { $0 > 0 })
    }

}

/// Synaptic currents of the 2-s NEST reference run (validation tier).
@Suite struct SynapticInputCurrentValidationTests {
    @Test func kernelsGiveDifferentCurrents() {
        let histogram = RateHistogram(DownscaledReference.record)
        let original = SynapticInputCurrent(histogram: histogram, model: DownscaledReference.inputModel, kernel: .original)
        let tauSyn = SynapticInputCurrent(histogram: histogram, model: DownscaledReference.inputModel, kernel: .synapticTimeConstant)
        // Both kernels are normalised, so the time-averaged currents agree (away from the edges)
        // while the fluctuations differ: the 2 ms kernel smooths less.
        let bins = histogram.binCount
        let meanOriginal = (500..<2000).map { original.values[$0] }.reduce(0, +) / 1500
        let meanTauSyn = (500..<2000).map { tauSyn.values[$0] }.reduce(0, +) / 1500
        #expect(abs(meanOriginal - meanTauSyn) < 0.01 * meanOriginal)
        func variance(_ values: ArraySlice<Double>) -> Double {
            let mean = values.reduce(0, +) / Double(values.count)
            return values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count)
        }
        #expect(variance(tauSyn.values[500..<bins]) > 2 * variance(original.values[500..<bins]))
    }
}
