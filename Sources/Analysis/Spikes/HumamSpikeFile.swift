import Foundation
import Model

/// Reads humam's binary spike file. Assumed layout (to be kept in step with `humam simulate`):
/// a headerless sequence of little-endian `(Int32 GID, Int32 time step)` pairs; the spike time is
/// `step × resolution` ms. Only this file knows the layout.
public enum HumamSpikeFile {
    public static func read(_ url: URL, resolution: Double) throws(InputError) -> NESTSpikeFiles.Columns {
        let data: Data
        do { data = try Data(contentsOf: url, options: .alwaysMapped) } catch {
            throw InputError(file: url.path, "cannot be read (\(error.localizedDescription))")
        }
        guard data.count % 8 == 0 else {
            throw InputError(file: url.path, "has \(data.count) bytes, expected a multiple of 8 (pairs of Int32 GID and time step)")
        }
        let count = data.count / 8
        var columns = NESTSpikeFiles.Columns()
        columns.senders = [Int32](repeating: 0, count: count)
        columns.times = [Double](repeating: 0, count: count)
        data.withUnsafeBytes { raw in
            columns.senders.withUnsafeMutableBufferPointer { senders in
                columns.times.withUnsafeMutableBufferPointer { times in
                    for index in 0..<count {
                        senders[index] = Int32(littleEndian: raw.loadUnaligned(fromByteOffset: 8 * index, as: Int32.self))
                        let step = Int32(littleEndian: raw.loadUnaligned(fromByteOffset: 8 * index + 4, as: Int32.self))
                        times[index] = Double(step) * resolution
                    }
                }
            }
        }
        return columns
    }

    /// Writes spikes in this layout (used by tests and the benchmark to produce a binary run).
    public static func write(senders: [Int32], steps: [Int32], to url: URL) throws(InputError) {
        precondition(senders.count == steps.count)
        var data = Data(capacity: senders.count * 8)
        for index in senders.indices {
            withUnsafeBytes(of: senders[index].littleEndian) { data.append(contentsOf: $0) }
            withUnsafeBytes(of: steps[index].littleEndian) { data.append(contentsOf: $0) }
        }
        try AtomicFile.write(data, to: url)
    }
}
