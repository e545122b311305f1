import Foundation
import Model

/// The network's tables: what `humam network --out DIR` writes and `humam fc --network-tables`
/// reads back, one codec for both. Population tables have a row `area,layer,population,<value>`
/// for every population of the layout (empty ones included); pathway tables have a row
/// `target_area,target_layer,target_population,source_area,source_layer,source_population,<values>`
/// for every pathway with synapses, target outer and source inner in layout order. Numbers are
/// written as Swift's shortest round-trip decimals, so reading gives back the same doubles.
///
/// The reader also takes the original pipeline's folders: `neuron_numbers.csv` with column `N`,
/// `synapses_internal.csv`, `weights_connected_only.csv` and `pop` for `population`. Those have
/// no delays, so `details` is nil for them.
public struct NetworkTables: Sendable, Equatable {
    public var layout: PopulationLayout
    /// Neurons per population, layout order.
    public var neuronCounts: [Int]
    /// Internal synapses per pathway, target × source, row-major over `layout.count`.
    public var synapseCounts: [Int]
    /// Mean PSC amplitude per pathway, pA; 0 where the pathway has no synapses.
    public var weights: [Double]
    /// The tables humam writes beyond those; nil when read from the original's folder.
    public var details: Details?

    /// Weight spreads, delays and the external drive, as `humam network --out` writes them.
    public struct Details: Sendable, Equatable {
        /// SD of the PSC amplitude per pathway, pA; 0 where the pathway has no synapses.
        public var weightSDs: [Double]
        /// Mean and SD of the delay per pathway, ms; 0 where the pathway has no synapses.
        public var delayMeans: [Double]
        public var delaySDs: [Double]
        /// External (Poisson) synapses per population.
        public var externalSynapseCounts: [Int]
        /// Rate of each external synapse, spikes/s.
        public var externalRates: [Double]
        /// DC input per neuron, pA.
        public var dcDrive: [Double]
    }

    public static let neuronNumbersFile = "neuron_numbers.csv"
    public static let synapsesFile = "synapses.csv"
    public static let externalSynapsesFile = "external_synapses.csv"
    public static let weightsFile = "weights.csv"
    public static let delaysFile = "delays.csv"
    public static let externalRatesFile = "external_rates.csv"
    public static let dcDriveFile = "dc_drive.csv"
    /// The original pipeline's names of the synapse and weight tables.
    /// The files `write` writes.
    public static let fileNames: Set<String> = [neuronNumbersFile, synapsesFile, externalSynapsesFile, weightsFile,
                                                delaysFile, externalRatesFile, dcDriveFile]
    public static let originalSynapsesFile = "synapses_internal.csv"
    public static let originalWeightsFile = "weights_connected_only.csv"

    static let pathwayHeader = "target_area,target_layer,target_population,source_area,source_layer,source_population"
}

extension NetworkTables {
    /// The tables of `network`. Pathway values without synapses are 0, as the tables have no
    /// row for them.
    public init(network: Network) {
        let connected = network.synapseCounts.map { $0 > 0 }
        func pathways(_ values: [Double]) -> [Double] { zip(values, connected).map { $1 ? $0 : 0 } }
        self.init(layout: network.layout, neuronCounts: network.neuronCounts, synapseCounts: network.synapseCounts,
                  weights: pathways(network.weights),
                  details: Details(weightSDs: pathways(network.weightSDs), delayMeans: pathways(network.delayMeans),
                                   delaySDs: pathways(network.delaySDs),
                                   externalSynapseCounts: network.externalSynapseCounts,
                                   externalRates: network.externalRates, dcDrive: network.dcDrive))
    }
}

// MARK: - Writing

extension NetworkTables {
    /// Every table as (file name, CSV text): neuron numbers, synapses and weights, then the
    /// details tables when `details` is there.
    public var files: [(name: String, content: String)] {
        let count = layout.count
        func row(_ index: Int) -> String {
            let population = layout.population(at: index)
            return "\(population.area),\(population.layer.label),\(population.cellType.label)"
        }
        var neurons = "area,layer,population,neurons\n"
        for index in 0..<count { neurons += "\(row(index)),\(neuronCounts[index])\n" }
        var synapses = "\(Self.pathwayHeader),synapses\n"
        var weights = "\(Self.pathwayHeader),weight_pA\(details == nil ? "" : ",weight_sd_pA")\n"
        var delays = "\(Self.pathwayHeader),delay_ms,delay_sd_ms\n"
        for target in 0..<count {
            for source in 0..<count where synapseCounts[target * count + source] > 0 {
                let pathway = target * count + source, prefix = "\(row(target)),\(row(source))"
                synapses += "\(prefix),\(synapseCounts[pathway])\n"
                if let details {
                    weights += "\(prefix),\(self.weights[pathway]),\(details.weightSDs[pathway])\n"
                    delays += "\(prefix),\(details.delayMeans[pathway]),\(details.delaySDs[pathway])\n"
                } else {
                    weights += "\(prefix),\(self.weights[pathway])\n"
                }
            }
        }
        let core: [(name: String, content: String)] = [
            (Self.neuronNumbersFile, neurons), (Self.synapsesFile, synapses), (Self.weightsFile, weights),
        ]
        guard let details else { return core }
        var external = "area,layer,population,synapses\n"
        for index in 0..<count { external += "\(row(index)),\(details.externalSynapseCounts[index])\n" }
        return core + [
            (Self.externalSynapsesFile, external),
            (Self.delaysFile, delays),
            (Self.externalRatesFile, PopulationTable.text(details.externalRates, valueColumn: "rate_hz", layout: layout)),
            (Self.dcDriveFile, PopulationTable.text(details.dcDrive, valueColumn: "dc_pA", layout: layout)),
        ]
    }

    /// Writes every table into `directory`, each file atomically; all text is made first.
    public func write(to directory: URL) throws(InputError) {
        for file in files {
            try AtomicFile.write(file.content, to: directory.appendingPathComponent(file.name))
        }
    }
}

// MARK: - Reading

extension NetworkTables {
    /// Valid range of a pathway's synapse number.
    static let synapseRange = ValidRange.closed(0, 1e15, unit: "synapses")

    /// Reads the tables in `directory` (humam's names first, then the original's). With
    /// `details`, they are read when the folder has delays.csv; then external_synapses.csv,
    /// external_rates.csv, dc_drive.csv and weights.csv's `weight_sd_pA` must be there too.
    /// Without, only neuron numbers, synapses and weights are read (`details` is nil).
    public static func read(in directory: URL, layout: PopulationLayout,
                            details readingDetails: Bool = true) throws(InputError) -> NetworkTables {
        func firstExisting(_ names: [String]) throws(InputError) -> URL {
            for name in names {
                let url = directory.appendingPathComponent(name)
                if FileManager.default.fileExists(atPath: url.path) { return url }
            }
            throw InputError(file: directory.path, "has none of \(names.joined(separator: ", "))")
        }
        let neuronTable = try CSVTable(contentsOf: try firstExisting([neuronNumbersFile]))
        let neurons = try populationCounts(neuronTable, valueColumn: neuronTable.header.contains("neurons") ? "neurons" : "N",
                                           noun: "neurons", layout: layout)
        let synapseTable = try CSVTable(contentsOf: try firstExisting([synapsesFile, originalSynapsesFile]))
        let synapseCounts = try PathwayTable.read(synapseTable, valueColumn: "synapses", layout: layout, range: synapseRange,
                                              wholeNumbers: true).map { Int($0) }
        let weightTable = try CSVTable(contentsOf: try firstExisting([weightsFile, originalWeightsFile]))
        let weights = try PathwayTable.read(weightTable, valueColumn: "weight_pA", layout: layout)

        let delaysURL = directory.appendingPathComponent(delaysFile)
        guard readingDetails, FileManager.default.fileExists(atPath: delaysURL.path) else {
            return NetworkTables(layout: layout, neuronCounts: neurons, synapseCounts: synapseCounts, weights: weights,
                                 details: nil)
        }
        let delayTable = try CSVTable(contentsOf: delaysURL)
        let externalTable = try CSVTable(contentsOf: directory.appendingPathComponent(externalSynapsesFile))
        let details = Details(
            weightSDs: try PathwayTable.read(weightTable, valueColumn: "weight_sd_pA", layout: layout,
                                         range: .closed(0, .infinity, unit: "pA")),
            delayMeans: try PathwayTable.read(delayTable, valueColumn: "delay_ms", layout: layout,
                                          range: .positive(upTo: .infinity, unit: "ms")),
            delaySDs: try PathwayTable.read(delayTable, valueColumn: "delay_sd_ms", layout: layout,
                                        range: .closed(0, .infinity, unit: "ms")),
            externalSynapseCounts: try populationCounts(externalTable, valueColumn: "synapses", noun: "external synapses",
                                                        layout: layout),
            externalRates: try PopulationTable.read(directory.appendingPathComponent(externalRatesFile), valueColumn: "rate_hz",
                                                    layout: layout, range: PopulationTable.rateRange),
            dcDrive: try PopulationTable.read(directory.appendingPathComponent(dcDriveFile), valueColumn: "dc_pA", layout: layout))
        return NetworkTables(layout: layout, neuronCounts: neurons, synapseCounts: synapseCounts, weights: weights,
                             details: details)
    }

    /// A per-population count column (neurons, external synapses): integers in 0 … 1e15, as the
    /// synapse counts (larger ones would not fit an Int, e.g. 1e300).
    static func populationCounts(_ table: CSVTable, valueColumn: String, noun: String,
                                 layout: PopulationLayout) throws(InputError) -> [Int] {
        let values = try PopulationTable.read(table, valueColumn: valueColumn, layout: layout,
                                              range: .closed(0, synapseRange.upper, unit: noun))
        for (index, count) in values.enumerated() where count != count.rounded() {
            throw InputError(file: table.source, field: valueColumn,
                             "\(layout.population(at: index).label) has \(count) \(noun); expected a non-negative integer")
        }
        return values.map { Int($0) }
    }
}
