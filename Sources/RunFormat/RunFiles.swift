/// Names of the files in a run folder that `humam simulate` writes.
public enum RunFiles {
    /// humam's binary spike file (`BinarySpikeFile`).
    public static let binarySpikes = "spikes.bin"
    /// NEST's ASCII spike files (`NESTSpikeFiles`), one per recording process.
    public static let nestSpikeDirectory = "spikes"
    /// The original's population GID ranges (`PopulationGIDs`).
    public static let populationGIDs = "population_GIDs.dat"
    /// Parameters, hashes, sizes and timings (`RunRecord`).
    public static let record = "run.json"
    /// Mean rate per population (`area,layer,population,rate_hz`).
    public static let rates = "rates.csv"
    /// The network's tables (`NetworkTables`: neuron and synapse numbers, weights, delays,
    /// external drive, DC), as `humam network --out` writes them.
    public static let networkTables = "network"
    /// The state of an unfinished run, in its temporary folder only (`CheckpointFile`).
    public static let checkpoint = "checkpoint.bin"

    /// NEST's name for the recorder file of recorder node `recorder` on virtual process 0.
    public static func nestSpikeFile(recorder: Int) -> String { "spike_recorder-\(recorder)-0.dat" }
}
