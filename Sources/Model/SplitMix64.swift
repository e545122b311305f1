/// SplitMix64 (Steele, Lea & Flood 2014, "Fast splittable pseudorandom number generators"; the
/// reference constants of Vigna's `splitmix64.c`): a small, fast generator whose output is a
/// function of a counter, so that a seed gives the same numbers on every platform and Swift
/// version. The theory draws its initial rates from it; the engine's `RandomStream` is one
/// started from a hash of (seed, purpose, index).
public struct SplitMix64: RandomNumberGenerator, Sendable {
    /// The generator's whole state (a checkpoint saves it; `init(seed:)` continues from it).
    public var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// The increment of the state per output (the golden ratio in 64 bits).
    @inlinable public static var increment: UInt64 { 0x9E37_79B9_7F4A_7C15 }

    /// The output function, a 64-bit finaliser (Stafford's "Mix13").
    @inlinable @inline(__always)
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    @inlinable @inline(__always)
    public mutating func next() -> UInt64 {
        state &+= Self.increment
        return Self.mix(state)
    }

    /// Uniform on [0, 1) with 53 random bits.
    @inlinable @inline(__always)
    public mutating func nextUniform() -> Double {
        Double(next() >> 11) * 0x1p-53
    }
}
