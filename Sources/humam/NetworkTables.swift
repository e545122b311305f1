import Foundation
import Model

/// The CSV tables and summary.json that `humam network --out DIR` writes. All content is made
/// before the first file is written, and each file is written atomically.
struct NetworkTables {
    let network: Network
    let constructionSeconds: Double

    static let pathwayHeader = "target_area,target_layer,target_population,source_area,source_layer,source_population"

    func files() throws -> [(name: String, content: String)] {
        let layout = network.layout, count = network.populationCount
        func row(_ index: Int) -> String {
            let population = layout.population(at: index)
            return "\(population.area),\(population.layer.label),\(population.cellType.label)"
        }
        var neurons = "area,layer,population,neurons\n"
        var external = "area,layer,population,synapses\n"
        for index in 0..<count {
            neurons += "\(row(index)),\(network.neuronCounts[index])\n"
            external += "\(row(index)),\(network.externalSynapseCounts[index])\n"
        }
        var synapses = "\(Self.pathwayHeader),synapses\n"
        var weights = "\(Self.pathwayHeader),weight_pA,weight_sd_pA\n"
        var delays = "\(Self.pathwayHeader),delay_ms,delay_sd_ms\n"
        for target in 0..<count {
            for source in 0..<count where network.synapseCounts[target * count + source] > 0 {
                let pathway = target * count + source, prefix = "\(row(target)),\(row(source))"
                synapses += "\(prefix),\(network.synapseCounts[pathway])\n"
                weights += "\(prefix),\(network.weights[pathway]),\(network.weightSDs[pathway])\n"
                delays += "\(prefix),\(network.delayMeans[pathway]),\(network.delaySDs[pathway])\n"
            }
        }
        let summary: [String: Any] = [
            "network_hash": network.contentHash,
            "neurons": network.totalNeurons,
            "synapses_internal": network.totalSynapses,
            "synapses_external": network.totalExternalSynapses,
            "populations": network.nonEmptyPopulations.count,
            "areas": layout.areas.count,
            "N_scaling": network.parameters.downscaling.neuronScaling,
            "K_scaling": network.parameters.downscaling.indegreeScaling,
            "downscaling": network.parameters.downscaling.mode.rawValue,
            "construction_seconds": constructionSeconds,
        ]
        let summaryData = try JSONSerialization.data(withJSONObject: summary, options: [.prettyPrinted, .sortedKeys])
        return [
            ("neuron_numbers.csv", neurons),
            ("synapses.csv", synapses),
            ("external_synapses.csv", external),
            ("weights.csv", weights),
            ("delays.csv", delays),
            ("external_rates.csv", PopulationTable.text(network.externalRates, valueColumn: "rate_hz", layout: layout)),
            ("dc_drive.csv", PopulationTable.text(network.dcDrive, valueColumn: "dc_pA", layout: layout)),
            ("summary.json", String(decoding: summaryData, as: UTF8.self) + "\n"),
        ]
    }

    func write(to directory: URL) throws {
        for file in try files() {
            try AtomicFile.write(file.content, to: directory.appendingPathComponent(file.name))
        }
    }
}
