import Foundation

/// 128-bit FNV-1a hash (Fowler, Noll & Vo), written as 32 hex digits: a stable name for a
/// network or a simulation, used for output folders `out/<network-hash>/<simulation-hash>/`.
public struct ContentHash: Sendable {
    private static let prime: UInt128 = (1 << 88) | 0x13B
    private var state: UInt128 = 0x6C62272E07BB014262B821756295C58D

    public init() {}

    public mutating func combine(bytes: some Sequence<UInt8>) {
        for byte in bytes {
            state ^= UInt128(byte)
            state &*= Self.prime
        }
    }

    public mutating func combine(_ text: String) { combine(bytes: Array(text.utf8) + [0]) }

    public mutating func combine(_ values: [Double]) {
        for value in values { withUnsafeBytes(of: value.bitPattern.littleEndian) { combine(bytes: $0) } }
    }

    public mutating func combine(_ values: [Int]) {
        for value in values { withUnsafeBytes(of: Int64(value).littleEndian) { combine(bytes: $0) } }
    }

    /// Canonical JSON (sorted keys) of an encodable value.
    public mutating func combine(encoding value: some Encodable) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        combine(bytes: (try? encoder.encode(value)) ?? Data())
    }

    public var hexDigest: String {
        let high = String(UInt64(truncatingIfNeeded: state >> 64), radix: 16)
        let low = String(UInt64(truncatingIfNeeded: state), radix: 16)
        return String(repeating: "0", count: 16 - high.count) + high + String(repeating: "0", count: 16 - low.count) + low
    }
}

extension Network {
    /// Hash of everything that defines the network: its parameters and every table derived
    /// from them and the input data (so a changed data file changes the hash too).
    public var contentHash: String {
        var hash = ContentHash()
        hash.combine(encoding: parameters)
        hash.combine(layout.areas.joined(separator: ","))
        hash.combine(neuronCounts)
        hash.combine(synapseCounts)
        hash.combine(externalSynapseCounts)
        for table in [weights, weightSDs, externalWeights, externalWeightSDs, externalRates, dcDrive, delayMeans, delaySDs] {
            hash.combine(table)
        }
        return hash.hexDigest
    }
}
