import Foundation
import Model

/// Reads spike files in NEST's ASCII recording-backend layout: optional `#` comment lines and a
/// `sender<TAB>time_ms` header, then one `GID<TAB>time` line per spike (the files the original's
/// `Analysis._readSpikesFromDAT` reads with `skiprows=3`). One file per recording process or
/// several; the spikes of all are merged.
public enum NESTSpikeFiles {
    /// Sender GIDs and times (ms) of every spike in the files, in file order.
    public struct Columns: Sendable {
        public var senders: [Int32] = []
        public var times: [Double] = []
    }

    /// The `*.dat` files of a NEST spike folder (the original's `<sim_folder>/spikes/`), by name.
    public static func files(in directory: URL) throws(InputError) -> [URL] {
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: directory.path) } catch {
            throw InputError(file: directory.path, "cannot be listed (\(error.localizedDescription))")
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
                throw InputError(file: file.path, "cannot be read (\(error.localizedDescription))")
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
            guard let time = ByteNumbers.decimal(bytes, &cursor, stop), time.isFinite else {
                throw InputError(file: source, line: line, field: "time_ms", "expected the spike time in ms as a number")
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
