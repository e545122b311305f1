import Foundation
import Model

/// Spike files in NEST's ASCII recording-backend layout (`RecordingBackendASCII`, NEST 3.10):
/// optional `#` comment lines and a `sender<TAB>time_ms` header, then one `GID<TAB>time` line per
/// spike (the files the original's `Analysis._readSpikesFromDAT` reads with `skiprows=3`). One
/// file per recording process or several; the reader merges the spikes of all.
public enum NESTSpikeFiles {
    /// Streams spikes into a new file as NEST writes it: three header lines, then
    /// `sender<TAB>time_ms` per spike, the sender as NEST global id (neuron index + 1) and the
    /// time with three decimals. The first line names humam instead of NEST.
    public final class Writer {
        private let file: BufferedFileWriter
        private let ticsPerStep: Int64
        private var line = [UInt8](repeating: 0, count: 48)
        private var digits = [UInt8](repeating: 0, count: 24)

        public init(url: URL, resolution: Double, humamVersion: String) throws(InputError) {
            file = try BufferedFileWriter(url: url)
            ticsPerStep = NESTTime.ticsPerStep(resolution: resolution)
            try file.append(Array("# humam version: \(humamVersion) (layout of NEST 3.10.0 RecordingBackendASCII)\n".utf8))
            try file.append(Array("# RecordingBackendASCII version: 2\n".utf8))
            try file.append(Array("sender\ttime_ms\n".utf8))
        }

        /// Continues the file of an interrupted run after its first `byteCount` bytes (a
        /// checkpoint's position), cutting off what follows them.
        public init(continuing url: URL, byteCount: Int, resolution: Double) throws(InputError) {
            file = try BufferedFileWriter(url: url, continuingAt: byteCount)
            ticsPerStep = NESTTime.ticsPerStep(resolution: resolution)
        }

        /// Bytes of the file so far.
        public var byteCount: Int { file.length }

        /// Forces the lines appended so far to the disk (before a checkpoint counts them).
        public func synchronize() throws(InputError) { try file.synchronize() }

        /// Appends the spikes (0-based neuron indices) of the step with time stamp `stamp`.
        public func append(neurons: UnsafeBufferPointer<Int32>, stamp: Int32) throws(InputError) {
            // Time in tics (µs at NEST's default 1000 tics per ms): NEST prints tics × 0.001 with
            // std::fixed and precision 3, i.e. exactly milliseconds.tics.
            let tics = Int64(stamp) * ticsPerStep
            for neuron in neurons {
                var position = 0
                appendInteger(Int64(neuron) + 1, at: &position)
                line[position] = UInt8(ascii: "\t"); position += 1
                appendInteger(tics / 1000, at: &position)
                line[position] = UInt8(ascii: "."); position += 1
                appendInteger(tics % 1000, minimumDigits: 3, at: &position)
                line[position] = UInt8(ascii: "\n"); position += 1
                try file.append(line[0..<position])
            }
        }

        public func finish() throws(InputError) { try file.close() }

        private func appendInteger(_ value: Int64, minimumDigits: Int = 1, at position: inout Int) {
            var value = value, count = 0
            repeat {
                digits[count] = UInt8(ascii: "0") + UInt8(value % 10)
                value /= 10
                count += 1
            } while value > 0 || count < minimumDigits
            while count > 0 { count -= 1; line[position] = digits[count]; position += 1 }
        }
    }

    /// Sender GIDs and times (ms) of every spike in the files, in file order.
    public struct Columns: Sendable {
        public var senders: [Int32] = []
        public var times: [Double] = []

        public init() {}
    }

    /// The `*.dat` files of a NEST spike folder (the original's `<sim_folder>/spikes/`), by name.
    public static func files(in directory: URL) throws(InputError) -> [URL] {
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: directory.path) } catch {
            throw InputError(file: directory.path, "cannot be listed (\(InputError.reason(error)))")
        }
        let files = names.filter { $0.hasSuffix(".dat") }.sorted().map { directory.appendingPathComponent($0) }
        guard !files.isEmpty else { throw InputError(file: directory.path, "has no NEST spike files (*.dat)") }
        return files
    }

    /// Reads and concatenates the spike columns of `files`.
    public static func read(_ files: [URL]) throws(InputError) -> Columns {
        var columns = Columns()
        for file in files {
            let data: Data
            do { data = try Data(contentsOf: file, options: .alwaysMapped) } catch {
                throw InputError(file: file.path, "cannot be read (\(InputError.reason(error)))")
            }
            guard !data.isEmpty else {
                throw InputError(file: file.path, "is empty; a NEST spike file starts with its header lines (was the recording cut off?)")
            }
            columns.senders.reserveCapacity(columns.senders.count + data.count / 10)
            columns.times.reserveCapacity(columns.times.count + data.count / 10)
            let problem: InputError? = data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> InputError? in
                do throws(InputError) {
                    try parse(bytes.bindMemory(to: UInt8.self), source: file.path, into: &columns)
                    return nil
                } catch {
                    return error
                }
            }
            if let problem { throw problem }
        }
        return columns
    }

    /// Parses one file's bytes. Lines starting with `#`, and lines starting with a letter before
    /// the first spike (the column header), are skipped; every other non-empty line must be
    /// `GID time` separated by tabs or spaces.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, source: String,
                      into columns: inout Columns) throws(InputError) {
        var position = 0
        var line = 0
        var sawSpike = false
        let end = bytes.count
        while position < end {
            line += 1
            let lineStart = position
            var lineEnd = position
            while lineEnd < end && bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
            position = lineEnd + 1
            var cursor = lineStart
            var stop = lineEnd
            if stop > cursor && bytes[stop - 1] == UInt8(ascii: "\r") { stop -= 1 }
            while cursor < stop && isBlank(bytes[cursor]) { cursor += 1 }
            if cursor == stop { continue }
            let first = bytes[cursor]
            if first == UInt8(ascii: "#") || (isLetter(first) && !sawSpike) { continue }
            guard let gid = ByteNumbers.integer(bytes, &cursor, stop), gid > 0, gid <= Int(Int32.max) else {
                throw InputError(file: source, line: line, field: "sender", "expected a positive integer neuron ID (GID)")
            }
            guard cursor < stop, isBlank(bytes[cursor]) else {
                throw InputError(file: source, line: line, field: "sender", "expected a positive integer neuron ID followed by a tab and the spike time")
            }
            while cursor < stop && isBlank(bytes[cursor]) { cursor += 1 }
            guard let time = ByteNumbers.decimal(bytes, &cursor, stop), time.isFinite, time >= 0 else {
                throw InputError(file: source, line: line, field: "time_ms", "expected the spike time in ms as a number ≥ 0")
            }
            while cursor < stop && isBlank(bytes[cursor]) { cursor += 1 }
            guard cursor == stop else {
                throw InputError(file: source, line: line, "expected two columns (GID, time in ms), found more")
            }
            sawSpike = true
            columns.senders.append(Int32(gid))
            columns.times.append(time)
        }
    }

    @inline(__always) static func isBlank(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
    }

    @inline(__always) static func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }
}
