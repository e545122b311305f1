import Foundation
import Model

/// The spike files of a simulation folder.
public enum SpikeFiles {
    /// Writes NEST's ASCII recorder layout (`RecordingBackendASCII`, NEST 3.10): three header
    /// lines, then `sender<TAB>time_ms` per spike, the sender as NEST global id (neuron index + 1)
    /// and the time with three decimals. The original's analysis (`Analysis._readSpikesFromDAT`)
    /// skips three rows and reads the two columns. The first line names humam instead of NEST.
    public static func writeASCII(_ result: SimulationResult, humamVersion: String, to url: URL) throws {
        let writer = try ChunkedFileWriter(url: url)
        writer.append(Array("# humam version: \(humamVersion) (layout of NEST 3.10.0 RecordingBackendASCII)\n".utf8))
        writer.append(Array("# RecordingBackendASCII version: 2\n".utf8))
        writer.append(Array("sender\ttime_ms\n".utf8))
        let ticsPerStep = NESTTime.ticsPerStep(resolution: result.parameters.resolution)
        var line = [UInt8](repeating: 0, count: 48)
        var digits = [UInt8](repeating: 0, count: 24)
        func appendInteger(_ value: Int64, minimumDigits: Int = 1, at position: inout Int) {
            var value = value, count = 0
            repeat {
                digits[count] = UInt8(ascii: "0") + UInt8(value % 10)
                value /= 10
                count += 1
            } while value > 0 || count < minimumDigits
            while count > 0 { count -= 1; line[position] = digits[count]; position += 1 }
        }
        let neurons = result.spikes.neurons, stamps = result.spikes.stamps
        for index in 0..<neurons.count {
            var position = 0
            appendInteger(Int64(neurons[index]) + 1, at: &position)
            line[position] = UInt8(ascii: "\t"); position += 1
            // Time in tics (µs at NEST's default 1000 tics per ms): NEST prints tics × 0.001 with
            // std::fixed and precision 3, i.e. exactly milliseconds.tics.
            let tics = Int64(stamps[index]) * ticsPerStep
            appendInteger(tics / 1000, at: &position)
            line[position] = UInt8(ascii: "."); position += 1
            appendInteger(tics % 1000, minimumDigits: 3, at: &position)
            line[position] = UInt8(ascii: "\n"); position += 1
            writer.append(line[0..<position])
        }
        try writer.close()
    }

    /// The original's `population_GIDs.dat`: one line `('area', 'layer', 'E');first;last` per
    /// non-empty population with NEST global ids (1-based, inclusive).
    public static func populationGIDsText(network: Network, indexing: NeuronIndexing) -> String {
        var text = ""
        for population in network.nonEmptyPopulations {
            let label = network.layout.population(at: population)
            let neurons = indexing.neurons(ofPopulation: population)
            text += "('\(label.area)', '\(label.layer.label)', '\(label.cellType.label)');\(neurons.lowerBound + 1);\(neurons.upperBound)\n"
        }
        return text
    }
}

/// humam's compact binary spike file (`spikes.bin`), all numbers little-endian:
///
/// | offset | bytes | content |
/// |---|---|---|
/// | 0 | 8 | magic `HUMAMSPK` (ASCII) |
/// | 8 | 4 | format version, UInt32 = 1 |
/// | 12 | 4 | reserved, 0 |
/// | 16 | 8 | resolution h, ms, Float64 |
/// | 24 | 8 | simulated time, ms, Float64 |
/// | 32 | 8 | number of neurons, UInt64 |
/// | 40 | 8 | number of spikes n, UInt64 |
/// | 48 | 8 n | n pairs (neuron index Int32, stamp Int32), ordered by stamp, then neuron |
///
/// The neuron index is 0-based (NEST global id − 1; populations as in `population_GIDs.dat`);
/// the spike time is stamp · h ms (NEST's time stamp of the step in which the neuron fired).
public enum BinarySpikeFile {
    public static let magic = Array("HUMAMSPK".utf8)
    public static let version: UInt32 = 1
    public static let headerBytes = 48

    public struct Header: Sendable, Equatable {
        public var resolution: Double
        public var duration: Double
        public var neuronCount: Int
        public var spikeCount: Int
    }

    public static func write(_ result: SimulationResult, to url: URL) throws {
        let writer = try ChunkedFileWriter(url: url)
        writer.append(magic)
        func append<T: FixedWidthInteger>(_ value: T) {
            withUnsafeBytes(of: value.littleEndian) { writer.append($0) }
        }
        append(version)
        append(UInt32(0))
        append(result.parameters.resolution.bitPattern)
        append(result.parameters.duration.bitPattern)
        append(UInt64(result.neuronCount))
        append(UInt64(result.spikes.count))
        for index in 0..<result.spikes.count {
            append(result.spikes.neurons[index])
            append(result.spikes.stamps[index])
        }
        try writer.close()
    }

    /// Reads a spike file; errors name the file and what is wrong.
    public static func read(_ url: URL) throws(InputError) -> (header: Header, spikes: SpikeRecord) {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw InputError(file: url.path, "cannot be read (\(error.localizedDescription))")
        }
        let bytes = [UInt8](data)
        guard bytes.count >= headerBytes, Array(bytes[0..<8]) == magic else {
            throw InputError(file: url.path, "is not a humam spike file (expected the magic 'HUMAMSPK' and a 48-byte header)")
        }
        func integer<T: FixedWidthInteger>(_ offset: Int, _: T.Type) -> T {
            var value: T = 0
            withUnsafeMutableBytes(of: &value) { $0.copyBytes(from: bytes[offset..<offset + MemoryLayout<T>.size]) }
            return T(littleEndian: value)
        }
        let fileVersion = integer(8, UInt32.self)
        guard fileVersion == version else {
            throw InputError(file: url.path, "has format version \(fileVersion); this humam reads version \(version)")
        }
        let header = Header(resolution: Double(bitPattern: integer(16, UInt64.self)),
                            duration: Double(bitPattern: integer(24, UInt64.self)),
                            neuronCount: Int(integer(32, UInt64.self)), spikeCount: Int(integer(40, UInt64.self)))
        guard bytes.count == headerBytes + 8 * header.spikeCount else {
            throw InputError(file: url.path, "has \(bytes.count) bytes; the header announces \(header.spikeCount) spikes, i.e. \(headerBytes + 8 * header.spikeCount) bytes")
        }
        var record = SpikeRecord()
        var neurons = [Int32](), stamps = [Int32]()
        neurons.reserveCapacity(header.spikeCount)
        stamps.reserveCapacity(header.spikeCount)
        for index in 0..<header.spikeCount {
            neurons.append(integer(headerBytes + 8 * index, Int32.self))
            stamps.append(integer(headerBytes + 8 * index + 4, Int32.self))
        }
        record.set(neurons: neurons, stamps: stamps)
        return (header, record)
    }
}

/// Writes a file through a 1 MiB buffer, so that large outputs never sit in memory whole.
final class ChunkedFileWriter {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private static let chunk = 1 << 20

    init(url: URL) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw InputError(file: url.path, "cannot be created")
        }
        handle = try FileHandle(forWritingTo: url)
        buffer.reserveCapacity(Self.chunk + 64)
    }

    func append(_ bytes: some Collection<UInt8>) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.chunk { flush() }
    }

    private func flush() {
        handle.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }

    func close() throws {
        flush()
        try handle.close()
    }
}
