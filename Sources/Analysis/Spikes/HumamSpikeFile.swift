import Foundation
import Model

/// Reads humam's binary spike file `spikes.bin` as `humam simulate` writes it (Spiking's
/// `BinarySpikeFile`, format version 1), all numbers little-endian:
///
/// | offset | bytes | content |
/// |---|---|---|
/// | 0 | 8 | magic `HUMAMSPK` |
/// | 8 | 4 | format version, UInt32 = 1 |
/// | 12 | 4 | reserved |
/// | 16 | 8 | resolution, ms, Float64 |
/// | 24 | 8 | simulated time, ms, Float64 |
/// | 32 | 8 | number of neurons, UInt64 |
/// | 40 | 8 | number of spikes n, UInt64 |
/// | 48 | 8 n | pairs (neuron index Int32, 0-based = GID − 1; time stamp Int32) |
///
/// Only this file knows the layout. A spike with stamp s happened at s · resolution ms; the time is
/// computed as NEST prints it (integer µs tics / 1000), so it equals the ASCII file's value.
public enum HumamSpikeFile {
    public static let magic = Array("HUMAMSPK".utf8)
    public static let version: UInt32 = 1
    public static let headerBytes = 48

    public struct Contents: Sendable {
        public var resolution: Double
        public var simulationTime: Double
        public var neuronCount: Int
        public var columns: NESTSpikeFiles.Columns
    }

    public static func read(_ url: URL) throws(InputError) -> Contents {
        let data: Data
        do { data = try Data(contentsOf: url, options: .alwaysMapped) } catch {
            throw InputError(file: url.path, "cannot be read (\(error.localizedDescription))")
        }
        let result: Result<Contents, InputError> = data.withUnsafeBytes { raw in
            func integer<T: FixedWidthInteger>(_ offset: Int, _: T.Type) -> T {
                T(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: T.self))
            }
            guard raw.count >= headerBytes, Array(raw[0..<8]) == magic else {
                return .failure(InputError(file: url.path, "is not a humam spike file (expected the magic 'HUMAMSPK' and a 48-byte header)"))
            }
            let fileVersion = integer(8, UInt32.self)
            guard fileVersion == version else {
                return .failure(InputError(file: url.path, "has format version \(fileVersion); this humam reads version \(version)"))
            }
            let resolution = Double(bitPattern: integer(16, UInt64.self))
            let duration = Double(bitPattern: integer(24, UInt64.self))
            let neurons = Int(integer(32, UInt64.self))
            let count = Int(integer(40, UInt64.self))
            guard resolution > 0, duration > 0, count >= 0, raw.count == headerBytes + 8 * count else {
                return .failure(InputError(file: url.path, "has \(raw.count) bytes and a header announcing \(count) spikes (\(headerBytes + 8 * count) bytes), resolution \(resolution) ms, duration \(duration) ms"))
            }
            var columns = NESTSpikeFiles.Columns()
            columns.senders = [Int32](repeating: 0, count: count)
            columns.times = [Double](repeating: 0, count: count)
            // NEST tics are 1 µs: time = stamp · tics per step / 1000 is then correctly rounded.
            let tics = (resolution * 1000).rounded()
            let exactTics = tics == resolution * 1000
            columns.senders.withUnsafeMutableBufferPointer { senders in
                columns.times.withUnsafeMutableBufferPointer { times in
                    for index in 0..<count {
                        senders[index] = integer(headerBytes + 8 * index, Int32.self) &+ 1
                        let stamp = Double(integer(headerBytes + 8 * index + 4, Int32.self))
                        times[index] = exactTics ? stamp * tics / 1000 : stamp * resolution
                    }
                }
            }
            return .success(Contents(resolution: resolution, simulationTime: duration, neuronCount: neurons, columns: columns))
        }
        return try result.get()
    }

    /// The resolution in the header of `url`, ms, or nil if there is no valid humam spike file.
    public static func resolution(of url: URL) -> Double? {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return nil }
        defer { try? handle.close() }
        guard let header = try? handle.read(upToCount: headerBytes), header.count == headerBytes,
              Array(header.prefix(8)) == magic else { return nil }
        let bits = header.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: 16, as: UInt64.self)) }
        let resolution = Double(bitPattern: bits)
        return resolution > 0 ? resolution : nil
    }

    /// Writes spikes in this layout (the tests make binary runs with it).
    /// `neurons` are 0-based indices (GID − 1).
    public static func write(neurons: [Int32], stamps: [Int32], resolution: Double, simulationTime: Double,
                             neuronCount: Int, to url: URL) throws(InputError) {
        precondition(neurons.count == stamps.count)
        var data = Data(capacity: headerBytes + 8 * neurons.count)
        func append<T: FixedWidthInteger>(_ value: T) { withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) } }
        data.append(contentsOf: magic)
        append(version)
        append(UInt32(0))
        append(resolution.bitPattern)
        append(simulationTime.bitPattern)
        append(UInt64(neuronCount))
        append(UInt64(neurons.count))
        for index in neurons.indices {
            append(neurons[index])
            append(stamps[index])
        }
        try AtomicFile.write(data, to: url)
    }
}
