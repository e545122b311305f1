import Foundation
import Model
import RunFormat

/// The spikes of a run, read in chunks without holding them all: humam's binary spike file is
/// streamed from disk, so memory does not grow with the number of spikes; NEST's ASCII files
/// (the original's runs) are parsed into memory first. Spikes come in file order: time order for
/// the binary file, time order per neuron for NEST's files (one file per process, each neuron
/// in one of them).
public struct SpikeSource {
    public let populations: PopulationGIDs
    /// Simulated time, ms.
    public let simulationTime: Double
    public let spikeCount: Int
    /// The file or folder the spikes come from, for messages.
    public let origin: String
    private let storage: Storage
    /// The population of each GID, made once for every pass over the spikes.
    private let lookup: PopulationLookup

    private enum Storage {
        case binary(BinarySpikeFile.Reader)
        case columns(NESTSpikeFiles.Columns)
    }

    /// Spikes of humam's binary file. Its neuron count must match `populations`.
    public init(binary reader: BinarySpikeFile.Reader, populations: PopulationGIDs, simulationTime: Double) throws(InputError) {
        let neurons = populations.gidRange.count
        guard reader.header.neuronCount == neurons, populations.gidRange.lowerBound == 1 || neurons == 0 else {
            throw InputError(file: reader.url.path, "holds spikes of \(reader.header.neuronCount) neurons, but population_GIDs.dat describes GIDs \(populations.gidRange.lowerBound)…\(populations.gidRange.upperBound); are they from the same run?")
        }
        self.populations = populations
        self.simulationTime = simulationTime
        spikeCount = reader.header.spikeCount
        origin = reader.url.path
        storage = .binary(reader)
        lookup = PopulationLookup(populations)
    }

    /// Spikes given as sender GIDs and times (ms), e.g. parsed from NEST's ASCII files. A spike
    /// after the simulated time is an error naming `origin`.
    public init(columns: NESTSpikeFiles.Columns, populations: PopulationGIDs, simulationTime: Double,
                origin: String) throws(InputError) {
        precondition(columns.senders.count == columns.times.count)
        if let late = columns.times.firstIndex(where: { !($0 <= simulationTime) }) {
            throw InputError(file: origin, "spike \(late + 1) (neuron \(columns.senders[late]) at \(columns.times[late]) ms) lies after the simulated time, \(simulationTime) ms: is the recorded or given t_sim that of this run?")
        }
        self.populations = populations
        self.simulationTime = simulationTime
        spikeCount = columns.senders.count
        self.origin = origin
        storage = .columns(Self.inTimeOrderPerNeuron(columns, populations: populations))
        lookup = PopulationLookup(populations)
    }

    /// `columns`, or, if some neuron's spikes are out of time order (files of several recorders
    /// interleaving), the same spikes sorted by time (stably), so that every neuron's spikes come
    /// in time order as the statistics need.
    private static func inTimeOrderPerNeuron(_ columns: NESTSpikeFiles.Columns, populations: PopulationGIDs) -> NESTSpikeFiles.Columns {
        let low = populations.gidRange.lowerBound
        var last = [Double](repeating: -.infinity, count: max(populations.gidRange.count, 0))
        var ordered = true
        for (gid, time) in zip(columns.senders, columns.times) {
            let slot = Int(gid) - low
            guard slot >= 0 && slot < last.count else { continue }
            if time < last[slot] { ordered = false; break }
            last[slot] = time
        }
        guard !ordered else { return columns }
        let order = columns.times.indices.sorted { (columns.times[$0], $0) < (columns.times[$1], $1) }
        var sorted = NESTSpikeFiles.Columns()
        sorted.senders = order.map { columns.senders[$0] }
        sorted.times = order.map { columns.times[$0] }
        return sorted
    }

    /// Calls `body` with chunks of spikes as parallel sender GIDs and times (ms), in file order.
    public func forEachChunk(_ body: (UnsafeBufferPointer<Int32>, UnsafeBufferPointer<Double>) throws(InputError) -> Void) throws(InputError) {
        switch storage {
        case .columns(let columns):
            try columns.senders.withUnsafeBufferPointer { (senders) throws(InputError) in
                try columns.times.withUnsafeBufferPointer { (times) throws(InputError) in try body(senders, times) }
            }
        case .binary(let reader):
            // NEST tics are 1 µs: time = stamp · tics per step / 1000 is then correctly rounded
            // and equals NEST's printed time.
            let resolution = reader.header.resolution
            let tics = (resolution * 1000).rounded()
            let exactTics = tics == resolution * 1000
            var senders: [Int32] = [], times: [Double] = []
            try reader.forEachChunk { (spikes) throws(InputError) in
                senders.removeAll(keepingCapacity: true)
                times.removeAll(keepingCapacity: true)
                for spike in spikes {
                    senders.append(spike.neuron &+ 1)
                    times.append(exactTics ? Double(spike.stamp) * tics / 1000 : Double(spike.stamp) * resolution)
                }
                try senders.withUnsafeBufferPointer { (senders) throws(InputError) in
                    try times.withUnsafeBufferPointer { (times) throws(InputError) in try body(senders, times) }
                }
            }
        }
    }

    /// Calls `body` with runs of spikes of one population: its layout index, the spikes' neuron
    /// slots (GID − first GID of the run) and times. A GID outside every population is an error
    /// naming the file.
    public func forEachPopulationRun(_ body: (Int, UnsafeBufferPointer<Int32>, UnsafeBufferPointer<Double>) -> Void) throws(InputError) {
        var position = 0
        try forEachChunk { (senders, times) throws(InputError) in
            var start = 0
            while start < senders.count {
                guard let population = lookup.population(ofGID: Int(senders[start])) else {
                    throw InputError(file: origin, "spike \(position + start + 1) comes from neuron \(senders[start]), which is in no population of population_GIDs.dat")
                }
                let range = lookup.gids(of: population)
                var end = start + 1
                while end < senders.count && range.contains(Int(senders[end])) { end += 1 }
                body(population, UnsafeBufferPointer(rebasing: senders[start..<end]), UnsafeBufferPointer(rebasing: times[start..<end]))
                start = end
            }
            position += senders.count
        }
    }
}

/// The population of each GID, by a table over the GID range (2 bytes per neuron).
struct PopulationLookup {
    let populations: PopulationGIDs
    let firstGID: Int
    private let table: [Int16]

    init(_ populations: PopulationGIDs) {
        self.populations = populations
        let range = populations.gidRange
        firstGID = range.lowerBound
        var table = [Int16](repeating: -1, count: max(range.count, 0))
        for index in 0..<populations.layout.count where populations.neuronCounts[index] > 0 {
            let start = populations.firstGID[index] - firstGID
            for slot in start..<start + populations.neuronCounts[index] { table[slot] = Int16(index) }
        }
        self.table = table
    }

    func population(ofGID gid: Int) -> Int? {
        let slot = gid - firstGID
        guard slot >= 0, slot < table.count, table[slot] >= 0 else { return nil }
        return Int(table[slot])
    }

    func gids(of population: Int) -> Range<Int> {
        populations.firstGID[population] ..< populations.firstGID[population] + populations.neuronCounts[population]
    }
}
