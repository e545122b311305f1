import Foundation
import Model

/// humam's binary spike file (`spikes.bin`), all numbers little-endian:
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
/// This file is the only one that knows the layout: `BinarySpikeFile.Writer` streams spikes into
/// it while a simulation runs, `BinarySpikeFile.Reader` reads them back in chunks.
public enum BinarySpikeFile {
    public static let magic = Array("HUMAMSPK".utf8)
    public static let version: UInt32 = 1
    public static let headerBytes = 48
    static let spikeCountOffset: UInt64 = 40

    public struct Header: Sendable, Equatable {
        /// Time step, ms.
        public var resolution: Double
        /// Simulated time, ms.
        public var duration: Double
        public var neuronCount: Int
        public var spikeCount: Int

        public init(resolution: Double, duration: Double, neuronCount: Int, spikeCount: Int) {
            self.resolution = resolution
            self.duration = duration
            self.neuronCount = neuronCount
            self.spikeCount = spikeCount
        }
    }

    /// One spike as stored: 0-based neuron index and time stamp in steps.
    public struct Spike: Sendable, Equatable {
        public var neuron: Int32
        public var stamp: Int32

        public init(neuron: Int32, stamp: Int32) {
            self.neuron = neuron
            self.stamp = stamp
        }
    }

    /// Streams spikes into a new file. The header's spike count is written by `finish`; a file
    /// whose writer did not finish announces 0 spikes and fails the reader's size check.
    public final class Writer {
        private let file: BufferedFileWriter
        public private(set) var spikeCount = 0
        private var lastStamp: Int32 = .min

        public init(url: URL, resolution: Double, duration: Double, neuronCount: Int) throws(InputError) {
            file = try BufferedFileWriter(url: url)
            try file.append(magic)
            try file.append(littleEndian: version)
            try file.append(littleEndian: UInt32(0))
            try file.append(littleEndian: resolution.bitPattern)
            try file.append(littleEndian: duration.bitPattern)
            try file.append(littleEndian: UInt64(neuronCount))
            try file.append(littleEndian: UInt64(0))
        }

        /// Continues the file of an interrupted run after its first `spikeCount` spikes (a
        /// checkpoint's position), cutting off what follows them. The header still announces
        /// 0 spikes until `finish`.
        public init(continuing url: URL, spikeCount: Int) throws(InputError) {
            file = try BufferedFileWriter(url: url, continuingAt: headerBytes + 8 * spikeCount)
            self.spikeCount = spikeCount
        }

        /// Bytes of the file so far (header and spikes).
        public var byteCount: Int { file.length }

        /// Forces the spikes appended so far to the disk (before a checkpoint counts them).
        public func synchronize() throws(InputError) { try file.synchronize() }

        /// Appends the spikes of one step, neurons ascending; stamps must not decrease.
        public func append(neurons: UnsafeBufferPointer<Int32>, stamp: Int32) throws(InputError) {
            precondition(stamp >= lastStamp, "spikes must be written in time order")
            lastStamp = stamp
            for neuron in neurons {
                try file.append(littleEndian: neuron)
                try file.append(littleEndian: stamp)
            }
            spikeCount += neurons.count
        }

        /// Writes the spike count into the header and closes the file.
        public func finish() throws(InputError) {
            var count = UInt64(spikeCount).littleEndian
            try file.patch(withUnsafeBytes(of: &count) { Array($0) }, at: spikeCountOffset)
            try file.close()
        }
    }

    /// Reads a spike file in chunks of at most `chunkSpikes` spikes, so that memory does not
    /// grow with the number of spikes. Errors name the file and what is wrong.
    public struct Reader {
        public let url: URL
        public let header: Header

        public init(url: URL) throws(InputError) {
            self.url = url
            guard let handle = try? FileHandle(forReadingFrom: url) else {
                throw InputError(file: url.path, "cannot be read")
            }
            defer { try? handle.close() }
            let bytes = (try? handle.read(upToCount: headerBytes)) ?? nil
            guard let bytes, bytes.count == headerBytes, Array(bytes.prefix(8)) == magic else {
                throw InputError(file: url.path, "is not a humam spike file (expected the magic 'HUMAMSPK' and a 48-byte header)")
            }
            func integer<T: FixedWidthInteger>(_ offset: Int, _: T.Type) -> T {
                bytes.withUnsafeBytes { T(littleEndian: $0.loadUnaligned(fromByteOffset: offset, as: T.self)) }
            }
            let fileVersion = integer(8, UInt32.self)
            guard fileVersion == version else {
                throw InputError(file: url.path, "has format version \(fileVersion); this humam reads version \(version)")
            }
            let header = Header(resolution: Double(bitPattern: integer(16, UInt64.self)),
                                duration: Double(bitPattern: integer(24, UInt64.self)),
                                neuronCount: Int(truncatingIfNeeded: integer(32, UInt64.self)),
                                spikeCount: Int(truncatingIfNeeded: integer(40, UInt64.self)))
            let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? -1
            // The stamps are 32-bit steps: duration / resolution must fit one.
            guard header.resolution > 0, header.resolution.isFinite, header.duration > 0, header.duration.isFinite,
                  header.duration / header.resolution < Double(Int32.max),
                  header.neuronCount > 0, header.neuronCount <= Int(Int32.max), header.spikeCount >= 0,
                  header.spikeCount <= (Int.max - headerBytes) / 8, size == headerBytes + 8 * header.spikeCount else {
                throw InputError(file: url.path, "has \(size) bytes and a header announcing \(header.spikeCount) spikes (\(headerBytes &+ 8 &* header.spikeCount) bytes), \(header.neuronCount) neurons, resolution \(header.resolution) ms, duration \(header.duration) ms; is it complete?")
            }
            self.header = header
        }

        /// Calls `body` with consecutive chunks of the spikes, in file order. Checks that every
        /// neuron index lies below the header's neuron count and that stamps lie in
        /// 1 … duration / resolution and do not decrease.
        public func forEachChunk(chunkSpikes: Int = 1 << 20,
                                 _ body: (UnsafeBufferPointer<Spike>) throws(InputError) -> Void) throws(InputError) {
            guard let handle = try? FileHandle(forReadingFrom: url) else { throw InputError(file: url.path, "cannot be read") }
            defer { try? handle.close() }
            do { try handle.seek(toOffset: UInt64(headerBytes)) } catch {
                throw InputError(file: url.path, "cannot be read (\(InputError.reason(error)))")
            }
            let lastStamp = Int32(clamping: Int((header.duration / header.resolution).rounded()))
            var buffer = [Spike](repeating: Spike(neuron: 0, stamp: 0), count: max(1, chunkSpikes))
            var remaining = header.spikeCount
            var previousStamp: Int32 = 1
            var position = 0
            while remaining > 0 {
                let count = min(remaining, buffer.count)
                let data: Data?
                do { data = try handle.read(upToCount: 8 * count) } catch {
                    throw InputError(file: url.path, "cannot be read (\(InputError.reason(error)))")
                }
                guard let data, data.count == 8 * count else { throw InputError(file: url.path, "ends early") }
                buffer.withUnsafeMutableBytes { _ = data.copyBytes(to: $0) }
                if Int32(littleEndian: 1) != 1 {
                    for index in 0..<count { buffer[index] = Spike(neuron: Int32(littleEndian: buffer[index].neuron),
                                                                   stamp: Int32(littleEndian: buffer[index].stamp)) }
                }
                for index in 0..<count {
                    let spike = buffer[index]
                    guard spike.neuron >= 0, Int(spike.neuron) < header.neuronCount,
                          spike.stamp >= previousStamp, spike.stamp <= lastStamp else {
                        throw InputError(file: url.path, "spike \(position + index + 1) (neuron \(spike.neuron), stamp \(spike.stamp)) is out of range: expected neurons 0…\(header.neuronCount - 1) and stamps \(previousStamp)…\(lastStamp), in time order")
                    }
                    previousStamp = spike.stamp
                }
                try buffer.withUnsafeBufferPointer { (all) throws(InputError) in
                    try body(UnsafeBufferPointer(rebasing: all[0..<count]))
                }
                remaining -= count
                position += count
            }
        }
    }
}
