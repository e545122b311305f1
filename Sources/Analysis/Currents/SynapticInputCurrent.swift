import COpenBLAS
import Model

/// Area-averaged synaptic input current (the original's `Analysis.synapticInputCurrent`, after
/// the multi-area model's dynamics paper, Schmidt et al. 2018, PLoS Comput Biol, p. 14):
/// the rate histogram of every source population s is convolved with the PSC kernel and scaled
/// by τ_s, giving psc_s(t); a target population t receives Σ_s |J_ts| K_ts psc_s(t) with
/// K_ts = S_ts / N_t; areas average their populations weighted by neuron number N_t.
///
/// Because all steps are linear, the area weights are folded first:
/// A[a, s] = Σ_{t ∈ a} |J_ts| S_ts / N_a, and I_a = τ_E·conv_E(A_E·r) + τ_I·conv_I(A_I·r) with
/// one `dgemm` per synapse type and 34 convolutions instead of 254. The result equals the
/// original's order of operations up to rounding (~1e-15 relative).
public struct SynapticInputCurrent: Sendable {
    public let areas: [String]
    public let binWidth: Double
    public let binCount: Int
    /// Current of area `a` in bin `k`: `values[a * binCount + k]`, pA.
    public let values: [Double]

    /// - Parameters:
    ///   - histogram: population rate histogram (kHz: spikes/ms per neuron, as the original).
    ///   - kernel: which PSC kernel (see `PSCKernel`).
    ///   - simulationResolution: the simulation step, ms (the `.original` kernel's spacing).
    public init(histogram: RateHistogram, model: SynapticInputModel, kernel: PSCKernel = .synapticTimeConstant,
                simulationResolution: Double = 0.1) {
        let layout = model.layout
        let count = layout.count
        let areaCount = layout.areas.count
        let bins = histogram.binCount
        precondition(histogram.populationRatesKHz.count == count * bins, "histogram and network layouts differ")
        var areaNeurons = [Double](repeating: 0, count: areaCount)
        for target in 0..<count { areaNeurons[layout.areaIndex(ofPopulation: target)] += Double(model.neuronCounts[target]) }

        // Projection matrices A_E, A_I (areas × populations).
        var projections = [[Double]](repeating: [Double](repeating: 0, count: areaCount * count), count: 2)
        for target in 0..<count where model.neuronCounts[target] > 0 {
            let area = layout.areaIndex(ofPopulation: target)
            for source in 0..<count where model.neuronCounts[source] > 0 {
                let pathway = target * count + source
                let type = layout.population(at: source).cellType.rawValue
                projections[type][area * count + source] += abs(model.weights[pathway]) * model.synapseCounts[pathway] / areaNeurons[area]
            }
        }
        let timeConstants = [model.excitatoryTimeConstant, model.inhibitoryTimeConstant]
        let spacing = kernel == .original ? simulationResolution : histogram.binWidth
        var current = [Double](repeating: 0, count: areaCount * bins)
        var projected = [Double](repeating: 0, count: areaCount * bins)
        var convolved = [Double](repeating: 0, count: bins)
        let sameKernel = timeConstants[0] == timeConstants[1]
        let passes = sameKernel ? [[0, 1]] : [[0], [1]]
        for types in passes {
            var projection = projections[types[0]]
            if types.count == 2 { for index in projection.indices { projection[index] += projections[1][index] } }
            humam_blas_use_one_thread()
            cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(areaCount), Int32(bins), Int32(count), 1,
                        projection, Int32(count), histogram.populationRatesKHz, Int32(bins), 0, &projected, Int32(bins))
            let tau = timeConstants[types[0]]
            let (weights, centre) = PSCKernel.samples(timeConstant: tau, spacing: spacing)
            projected.withUnsafeBufferPointer { projected in
                for area in 0..<areaCount {
                    convolved.withUnsafeMutableBufferPointer { output in
                        PSCKernel.convolve(UnsafeBufferPointer(rebasing: projected[area * bins..<(area + 1) * bins]),
                                           weights: weights, centre: centre, into: output)
                    }
                    for bin in 0..<bins { current[area * bins + bin] += tau * convolved[bin] }
                }
            }
        }
        self.areas = layout.areas
        self.binWidth = histogram.binWidth
        self.binCount = bins
        self.values = current
    }

    /// Functional connectivity: Pearson correlations of the area currents over the bins whose
    /// start time lies in `[start, stop]` (the original: `index >= 500 & index <= t_sim`).
    public func functionalConnectivity(start: Double = PopulationRate.notebookWindowStart, stop: Double? = nil) -> FunctionalConnectivity {
        let stop = stop ?? Double(binCount) * binWidth
        let selected = (0..<binCount).filter { Double($0) * binWidth >= start && Double($0) * binWidth <= stop }
        var series = [Double]()
        series.reserveCapacity(areas.count * selected.count)
        for area in areas.indices { for bin in selected { series.append(values[area * binCount + bin]) } }
        return FunctionalConnectivity(areas: areas,
                                      matrix: PearsonCorrelation.matrix(series: series, count: areas.count, length: selected.count))
    }
}
