import Foundation
import Model

/// Networks for the engine and run-folder tests.
public enum TestNetworks {
    /// The notebook's down-scaled network (N_scaling = K_scaling = 0.006, linear, chi 1) as NEST
    /// simulated it, assembled from the reference tables in `Tests/Fixtures/downscaled/`:
    /// neuron, synapse and external synapse numbers, weights, external rates and DC drive as the
    /// original computed them; weight SD 0.1·|w|; delays 1.5 ms (E) / 0.75 ms (I) within an
    /// area and `fullscale/delay_cc.csv` between areas, relative SD 0.5, lognormal clipped.
    public static func downscaled() throws -> Network {
        let neuronTable = try Fixtures.table("downscaled/neuron_numbers.csv")
        let areas = Array(Set(try neuronTable.strings(column: "area"))).sorted()
        let layout = PopulationLayout(areas: areas)
        let count = layout.count
        func populationValues(_ path: String, _ column: String) throws -> [Double] {
            try PopulationTable.read(Fixtures.url(path), valueColumn: column, layout: layout)
        }
        let neuronCounts = try populationValues("downscaled/neuron_numbers.csv", "N").map { Int($0) }
        let synapses = try PathwayTable.read(Fixtures.table("downscaled/synapses_internal.csv"), valueColumn: "synapses", layout: layout)
        let weights = try PathwayTable.read(Fixtures.table("downscaled/weights_connected_only.csv"), valueColumn: "weight_pA", layout: layout)
        let externalWeights = try populationValues("downscaled/weights_ext.csv", "weight_pA")
        let delayTable = try Fixtures.table("fullscale/delay_cc.csv")
        let sourceAreas = Array(delayTable.header.dropFirst())
        var interAreaDelay = [String: Double]()
        for row in delayTable.rows.indices {
            for (offset, source) in sourceAreas.enumerated() {
                interAreaDelay[delayTable.rows[row][0] + "→" + source] = try delayTable.number(row: row, column: offset + 1)
            }
        }
        var delayMeans = [Double](repeating: 0, count: count * count)
        for target in 0..<count {
            for source in 0..<count {
                let targetPopulation = layout.population(at: target), sourcePopulation = layout.population(at: source)
                delayMeans[target * count + source] = targetPopulation.area == sourcePopulation.area
                    ? (sourcePopulation.cellType == .excitatory ? 1.5 : 0.75)
                    : interAreaDelay[targetPopulation.area + "→" + sourcePopulation.area]!
            }
        }
        var parameters = NetworkParameters()
        parameters.downscaling.neuronScaling = 0.006
        parameters.downscaling.indegreeScaling = 0.006
        parameters.downscaling.mode = .original
        return Network(
            layout: layout, neuronCounts: neuronCounts, synapseCounts: synapses.map { Int($0) },
            externalSynapseCounts: try populationValues("downscaled/synapses_external.csv", "synapses").map { Int($0) },
            weights: weights, weightSDs: weights.map { abs($0) * 0.1 },
            externalWeights: externalWeights, externalWeightSDs: externalWeights.map { abs($0) * 0.1 },
            externalRates: try populationValues("downscaled/rate_ext.csv", "rate_hz"),
            dcDrive: try populationValues("downscaled/dc_drive.csv", "dc_pA"),
            delayMeans: delayMeans, delaySDs: delayMeans.map { $0 * 0.5 }, delayDistribution: .lognormalClipped,
            excitatoryNeuron: .excitatoryDefault, inhibitoryNeuron: .inhibitoryDefault,
            excitatorySpread: NeuronParameterSpread(), inhibitorySpread: NeuronParameterSpread(),
            parameters: parameters)
    }

    /// A small two-area network (16 populations, 2 of them empty) with the structure of HuMAM:
    /// E and I populations per layer, local and inter-area pathways, external Poisson drive and
    /// DC, weights large enough for sustained activity. For engine tests that must run in
    /// debug builds within seconds.
    public static func small(neuronsPerPopulation: Int = 40, delayDistribution: DelayDistribution = .lognormalClipped) -> Network {
        let layout = PopulationLayout(areas: ["alpha", "beta"])
        let count = layout.count
        var neuronCounts = [Int](repeating: neuronsPerPopulation, count: count)
        neuronCounts[layout.index(areaIndex: 1, layer: .layer4, cellType: .excitatory)] = 0
        neuronCounts[layout.index(areaIndex: 1, layer: .layer4, cellType: .inhibitory)] = 0
        var synapses = [Int](repeating: 0, count: count * count)
        var weights = [Double](repeating: 0, count: count * count)
        var delayMeans = [Double](repeating: 0, count: count * count)
        for target in 0..<count where neuronCounts[target] > 0 {
            for source in 0..<count where neuronCounts[source] > 0 {
                let targetPopulation = layout.population(at: target), sourcePopulation = layout.population(at: source)
                let sameArea = targetPopulation.area == sourcePopulation.area
                let excitatory = sourcePopulation.cellType == .excitatory
                // Every local pathway, and E → E/I between areas.
                guard sameArea || excitatory else { continue }
                let element = target * count + source
                synapses[element] = neuronCounts[target] * (sameArea ? (excitatory ? 8 : 4) : 2)
                weights[element] = excitatory ? 90 : -400
                delayMeans[element] = sameArea ? (excitatory ? 1.5 : 0.75) : 6
            }
        }
        return Network(
            layout: layout, neuronCounts: neuronCounts, synapseCounts: synapses,
            externalSynapseCounts: neuronCounts.map { $0 * 100 },
            weights: weights, weightSDs: weights.map { abs($0) * 0.1 },
            externalWeights: [Double](repeating: 87.8, count: count),
            externalWeightSDs: [Double](repeating: 8.78, count: count),
            externalRates: [Double](repeating: 15, count: count),
            dcDrive: [Double](repeating: 300, count: count),
            delayMeans: delayMeans, delaySDs: delayMeans.map { $0 * 0.5 }, delayDistribution: delayDistribution,
            excitatoryNeuron: .excitatoryDefault, inhibitoryNeuron: .inhibitoryDefault,
            excitatorySpread: NeuronParameterSpread(), inhibitorySpread: NeuronParameterSpread(),
            parameters: NetworkParameters())
    }

    /// The small network of the checkpoint tests, with half of its populations driven by Poisson trains (0.09 external
    /// spikes per step, below `ExternalDrive.perStepThreshold`) and the others per step, so
    /// that both kinds of drive cross the checkpoint.
    public static func checkpointNetwork() -> Network {
        var network = small()
        for population in stride(from: 0, to: network.populationCount, by: 2) { network.externalRates[population] = 9 }
        return network
    }

    /// 300 ms and a single spike at 250 ms, after every checkpoint.
    public static func checkpointParameters(_ connectivity: ConnectivityMode, threads: Int) -> SimulationParameters {
        var parameters = SimulationParameters()
        parameters.duration = 300
        parameters.threads = threads
        parameters.connectivity = connectivity
        parameters.singleSpikes = [SingleSpike(area: "alpha", layer: "IV", population: "E", time: 250)]
        return parameters
    }
}
