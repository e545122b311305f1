import COpenBLAS
import Foundation
import Model

/// The rate equations of a network: ν ↦ Φ(μ(ν), σ(ν), τ_s,eff(ν)) over its non-empty populations,
/// exactly as the original's `theory.rates.solve` sets them up for NNMT (empty populations removed,
/// weights converted to mV, a per-population effective synaptic time constant), plus the DC drive.
///
/// Input statistics (NNMT `lif._general._mean_input`, `_std_input`; Fourcaud & Brunel 2002 Eq. 3.4):
///
///     μ_i  = τ_m,i (Σ_j K_ij J_ij ν_j + K_ext,i J_ext,i ν_ext,i) + τ_m,i I_e,i / C_m,i
///     σ_i² = τ_m,i (Σ_j K_ij J_ij² ν_j + K_ext,i J_ext,i² ν_ext,i)
///     τ_s,eff,i = σ_i² / [τ_m,i (Σ_j K_ij J_ij² ν_j / τ_s,ij + K_ext,i J_ext,i² ν_ext,i / τ_s,ext,i)]
///
/// with J in mV as the original converts it, J[mV] = τ_s,ij[ms] · J[pA] / C_m,i[pF], τ_s,ij the
/// target's excitatory or inhibitory synaptic time constant by source type (external input is
/// excitatory), K_ij = N_syn,ij / N_i. The original omits the DC term; with `includeDCDrive`
/// it is added, so that down-scaled networks with DC compensation are predicted too.
struct MeanFieldModel: Sendable {
    /// Layout indices of the modelled (non-empty) populations, in layout order.
    let populations: [Int]
    let transfers: [ShiftedSiegert]
    /// Row-major n × n: τ_m K J (mV·s), τ_m K J² (mV²·s), τ_m K J²/τ_s (mV²·s/ms).
    let meanWeights: [Double]
    let varianceWeights: [Double]
    let scaledVarianceWeights: [Double]
    /// External (and DC) parts of μ (mV), σ² (mV²) and of the τ_s-scaled variance (mV²/ms).
    let meanOffsets: [Double]
    let varianceOffsets: [Double]
    let scaledVarianceOffsets: [Double]

    var count: Int { populations.count }

    init(network: Network, includeDCDrive: Bool) {
        let populations = network.nonEmptyPopulations
        let n = populations.count
        let total = network.populationCount
        var transfers: [ShiftedSiegert] = []
        var meanWeights = [Double](repeating: 0, count: n * n)
        var varianceWeights = [Double](repeating: 0, count: n * n)
        var scaledVarianceWeights = [Double](repeating: 0, count: n * n)
        var meanOffsets = [Double](repeating: 0, count: n)
        var varianceOffsets = [Double](repeating: 0, count: n)
        var scaledVarianceOffsets = [Double](repeating: 0, count: n)
        let excitatorySource = populations.map { network.layout.population(at: $0).cellType == .excitatory }
        for (row, target) in populations.enumerated() {
            let neuron = network.neuronParameters(ofPopulation: target)
            transfers.append(ShiftedSiegert(neuron: neuron))
            let tauM = neuron.membraneTimeConstant * 1e-3  // s
            for (column, source) in populations.enumerated() {
                let indegree = network.indegree(target: target, source: source)
                let tauS = excitatorySource[column]
                    ? neuron.excitatorySynapticTimeConstant : neuron.inhibitorySynapticTimeConstant
                let weight = tauS * network.weights[target * total + source] / neuron.capacitance  // mV
                meanWeights[row * n + column] = tauM * indegree * weight
                varianceWeights[row * n + column] = tauM * indegree * weight * weight
                scaledVarianceWeights[row * n + column] = tauM * indegree * weight * weight / tauS
            }
            let tauS = neuron.excitatorySynapticTimeConstant
            let externalWeight = tauS * network.externalWeights[target] / neuron.capacitance  // mV
            let externalDrive = network.externalIndegree(ofPopulation: target) * network.externalRates[target]
            meanOffsets[row] = tauM * externalDrive * externalWeight
            if includeDCDrive {
                meanOffsets[row] += neuron.membraneTimeConstant * network.dcDrive[target] / neuron.capacitance
            }
            varianceOffsets[row] = tauM * externalDrive * externalWeight * externalWeight
            scaledVarianceOffsets[row] = varianceOffsets[row] / tauS
        }
        self.populations = populations
        self.transfers = transfers
        self.meanWeights = meanWeights
        self.varianceWeights = varianceWeights
        self.scaledVarianceWeights = scaledVarianceWeights
        self.meanOffsets = meanOffsets
        self.varianceOffsets = varianceOffsets
        self.scaledVarianceOffsets = scaledVarianceOffsets
    }

    /// μ (mV), σ (mV) and τ_s,eff (ms) of every population at rates `rates` (Hz).
    struct Inputs {
        var mean: [Double]
        var variance: [Double]
        var scaledVariance: [Double]
        var standardDeviation: [Double] { variance.map { $0.squareRoot() } }
        func effectiveSynapticTimeConstant(_ i: Int) -> Double {
            scaledVariance[i] > 0 ? variance[i] / scaledVariance[i] : 0
        }
    }

    func inputs(rates: [Double]) -> Inputs {
        precondition(rates.count == count)
        var mean = meanOffsets
        var variance = varianceOffsets
        var scaledVariance = scaledVarianceOffsets
        let n = Int32(count)
        if count > 0 {
            humam_blas_use_one_thread()
            cblas_dgemv(CblasRowMajor, CblasNoTrans, n, n, 1, meanWeights, n, rates, 1, 1, &mean, 1)
            cblas_dgemv(CblasRowMajor, CblasNoTrans, n, n, 1, varianceWeights, n, rates, 1, 1, &variance, 1)
            cblas_dgemv(CblasRowMajor, CblasNoTrans, n, n, 1, scaledVarianceWeights, n, rates, 1, 1,
                        &scaledVariance, 1)
        }
        for i in 0..<count { variance[i] = max(variance[i], 0) }
        return Inputs(mean: mean, variance: variance, scaledVariance: scaledVariance)
    }

    /// Φ(ν): the output rates (Hz) for input rates `rates` (Hz, non-negative).
    func transfer(rates: [Double]) -> [Double] {
        let inputs = inputs(rates: rates)
        return (0..<count).map { i in
            transfers[i].rate(meanMV: inputs.mean[i], standardDeviationMV: inputs.variance[i].squareRoot(),
                              synapticTimeConstantMS: inputs.effectiveSynapticTimeConstant(i))
        }
    }

    /// ln Φ(ν) and the sensitivities of ln Φ_i to the input rates, S_ij = ∂ln Φ_i/∂ν_j (row-major),
    /// by the chain rule through μ, σ and τ_s,eff: ∂μ_i/∂ν_j = τ_m K J, ∂σ_i/∂ν_j = τ_m K J²/(2σ_i),
    /// ∂τ_eff,i/∂ν_j = (τ_m K J² − τ_eff τ_m K J²/τ_s)/V_i with V_i the τ_s-scaled variance.
    /// In logarithmic form these stay finite where Φ underflows (silent populations). With
    /// `timesRate`, row i is multiplied by Φ_i: the Jacobian ∂Φ_i/∂ν_j itself.
    func logTransferAndSensitivities(rates: [Double], timesRate: Bool = false)
        -> (logRates: [Double], sensitivities: [Double]) {
        let n = count
        let inputs = inputs(rates: rates)
        var output = [Double](repeating: 0, count: n)
        var sensitivities = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            let sigma = inputs.variance[i].squareRoot()
            let tauEffective = inputs.effectiveSynapticTimeConstant(i)
            let evaluation = transfers[i].evaluate(meanMV: inputs.mean[i], standardDeviationMV: sigma,
                                                   synapticTimeConstantMS: tauEffective)
            output[i] = evaluation.logRate
            let scale = timesRate ? evaluation.rate : 1
            let byMean = scale * evaluation.logDerivativeByMean
            var byVariance = 0.0
            var byScaledVariance = 0.0
            if sigma > 0 {
                let scaled = inputs.scaledVariance[i]
                byVariance = scale * (evaluation.logDerivativeByStandardDeviation / (2 * sigma)
                    + evaluation.logDerivativeBySynapticTimeConstant / scaled)
                byScaledVariance = -scale * evaluation.logDerivativeBySynapticTimeConstant * tauEffective / scaled
            }
            let offset = i * n
            for j in 0..<n {
                sensitivities[offset + j] = byMean * meanWeights[offset + j] + byVariance * varianceWeights[offset + j]
                    + byScaledVariance * scaledVarianceWeights[offset + j]
            }
        }
        return (output, sensitivities)
    }

    /// Φ(ν) and its Jacobian ∂Φ_i/∂ν_j = Φ_i S_ij (row-major).
    func transferAndJacobian(rates: [Double]) -> (rates: [Double], jacobian: [Double]) {
        let (logOutput, jacobian) = logTransferAndSensitivities(rates: rates, timesRate: true)
        return (logOutput.map { exp($0) }, jacobian)
    }

    /// The Jacobian of the rate dynamics at a fixed point ν* = Φ(ν*) in the similar, better scaled
    /// form ∂ln Φ_i/∂ln ν_j = S_ij ν_j = (1/ν_i)(∂Φ_i/∂ν_j)ν_j, which has the same eigenvalues.
    func logarithmicJacobian(rates: [Double]) -> [Double] {
        let n = count
        var jacobian = logTransferAndSensitivities(rates: rates).sensitivities
        for i in 0..<n { for j in 0..<n { jacobian[i * n + j] *= rates[j] } }
        return jacobian
    }

    /// Rates of the modelled populations spread into layout order (0 for empty populations).
    func layoutRates(_ rates: [Double], populationCount: Int) -> [Double] {
        var full = [Double](repeating: 0, count: populationCount)
        for (i, index) in populations.enumerated() { full[index] = rates[i] }
        return full
    }

    /// The modelled populations' entries of layout-order `values`.
    func modelled(_ values: [Double]) -> [Double] { populations.map { values[$0] } }
}
