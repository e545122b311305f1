import Foundation
import Model

/// What a random stream is used for; part of its key, so that streams for different purposes
/// never coincide even for the same index.
public enum RandomPurpose: UInt64, Sendable {
    case initialPotential = 1
    case neuronParameters
    case connectionEndpoints
    case connectionValues
    case externalWeight
    case externalSpikes
    /// Row lengths of procedural connectivity (one stream per pathway).
    case synapseRows
    /// Targets and weights of procedural connectivity (one stream per row).
    case synapseValues
    /// Per-step external Poisson counts (one stream per step, 32 bits per neuron).
    case externalCounts
    /// Delays of procedural connectivity (one stream per row).
    case synapseDelays
}

/// A counter-based random stream keyed by (seed, purpose, index): `SplitMix64` (as in Java's
/// `SplittableRandom`) started from a state that is a hash of the key. Every neuron and every
/// pathway has its own stream, so results do not depend on how work is split over threads.
public struct RandomStream: Sendable {
    private var generator: SplitMix64
    private var spareNormal: Double?

    public init(seed: UInt64, purpose: RandomPurpose, index: UInt64) {
        generator = SplitMix64(seed: Self.key(seed: seed, purpose: purpose, index: index))
    }

    /// The stream whose state is `state`: a checkpoint's `savedState`, or a key
    /// (`key(purposeKey:index:)`) for a stream that starts there.
    init(state: UInt64) {
        generator = SplitMix64(seed: state)
    }

    /// The state from which `init(state:)` continues the stream: all of it for a stream
    /// between normal deviates (one that holds a spare normal cannot be saved).
    var savedState: UInt64 {
        precondition(spareNormal == nil, "a stream holding a spare normal deviate cannot be saved")
        return generator.state
    }

    /// The starting state of the stream keyed by (seed, purpose, index): a 64-bit hash of the key.
    @inline(__always)
    static func key(seed: UInt64, purpose: RandomPurpose, index: UInt64) -> UInt64 {
        key(purposeKey: purposeKey(seed: seed, purpose: purpose), index: index)
    }

    /// The part of `key` that depends on seed and purpose only, for callers that key many streams.
    static func purposeKey(seed: UInt64, purpose: RandomPurpose) -> UInt64 {
        SplitMix64.mix(SplitMix64.mix(seed &+ SplitMix64.increment) ^ (purpose.rawValue &* 0xD6E8_FEB8_6659_FD93))
    }

    /// `key(seed:purpose:index:)` from its `purposeKey`.
    @inline(__always)
    static func key(purposeKey: UInt64, index: UInt64) -> UInt64 {
        SplitMix64.mix(purposeKey ^ (index &* 0xA076_1D64_78BD_642F))
    }

    /// Output `n` (from 1) of the stream that starts at `key`: the same number `next()` returns
    /// on its n-th call, computed without the n − 1 before it (SplitMix64 is counter-based).
    @inline(__always)
    static func output(key: UInt64, counter: UInt64) -> UInt64 {
        SplitMix64.mix(key &+ counter &* SplitMix64.increment)
    }

    @inline(__always)
    public mutating func next() -> UInt64 {
        generator.next()
    }

    /// Uniform on [0, 1), 53 random bits.
    @inline(__always)
    public mutating func uniform() -> Double {
        generator.nextUniform()
    }

    /// Uniform on (0, 1], for logarithms.
    @inline(__always)
    public mutating func uniformPositive() -> Double {
        Double((next() >> 11) + 1) * 0x1p-53
    }

    /// Uniform integer in 0..<bound without bias (Lemire 2019, "Fast random integer
    /// generation in an interval").
    @inline(__always)
    public mutating func integer(below bound: Int) -> Int {
        let range = UInt64(bound)
        var product = next().multipliedFullWidth(by: range)
        if product.low < range {
            let threshold = (0 &- range) % range
            while product.low < threshold { product = next().multipliedFullWidth(by: range) }
        }
        return Int(product.high)
    }

    /// Standard normal deviate (Box–Muller; the second value of each pair is kept for the next call).
    public mutating func normal() -> Double {
        if let spare = spareNormal {
            spareNormal = nil
            return spare
        }
        let radius = (-2 * log(uniformPositive())).squareRoot()
        let angle = 2 * Double.pi * uniform()
        spareNormal = radius * sin(angle)
        return radius * cos(angle)
    }

    public mutating func normal(mean: Double, standardDeviation: Double) -> Double {
        mean + standardDeviation * normal()
    }

    /// Lognormal deviate exp(μ + σ·Z) with the parameters of the underlying normal
    /// (NEST's `nest.random.lognormal(mean=μ, std=σ)`).
    public mutating func lognormal(mu: Double, sigma: Double) -> Double {
        exp(mu + sigma * normal())
    }

    /// Binomial deviate: successes among `trials` independent trials of probability
    /// `probability`. Exact (up to the rounding of Double): for n·min(p, 1 − p) < 10 by inversion
    /// of the CDF (the pmf by its recurrence from P(0) = (1 − p)ⁿ), else by W. Hörmann's
    /// transformed rejection with squeeze, BTRS ("The generation of binomial random variates",
    /// J. Stat. Comput. Simul. 46, 1993), whose acceptance test uses the exact log pmf.
    public mutating func binomial(trials: Int, probability: Double) -> Int {
        precondition(trials >= 0 && probability >= 0 && probability <= 1, "binomial needs n ≥ 0 and 0 ≤ p ≤ 1")
        if probability > 0.5 { return trials - binomial(trials: trials, probability: 1 - probability) }
        let n = Double(trials), p = probability, q = 1 - probability
        if trials == 0 || p == 0 { return 0 }
        if n * p < 10 {
            var u = uniform()
            var k = 0
            var pmf = exp(n * log1p(-p))
            while u >= pmf && k < trials {
                u -= pmf
                k += 1
                pmf *= (n - Double(k) + 1) / Double(k) * (p / q)
            }
            return k
        }
        let spq = (n * p * q).squareRoot()
        let b = 1.15 + 2.53 * spq
        let a = -0.0873 + 0.0248 * b + 0.01 * p
        let c = n * p + 0.5
        let acceptedDirectly = 0.92 - 4.2 / b
        let alpha = (2.83 + 5.1 / b) * spq
        let mode = ((n + 1) * p).rounded(.down)
        // Needed only where the squeeze does not accept (about half the calls take none), so
        // computed at the first such test; the same numbers as if computed here.
        var logOdds = Double.nan, logModeTerms = Double.nan
        while true {
            let u = uniform() - 0.5
            let v = uniform()
            let us = 0.5 - abs(u)
            let k = ((2 * a / us + b) * u + c).rounded(.down)
            guard k >= 0 && k <= n else { continue }
            if us >= 0.07 && v <= acceptedDirectly { return Int(k) }
            if logOdds.isNaN {
                logOdds = log(p / q)
                logModeTerms = Self.logFactorial(mode) + Self.logFactorial(n - mode)
            }
            let logV = log(v * alpha / (a / (us * us) + b))
            if logV <= logModeTerms - Self.logFactorial(k) - Self.logFactorial(n - k) + (k - mode) * logOdds { return Int(k) }
        }
    }

    /// log k! = lgamma(k + 1) for a whole number k ≥ 0: from a table of lgamma's own values
    /// below `logFactorialTableSize` (so the same numbers), else lgamma.
    @inline(__always)
    static func logFactorial(_ k: Double) -> Double {
        k < Double(logFactorialTableSize) ? logFactorials[Int(k)] : lgamma(k + 1)
    }

    /// Entries of the log-factorial table: 64 kB, the trials of most binomials of a delay law's
    /// multinomial (a row's synapses).
    static let logFactorialTableSize = 8192
    nonisolated(unsafe) private static let logFactorials: UnsafeMutablePointer<Double> = {
        let table = UnsafeMutablePointer<Double>.allocate(capacity: logFactorialTableSize)
        for k in 0..<logFactorialTableSize { table[k] = lgamma(Double(k) + 1) }
        return table
    }()

    /// Exponential deviate with rate 1.
    @inline(__always)
    public mutating func exponential() -> Double {
        -log(uniformPositive())
    }
}

/// Parameters (μ, σ) of the normal underlying a lognormal distribution with the given mean and
/// relative SD: μ = ln(mean / √(1 + r²)), σ = √ln(1 + r²) (the original's
/// `helpers/lognormal.py: mu_sigma_lognorm`).
public func lognormalParameters(mean: Double, relativeSD: Double) -> (mu: Double, sigma: Double) {
    let factor = relativeSD * relativeSD + 1
    return (log(mean / factor.squareRoot()), log(factor).squareRoot())
}
