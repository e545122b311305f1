import Foundation

extension Network {
    /// Mean input (mV) of every population from internal and external synapses at the given
    /// rates, the x1 + x1_ext of the original's `Network.extraDCforScaledNetwork`:
    /// μ = 1e-3 τ_m [J_ext K_ext ν_ext + Σ_j (J K)_ij ν_j], with PSC weights converted back to
    /// PSP amplitudes. Like the original, the conversion uses the excitatory synaptic time
    /// constant for every source. Empty populations get 0.
    /// - Parameter rates: Hz, layout order.
    public func meanInput(rates: [Double]) -> [Double] {
        let count = populationCount
        return (0..<count).map { target -> Double in
            guard neuronCounts[target] > 0 else { return 0 }
            let neuron = neuronParameters(ofPopulation: target)
            let pspPerPsc = 1 / neuron.pscPerPsp(synapticTimeConstant: neuron.excitatorySynapticTimeConstant)
            let external = 1e-3 * neuron.membraneTimeConstant * (externalWeights[target] * pspPerPsc)
                * externalIndegree(ofPopulation: target) * externalRates[target]
            var recurrent = 0.0
            for source in 0..<count where neuronCounts[source] > 0 {
                recurrent += (weights[target * count + source] * pspPerPsc) * indegree(target: target, source: source) * rates[source]
            }
            return external + 1e-3 * neuron.membraneTimeConstant * recurrent
        }
    }

    /// Scales this full-scale network by N_scaling (neurons) and K_scaling (indegrees) and adds
    /// the DC compensation (`NetworkParameters.DownscalingMode`):
    /// - original: the original's `scaleNetwork`: weights / k (linear) or / √k (sqrt), and
    ///   DC = C_m/τ_m (1 − factor) μ computed on the scaled network — for linear scaling this
    ///   adds the full mean input a second time;
    /// - balanced: weights / √k and DC = C_m/τ_m (1 − √k) μ_full, which keeps both the mean and
    ///   the variance of the input (van Albada, Helias & Diesmann 2015).
    /// - Parameter fullscaleRates: full-scale stationary rates, Hz, layout order.
    mutating func downscale(fullscaleRates: [Double]) throws(InputError) {
        let scaling = parameters.downscaling
        guard fullscaleRates.count == populationCount else {
            throw InputError("full-scale rates have \(fullscaleRates.count) values; expected \(populationCount)")
        }
        for index in nonEmptyPopulations where !(fullscaleRates[index].isFinite && fullscaleRates[index] >= 0) {
            throw InputError("full-scale rate of \(layout.population(at: index).label) is \(fullscaleRates[index]); expected a finite rate ≥ 0 Hz for every non-empty population")
        }
        let fullScaleMean = meanInput(rates: fullscaleRates)

        let weightFactor: Double
        switch (scaling.mode, scaling.originalScalingType) {
        case (.original, .linear): weightFactor = scaling.indegreeScaling
        case (.original, .sqrt), (.balanced, _): weightFactor = scaling.indegreeScaling.squareRoot()
        }
        neuronCounts = neuronCounts.map { Int((Double($0) * scaling.neuronScaling).rounded(.toNearestOrEven)) }
        synapseCounts = synapseCounts.map {
            Int((Double($0) * scaling.neuronScaling * scaling.indegreeScaling).rounded(.toNearestOrEven))
        }
        externalSynapseCounts = externalSynapseCounts.map {
            Int((Double($0) * scaling.neuronScaling * scaling.indegreeScaling).rounded(.toNearestOrEven))
        }
        weights = weights.map { $0 / weightFactor }
        externalWeights = externalWeights.map { $0 / weightFactor }
        weightSDs = weightSDs.map { $0 / weightFactor }
        externalWeightSDs = externalWeightSDs.map { $0 / weightFactor }

        let compensatedMean = scaling.mode == .original ? meanInput(rates: fullscaleRates) : fullScaleMean
        dcDrive = (0..<populationCount).map { index in
            guard neuronCounts[index] > 0 else { return 0 }
            let neuron = neuronParameters(ofPopulation: index)
            return neuron.capacitance / neuron.membraneTimeConstant * ((1 - weightFactor) * compensatedMean[index])
        }
    }
}
