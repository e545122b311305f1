import Foundation
import Model

/// A checkpoint of a running simulation (`checkpoint.bin` in the run's temporary folder): what
/// wrote it, how long the spike files were, and the simulation's state (`SimulationState`).
public struct Checkpoint: Sendable, Equatable {
    public var humamVersion: String
    /// The engine that wrote it (`EngineVersion`): a run resumes only on the same engine.
    public var engineVersion: Int
    public var networkHash: String
    public var simulationHash: String
    /// Whether the run may replace a humam run at its destination (decided when it started).
    public var replacesRun: Bool
    /// Length of `spikes.bin` at the checkpoint, bytes (its header and `state.spikeCount` spikes).
    public var binarySpikeBytes: Int
    /// Length of NEST's ASCII spike file at the checkpoint, bytes; nil if the run writes none.
    public var asciiSpikeBytes: Int?
    public var state: SimulationState

    public init(humamVersion: String, engineVersion: Int = EngineVersion.current, networkHash: String,
                simulationHash: String, replacesRun: Bool, binarySpikeBytes: Int, asciiSpikeBytes: Int?,
                state: SimulationState) {
        self.humamVersion = humamVersion
        self.engineVersion = engineVersion
        self.networkHash = networkHash
        self.simulationHash = simulationHash
        self.replacesRun = replacesRun
        self.binarySpikeBytes = binarySpikeBytes
        self.asciiSpikeBytes = asciiSpikeBytes
        self.state = state
    }
}

/// humam's checkpoint file, all numbers little-endian; an array is its element count (UInt64)
/// followed by the elements, a string its byte count (UInt32) followed by UTF-8:
///
/// | bytes | content |
/// |---|---|
/// | 8 | magic `HUMAMCKP` (ASCII) |
/// | 4 | format version, UInt32 = 2 |
/// | 4 | engine version (`EngineVersion`), UInt32 |
/// | 8 | length of the whole file, bytes, UInt64 |
/// | | humam version, network hash, simulation hash: strings |
/// | 1 | replaces a humam run at the destination: 0 or 1 |
/// | 8 + 8 | lengths of `spikes.bin` and of NEST's ASCII spike file (−1: none), bytes, Int64 |
/// | 8 + 8 + 8 | step, Int64; wall seconds simulated, Float64; spikes so far, Int64 |
/// | | potentials (mV), excitatory and inhibitory currents (pA): Float64 arrays; refractory steps: Int32 array, one element per neuron |
/// | | external trains: next spike times (steps), Float64 array; stream states, UInt64 array |
/// | | spikes per population in the rate window, Int64 array |
/// | | recent spikes: array of (neuron Int32, stamp Int32) pairs |
/// | 8 | checksum of all bytes before it, UInt64 (`checksum`) |
///
/// `write` replaces the file atomically and durably (a temporary file, forced to the disk, then
/// renamed), so a run killed while writing leaves the previous checkpoint whole; `read` refuses a
/// file of another format or version, a truncated or corrupt one, naming it.
public enum CheckpointFile {
    public static let magic = Array("HUMAMCKP".utf8)
    public static let version: UInt32 = 2

    /// Writes `checkpoint` to `url`; returns the bytes written.
    @discardableResult
    public static func write(_ checkpoint: Checkpoint, to url: URL) throws(InputError) -> Int {
        var bytes = encode(checkpoint)
        // Written from the encoded bytes in place: a full-scale checkpoint has ~110 MB, and a
        // copy would add that to the run's peak memory.
        let count = bytes.count
        let written = bytes.withUnsafeMutableBytes { buffer in
            Result { () throws(InputError) in
                try AtomicFile.write(Data(bytesNoCopy: buffer.baseAddress!, count: count, deallocator: .none), to: url, durable: true)
            }
        }
        try written.get()
        return count
    }

    public static func read(_ url: URL) throws(InputError) -> Checkpoint {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw InputError(file: url.path, "cannot be read (\(InputError.reason(error)))")
        }
        return try decode(Array(data), file: url.path)
    }

    static func encode(_ checkpoint: Checkpoint) -> [UInt8] {
        let state = checkpoint.state
        var out = ByteEncoder()
        // The exact length, reserved at once: appending would grow the buffer by doubling, with
        // the old and the new buffer held together.
        let texts = [checkpoint.humamVersion, checkpoint.networkHash, checkpoint.simulationHash]
        let fileLength = magic.count + 16 + texts.reduce(0) { $0 + 4 + $1.utf8.count } + 1 + 5 * 8
            + 8 * 8 + 8 * (state.potentials.count + state.excitatoryCurrents.count + state.inhibitoryCurrents.count)
            + 4 * state.refractoryCountdowns.count + 8 * state.externalSpikeTimes.count
            + 8 * state.externalStreamStates.count + 8 * state.populationSpikeCounts.count
            + 8 * state.recentSpikes.count + 8
        out.bytes.reserveCapacity(fileLength)
        out.bytes += magic
        out.append(version)
        out.append(UInt32(checkpoint.engineVersion))
        out.append(UInt64(0))  // the length, set below
        for text in texts { out.append(text) }
        out.append(UInt8(checkpoint.replacesRun ? 1 : 0))
        out.append(Int64(checkpoint.binarySpikeBytes))
        out.append(Int64(checkpoint.asciiSpikeBytes ?? -1))
        out.append(Int64(state.step))
        out.append(state.simulateSeconds.bitPattern)
        out.append(Int64(state.spikeCount))
        out.append(state.potentials)
        out.append(state.excitatoryCurrents)
        out.append(state.inhibitoryCurrents)
        out.append(state.refractoryCountdowns)
        out.append(state.externalSpikeTimes)
        out.append(state.externalStreamStates)
        out.append(state.populationSpikeCounts.map { Int64($0) })
        out.append(UInt64(2 * state.recentSpikes.count))
        for spike in state.recentSpikes {
            out.append(spike.neuron)
            out.append(spike.stamp)
        }
        let length = UInt64(out.bytes.count + 8).littleEndian
        withUnsafeBytes(of: length) { out.bytes.replaceSubrange(16..<24, with: $0) }
        out.append(checksum(out.bytes))
        assert(out.bytes.count == fileLength, "checkpoint length \(out.bytes.count) differs from the reserved \(fileLength)")
        return out.bytes
    }

    static func decode(_ bytes: [UInt8], file: String) throws(InputError) -> Checkpoint {
        guard bytes.count >= 24, Array(bytes[0..<8]) == magic else {
            throw InputError(file: file, "is not a humam checkpoint (expected the magic 'HUMAMCKP')")
        }
        var input = ByteDecoder(bytes: bytes, file: file, position: 8)
        let fileVersion: UInt32 = try input.integer()
        guard fileVersion == version else {
            throw InputError(file: file, "is a checkpoint of format version \(fileVersion); this humam reads version \(version): finish the run with the humam that started it, or start it again")
        }
        let engineVersion: UInt32 = try input.integer()
        let length: UInt64 = try input.integer()
        guard length == UInt64(bytes.count), bytes.count >= 32 else {
            throw InputError(file: file, "has \(bytes.count) bytes but announces \(length): the checkpoint is incomplete")
        }
        let stored = bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: bytes.count - 8, as: UInt64.self)) }
        guard checksum(bytes[..<(bytes.count - 8)]) == stored else {
            throw InputError(file: file, "is corrupt (its checksum does not match its content); this checkpoint cannot be resumed")
        }
        let humamVersion = try input.string(), networkHash = try input.string(), simulationHash = try input.string()
        let replacesRun: UInt8 = try input.integer()
        let binaryBytes: Int64 = try input.integer(), asciiBytes: Int64 = try input.integer()
        let step: Int64 = try input.integer()
        let seconds = Double(bitPattern: try input.integer())
        let spikeCount: Int64 = try input.integer()
        let potentials = try input.array(UInt64.self).map(Double.init(bitPattern:))
        let excitatory = try input.array(UInt64.self).map(Double.init(bitPattern:))
        let inhibitory = try input.array(UInt64.self).map(Double.init(bitPattern:))
        let refractory = try input.array(Int32.self)
        let externalTimes = try input.array(UInt64.self).map(Double.init(bitPattern:))
        let externalStreams = try input.array(UInt64.self)
        let populationCounts = try input.array(Int64.self).map { Int($0) }
        let recent = try input.array(Int32.self)
        guard input.position == bytes.count - 8 else {
            throw InputError(file: file, "has \(bytes.count - 8 - input.position) bytes after its content")
        }
        let neurons = potentials.count
        guard excitatory.count == neurons, inhibitory.count == neurons, refractory.count == neurons,
              externalStreams.count == externalTimes.count, recent.count % 2 == 0,
              step >= 0, spikeCount >= 0, seconds >= 0, replacesRun <= 1,
              binaryBytes == Int64(BinarySpikeFile.headerBytes) + 8 * spikeCount, asciiBytes >= -1 else {
            throw InputError(file: file, "is inconsistent: \(neurons) potentials, \(excitatory.count) and \(inhibitory.count) currents, \(refractory.count) refractory counts, \(externalTimes.count) train times, \(externalStreams.count) train streams, step \(step), \(spikeCount) spikes in \(binaryBytes) bytes of spikes.bin")
        }
        let spikes = stride(from: 0, to: recent.count, by: 2).map { BinarySpikeFile.Spike(neuron: recent[$0], stamp: recent[$0 + 1]) }
        return Checkpoint(
            humamVersion: humamVersion, engineVersion: Int(engineVersion), networkHash: networkHash,
            simulationHash: simulationHash, replacesRun: replacesRun == 1, binarySpikeBytes: Int(binaryBytes),
            asciiSpikeBytes: asciiBytes < 0 ? nil : Int(asciiBytes),
            state: SimulationState(step: Int(step), potentials: potentials, excitatoryCurrents: excitatory,
                                   inhibitoryCurrents: inhibitory, refractoryCountdowns: refractory,
                                   externalSpikeTimes: externalTimes, externalStreamStates: externalStreams,
                                   recentSpikes: spikes, spikeCount: Int(spikeCount),
                                   populationSpikeCounts: populationCounts, simulateSeconds: seconds))
    }

    /// A 64-bit hash of `bytes` for detecting damage (not tampering): every 8-byte word (the
    /// last one zero-padded) and the length through SplitMix64's finaliser.
    static func checksum(_ bytes: some Collection<UInt8>) -> UInt64 {
        func mix(_ value: UInt64) -> UInt64 {
            var z = value
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15
        var word: UInt64 = 0, filled: UInt64 = 0
        for byte in bytes {
            word |= UInt64(byte) << (8 * filled)
            filled += 1
            if filled == 8 {
                hash = mix(hash ^ word) &+ 0x9E37_79B9_7F4A_7C15
                word = 0
                filled = 0
            }
        }
        return mix(hash ^ word ^ (UInt64(bytes.count) << 3 | filled))
    }
}

/// Appends little-endian numbers, strings and arrays to a byte array.
private struct ByteEncoder {
    var bytes: [UInt8] = []

    mutating func append<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func append(_ text: String) {
        append(UInt32(text.utf8.count))
        bytes += Array(text.utf8)
    }

    mutating func append<T: FixedWidthInteger>(_ values: [T]) {
        append(UInt64(values.count))
        for value in values { append(value) }
    }

    /// Doubles as the bit patterns of their IEEE 754 binary64 values.
    mutating func append(_ values: [Double]) {
        append(UInt64(values.count))
        for value in values { append(value.bitPattern) }
    }
}

/// Reads what `ByteEncoder` wrote; running past the end is an error naming the file.
private struct ByteDecoder {
    let bytes: [UInt8]
    let file: String
    var position: Int

    mutating func integer<T: FixedWidthInteger>() throws(InputError) -> T {
        let size = MemoryLayout<T>.size
        guard bytes.count - 8 - position >= size else { throw InputError(file: file, "ends early: the checkpoint is incomplete") }
        let value = bytes.withUnsafeBytes { T(littleEndian: $0.loadUnaligned(fromByteOffset: position, as: T.self)) }
        position += size
        return value
    }

    mutating func string() throws(InputError) -> String {
        let count = Int(try integer() as UInt32)
        guard bytes.count - 8 - position >= count else { throw InputError(file: file, "ends early: the checkpoint is incomplete") }
        defer { position += count }
        return String(decoding: bytes[position ..< position + count], as: UTF8.self)
    }

    mutating func array<T: FixedWidthInteger>(_: T.Type) throws(InputError) -> [T] {
        let count: UInt64 = try integer()
        let size = MemoryLayout<T>.size
        guard count <= UInt64((bytes.count - 8 - position) / size) else {
            throw InputError(file: file, "ends early: the checkpoint is incomplete")
        }
        return try (0..<Int(count)).map { _ throws(InputError) in try integer() as T }
    }
}
