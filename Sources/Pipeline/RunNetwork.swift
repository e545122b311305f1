import Analysis
import Foundation
import Model
import RunFormat

/// The network that produced a run's spikes, as far as `humam fc` needs it: neuron and synapse
/// numbers and weights (`SynapticInputModel`), never the DC drive. Taken from, in this order:
/// 1. `tables`, a folder of network tables (`humam network --out`, or the original's);
/// 2. the run's own `network/` tables, which `humam simulate` writes: nothing is built or solved
///    (in cases 1 and 2 a configuration that sets the network is an error: it would do nothing);
/// 3. the network parameters a run recorded in run.json (humam runs older than `network/`,
///    and NEST runs of `humam export nest`), unless the configuration sets the network;
/// 4. the configuration.
/// In case 3 the network is rebuilt on the configuration's data, with its DC compensation,
/// and its hash compared with the run's `network_hash`. The DC drive does not enter the FC,
/// but the recorded hash covers it, and it is the only record of everything else the FC
/// depends on (synapse numbers and weights per pathway), so the check needs the same full-scale
/// rates as the run (its rates file, or humam's cached theory of them).
public enum RunNetwork {
    public static func synapticInputModel(of folder: RunFolder, tables: URL?, configuration: ExperimentConfiguration,
                                          humamVersion: String, events: (PipelineEvent) -> Void) throws -> SynapticInputModel {
        let tablesFolder = tables ?? folder.url.appendingPathComponent(RunFiles.networkTables)
        if tables != nil || FileManager.default.fileExists(atPath: tablesFolder.appendingPathComponent(NetworkTables.neuronNumbersFile).path) {
            guard !configuration.setsNetwork && configuration.fullscaleRatesFile == nil else {
                throw InputError("the network comes from the tables in \(tablesFolder.path); an experiment file, --scaling, --chi, --downscaling or --fullscale-rates would change nothing: leave them out")
            }
            return try SynapticInputModel.readTables(in: tablesFolder, layout: folder.populationGIDs().layout)
        }
        if !configuration.setsNetwork, let recorded = try folder.recordedNetworkParameters() {
            let network = try NetworkPipeline.build(configuration, parameters: recorded, humamVersion: humamVersion, events: events)
            // The same parameters on other data give another network: the run's hash says.
            let record = folder.url.appendingPathComponent(RunFiles.record)
            if let hash = try folder.runRecord()?.networkHash, hash != network.contentHash {
                throw InputError(file: record.path, field: "network_hash", "is \(hash), but the network built from \(configuration.dataDirectory.path) with the recorded net_params is \(network.contentHash): the data, or the full-scale rates of the DC compensation, differ from the run's; give the run's --data and --fullscale-rates (or --network-tables)")
            }
            return SynapticInputModel(network: network)
        }
        return SynapticInputModel(network: try NetworkPipeline.build(configuration, humamVersion: humamVersion, events: events))
    }

    /// The spikes must come from the network described: the same neurons per population.
    public static func checkNeuronNumbers(_ populations: PopulationGIDs, _ model: SynapticInputModel) throws(InputError) {
        for index in 0..<model.layout.count where populations.neuronCounts[index] != model.neuronCounts[index] {
            throw InputError(file: populations.layout == model.layout ? RunFiles.populationGIDs : RunFiles.networkTables,
                             "\(model.layout.population(at: index).label) has \(populations.neuronCounts[index]) neurons in the run but \(model.neuronCounts[index]) in the network description; give the network options (or --network-tables) of the network that produced the spikes")
        }
    }
}
