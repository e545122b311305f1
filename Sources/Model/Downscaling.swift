import Foundation

extension Network {
    /// The original's estimate of the mean input (mV) of every population, the x1 + x1_ext of
    /// its `Network.extraDCforScaledNetwork`: 1e-3 τ_m [J_ext K_ext ν_ext + Σ_j (J K)_ij ν_j] with
    /// PSC weights converted to *peak PSP* amplitudes (excitatory τ_s for every source). A peak
    /// PSP times τ_m is not the mean depolarisation a synapse causes (that is J τ_s τ_m / C_m):
    /// for τ_s = 2, τ_m = 10 ms the estimate is 0.67 of the true mean. Used by the `original`
    /// down-scaling mode only, to reproduce its DC. Empty populations get 0.
    /// - Parameter rates: Hz, layout order.
    public func originalMeanInputEstimate(rates: [Double]) -> [Double] {
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

    /// Mean synaptic input current (pA) of every population at the given rates (Hz): each spike
    /// of a PSC J (pA) decaying with τ_s carries the charge J τ_s, so
    /// I = 1e-3 [J_ext τ_s,ex K_ext ν_ext + Σ_j J_ij τ_s,j K_ij ν_j] (τ in ms; the mean
    /// depolarisation is I τ_m / C_m, as in NNMT's `_mean_input`). Empty populations get 0.
    public func meanSynapticCurrent(rates: [Double]) -> [Double] {
        let count = populationCount
        return (0..<count).map { target -> Double in
            guard neuronCounts[target] > 0 else { return 0 }
            let neuron = neuronParameters(ofPopulation: target)
            var charge = externalWeights[target] * neuron.excitatorySynapticTimeConstant
                * externalIndegree(ofPopulation: target) * externalRates[target]
            for source in 0..<count where neuronCounts[source] > 0 {
                let decay = layout.population(at: source).cellType == .excitatory
                    ? neuron.excitatorySynapticTimeConstant : neuron.inhibitorySynapticTimeConstant
                charge += weights[target * count + source] * decay * indegree(target: target, source: source) * rates[source]
            }
            return 1e-3 * charge
        }
    }

    /// Scales this full-scale network by N_scaling (neurons) and K_scaling (indegrees) and adds
    /// the DC compensation (`NetworkParameters.DownscalingMode`):
    /// - original: the original's `scaleNetwork`: weights / k (linear) or / √k (sqrt), and
    ///   DC = C_m/τ_m (1 − factor) × `originalMeanInputEstimate` on the scaled network — for
    ///   linear scaling this adds (0.67 of) the full mean input a second time;
    /// - balanced: weights / √k and DC = (1 − √k) × the full-scale `meanSynapticCurrent`, which
    ///   keeps both the mean and the variance of the input (van Albada, Helias & Diesmann 2015).
    /// - Parameter fullscaleRates: full-scale stationary rates, Hz, layout order.
    mutating func downscale(fullscaleRates: [Double]) throws(InputError) {
        let scaling = parameters.downscaling
        guard fullscaleRates.count == populationCount else {
            throw InputError("full-scale rates have \(fullscaleRates.count) values; expected \(populationCount)")
        }
        for index in nonEmptyPopulations where !(fullscaleRates[index].isFinite && fullscaleRates[index] >= 0) {
            throw InputError("full-scale rate of \(layout.population(at: index).label) is \(fullscaleRates[index]); expected a finite rate ≥ 0 Hz for every non-empty population")
        }
        // The balanced DC needs the full-scale mean current, i.e. before the numbers are scaled.
        let fullScaleCurrent = scaling.mode == .balanced ? meanSynapticCurrent(rates: fullscaleRates) : []

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

        switch scaling.mode {
        case .original:
            let estimate = originalMeanInputEstimate(rates: fullscaleRates)
            dcDrive = (0..<populationCount).map { index in
                guard neuronCounts[index] > 0 else { return 0 }
                let neuron = neuronParameters(ofPopulation: index)
                return neuron.capacitance / neuron.membraneTimeConstant * ((1 - weightFactor) * estimate[index])
            }
        case .balanced:
            dcDrive = (0..<populationCount).map { neuronCounts[$0] > 0 ? (1 - weightFactor) * fullScaleCurrent[$0] : 0 }
        }
    }
}
