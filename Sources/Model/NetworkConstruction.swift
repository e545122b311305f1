import Foundation

extension Network {
    /// Builds the network the original's `Network` class builds (`src/network.py`) from the
    /// input tables: neuron and synapse numbers, PSC weights, delays, external rates and — for a
    /// down-scaled network — the scaled numbers and the DC compensation.
    ///
    /// - Parameters:
    ///   - fullscaleRates: stationary rates (Hz, layout order) of the full-scale network with the
    ///     same parameters; required when `parameters.downscaling` scales the network.
    ///   - localProfiles: type I/II integrals per area; accurate ones are computed when nil.
    public static func build(data: ModelData, parameters: NetworkParameters, fullscaleRates: [Double]? = nil,
                             localProfiles: [LocalConnectivityProfile]? = nil) throws(InputError) -> Network {
        try parameters.validate()
        let columns = try Cytoarchitecture(data: data, parameters: parameters)
        let synapses = try SynapseNumbers(data: data, columns: columns, parameters: parameters, localProfiles: localProfiles)
        let layout = PopulationLayout(areas: columns.areas)
        var network = fullScale(layout: layout, columns: columns, synapses: synapses, parameters: parameters)
        if parameters.downscaling.isDownscaled {
            guard let fullscaleRates else {
                throw InputError("a down-scaled network (N_scaling \(parameters.downscaling.neuronScaling), K_scaling \(parameters.downscaling.indegreeScaling)) needs full-scale rates for its DC compensation: give --fullscale-rates FILE")
            }
            try network.downscale(fullscaleRates: fullscaleRates)
        }
        try network.checkNumbers()
        return network
    }

    /// Rejects a network with a non-finite or negative rate, drive, weight or delay, which checked
    /// tables that are inconsistent with each other can still produce (e.g. a population whose
    /// external indegree rounds to 0 would need an infinite external rate).
    func checkNumbers() throws(InputError) {
        func require(_ valid: Bool, _ what: String, of target: Int, _ value: Double, expected: String) throws(InputError) {
            guard !valid else { return }
            throw InputError("the \(what) of \(layout.population(at: target).label) comes out as \(value) from the input tables; expected \(expected). Check the tables it is computed from (notebooks-data/README.md, \"How HuMAM uses it\")")
        }
        let count = populationCount
        for target in nonEmptyPopulations {
            try require(externalRates[target].isFinite && externalRates[target] >= 0, "external rate (Hz)", of: target,
                        externalRates[target], expected: "a finite rate ≥ 0")
            try require(externalWeights[target].isFinite, "external weight (pA)", of: target, externalWeights[target], expected: "a finite weight")
            try require(dcDrive[target].isFinite, "DC drive (pA)", of: target, dcDrive[target], expected: "a finite current")
            for source in 0..<count where synapseCounts[target * count + source] > 0 {
                let pathway = target * count + source, input = "input from \(layout.population(at: source).label)"
                try require(weights[pathway].isFinite && weightSDs[pathway].isFinite, "weight (pA) of the \(input)", of: target,
                            weights[pathway], expected: "a finite weight")
                try require(delayMeans[pathway].isFinite && delayMeans[pathway] > 0 && delaySDs[pathway].isFinite,
                            "mean delay (ms) of the \(input)", of: target, delayMeans[pathway], expected: "a finite delay > 0")
            }
        }
    }

    /// The full-scale network: weights converted from PSPs to PSCs and scaled, external rates
    /// from eta_ext, delays from the local means and fibre lengths.
    static func fullScale(layout: PopulationLayout, columns: Cytoarchitecture, synapses: SynapseNumbers,
                          parameters: NetworkParameters) -> Network {
        let count = layout.count
        let excitatory = parameters.excitatoryNeuron, inhibitory = parameters.inhibitoryNeuron
        let connection = parameters.connection
        let scaling = parameters.recurrentScaling
        let populations = layout.populations

        // PSC amplitudes (pA) from PSPs (mV) (Network.weightMatrixInt), then the local and
        // cortico-cortical factors (Network.scaleWeightsInt).
        var weights = [Double](repeating: 0, count: count * count)
        for target in 0..<count {
            let targetPopulation = populations[target]
            let neuron = targetPopulation.cellType == .excitatory ? excitatory : inhibitory
            for source in 0..<count {
                let sourcePopulation = populations[source]
                var weight: Double
                if sourcePopulation.cellType == .excitatory {
                    weight = neuron.pscPerPsp(synapticTimeConstant: neuron.excitatorySynapticTimeConstant) * connection.excitatoryPSP
                } else {
                    weight = neuron.pscPerPsp(synapticTimeConstant: neuron.inhibitorySynapticTimeConstant)
                        * connection.relativeInhibition * connection.excitatoryPSP
                }
                if sourcePopulation.cellType == .excitatory {
                    if targetPopulation.area == sourcePopulation.area {
                        if targetPopulation.cellType == .excitatory, targetPopulation.layer == .layer23,
                           sourcePopulation.layer == .layer4 {
                            weight *= scaling.local4EOnto23E
                        }
                        if targetPopulation.cellType == .inhibitory {
                            if sourcePopulation.layer == .layer5 { weight = scaling.local5EOntoI * weight }
                            weight = scaling.localEOntoI * weight
                        }
                    } else {
                        weight = (targetPopulation.cellType == .excitatory ? scaling.corticoCorticalEOntoE
                                                                            : scaling.corticoCorticalEOntoI) * weight
                    }
                }
                weights[target * count + source] = weight
            }
        }

        // External weights (Network.weightMatrixExt) before and after the 5E/6E factors.
        let unscaledExternalWeights = populations.map { population in
            let neuron = population.cellType == .excitatory ? excitatory : inhibitory
            return neuron.pscPerPsp(synapticTimeConstant: neuron.excitatorySynapticTimeConstant) * connection.externalPSP
        }
        let externalWeights = populations.indices.map { index -> Double in
            let population = populations[index]
            guard population.cellType == .excitatory else { return unscaledExternalWeights[index] }
            switch population.layer {
            case .layer5: return parameters.externalScaling.layer5E * unscaledExternalWeights[index]
            case .layer6: return parameters.externalScaling.layer6E * unscaledExternalWeights[index]
            default: return unscaledExternalWeights[index]
            }
        }

        // External rate per synapse (Network.externalRates): the external drive alone sets the
        // mean membrane potential to eta_ext (V_th − E_L); tau in ms, hence 1e3 for 1/s.
        let externalRates = populations.indices.map { index -> Double in
            let neurons = columns.neuronCounts[index]
            guard neurons >= 1 else { return 0 }
            let neuron = populations[index].cellType == .excitatory ? excitatory : inhibitory
            let indegree = Double(synapses.externalSynapseCounts[index]) / Double(neurons)
            let meanPerRate = neuron.membraneTimeConstant * indegree * neuron.excitatorySynapticTimeConstant
                * unscaledExternalWeights[index] / neuron.capacitance
            return 1e3 * (neuron.threshold - neuron.restingPotential) * parameters.externalDrive / meanPerRate
        }

        // Delays: local means by source type, inter-area = fibre length / speed.
        let delays = parameters.delays
        var delayMeans = [Double](repeating: 0, count: count * count)
        for target in 0..<count {
            let targetArea = layout.areaIndex(ofPopulation: target)
            for source in 0..<count {
                let sourceArea = layout.areaIndex(ofPopulation: source)
                delayMeans[target * count + source] = targetArea == sourceArea
                    ? (populations[source].cellType == .excitatory ? delays.excitatory : delays.inhibitory)
                    : synapses.fibreLength[targetArea * layout.areas.count + sourceArea] / delays.interAreaSpeed
            }
        }

        let relativeSD = connection.weightRelativeSD
        return Network(
            layout: layout, neuronCounts: columns.neuronCounts, synapseCounts: synapses.synapseCounts,
            externalSynapseCounts: synapses.externalSynapseCounts,
            weights: weights, weightSDs: weights.map { abs($0 * relativeSD) },
            externalWeights: externalWeights, externalWeightSDs: externalWeights.map { abs($0 * relativeSD) },
            externalRates: externalRates, dcDrive: [Double](repeating: 0, count: count),
            delayMeans: delayMeans, delaySDs: delayMeans.map { abs($0 * delays.relativeSD) },
            delayDistribution: delays.distribution, excitatoryNeuron: excitatory, inhibitoryNeuron: inhibitory,
            excitatorySpread: parameters.excitatorySpread, inhibitorySpread: parameters.inhibitorySpread,
            parameters: parameters)
    }
}
