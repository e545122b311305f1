import Foundation
import Model

/// The exact distribution of a synapse's delay in steps, as the stored connectivity draws it
/// (`ConnectivityBuilder`): a lognormal (or normal) delay in ms, clipped below at the pathway's
/// minimum, rounded to steps by NEST's `Time::delay_ms_to_steps`. The probability of each step
/// is the law's mass on the interval of delays that round to it; the tail beyond the last step
/// whose probability exceeds 2⁻⁴⁰ is cut (folded into that step). Sampled in O(1) by Walker's
/// alias method (Vose 1991) from one 64-bit random number: the high 32 bits choose a column,
/// the low 32 bits decide between the column and its alias, so probabilities are resolved to
/// 2⁻³² (and a column's weight may be off by n·2⁻³², n < 4,096 columns).
///
/// A long row needs only its count per step, which is multinomial: `forEachStepCount` draws it
/// as conditional binomials over the steps in order of decreasing probability, stopping when
/// no synapse is left. That costs ~30–80 binomial draws instead of one draw per synapse, and
/// is cheaper from `Law.multinomialFromLength` synapses on (measured: ~1.6 instead of ~5 ns per
/// synapse for a local row of 3,590).
struct DelayStepTable: Sendable {
    /// One delay law: columns and bins `offset ..< offset + count` of the shared arrays.
    struct Law: Sendable, Hashable {
        var offset: Int
        var count: Int
        /// Smallest and largest step with non-zero probability.
        var minimumStep: Int
        var maximumStep: Int
        /// Rows of at least this many synapses draw their counts per step as a multinomial.
        var multinomialFromLength: Int
    }

    /// A step of a law in the multinomial walk: its probability given that the synapses left
    /// did not take any of the more probable steps before it.
    struct Bin: Sendable {
        var step: Int
        var conditionalProbability: Double
    }

    /// One column of the alias table: it keeps its own step when the low 32 bits are below
    /// `threshold`, else takes the alias step (one 16-byte entry, so a draw reads one cache line).
    struct Column: Sendable {
        var threshold: UInt64
        var ownStep: UInt32
        var aliasStep: UInt32
    }

    private(set) var columns: [Column] = []
    /// Every law's steps in order of decreasing probability.
    private(set) var bins: [Bin] = []
    private var laws: [Key: Law] = [:]

    /// What determines a law.
    struct Key: Hashable {
        var mean: Double
        var standardDeviation: Double
        var minimumDelay: Double
    }

    /// Probabilities below this end the tail.
    static let tailCut = 0x1p-40

    /// The law of pathways with delay `mean` ± `standardDeviation` ms clipped below at
    /// `minimumDelay` ms, added to the table if new.
    mutating func law(mean: Double, standardDeviation: Double, minimumDelay: Double,
                      distribution: DelayDistribution, resolution: Double) throws(InputError) -> Law {
        let key = Key(mean: mean, standardDeviation: standardDeviation, minimumDelay: minimumDelay)
        if let law = laws[key] { return law }
        let probabilities = try Self.stepProbabilities(key: key, distribution: distribution, resolution: resolution)
        let binsHoldingMost = appendBins(probabilities.values, firstStep: probabilities.first)
        let law = Law(offset: columns.count, count: probabilities.values.count,
                      minimumStep: probabilities.first, maximumStep: probabilities.first + probabilities.values.count - 1,
                      multinomialFromLength: Self.synapsesPerBinForMultinomial * binsHoldingMost)
        appendAlias(probabilities.values, firstStep: probabilities.first)
        laws[key] = law
        return law
    }

    /// Probability of every step from the first with mass on (after clipping).
    static func stepProbabilities(key: Key, distribution: DelayDistribution,
                                  resolution: Double) throws(InputError) -> (first: Int, values: [Double]) {
        let first = NESTTime.delaySteps(ms: key.minimumDelay, resolution: resolution)
        let stepsPerMs = 1 / (Double(NESTTime.ticsPerStep(resolution: resolution)) / NESTTime.ticsPerMs)
        // Lower and upper tail probabilities of the unclipped law at x ms.
        let lower: (Double) -> Double, upper: (Double) -> Double
        switch distribution {
        case .lognormalClipped:
            guard key.mean > 0, key.standardDeviation > 0 else {
                return (NESTTime.delaySteps(ms: max(key.mean > 0 ? key.mean : 0, key.minimumDelay), resolution: resolution), [1])
            }
            let (mu, sigma) = lognormalParameters(mean: key.mean, relativeSD: key.standardDeviation / key.mean)
            lower = { x in x <= 0 ? 0 : NormalQuantileTable.cdf((log(x) - mu) / sigma) }
            upper = { x in x <= 0 ? 1 : NormalQuantileTable.cdf(-(log(x) - mu) / sigma) }
        case .normalClipped:
            guard key.standardDeviation > 0 else {
                return (NESTTime.delaySteps(ms: max(key.mean, key.minimumDelay), resolution: resolution), [1])
            }
            lower = { x in NormalQuantileTable.cdf((x - key.mean) / key.standardDeviation) }
            upper = { x in NormalQuantileTable.cdf(-(x - key.mean) / key.standardDeviation) }
        }
        let median = distribution == .lognormalClipped ? exp(lognormalParameters(mean: key.mean, relativeSD: key.standardDeviation / key.mean).mu) : key.mean
        // Mass of [a, b) ms, from the side of the median where it is accurate.
        func mass(_ a: Double, _ b: Double) -> Double {
            a >= median ? upper(a) - upper(b) : lower(b) - lower(a)
        }
        var values: [Double] = []
        var step = first
        while true {
            // Delays in [(s − ½)/spm, (s + ½)/spm) ms round to step s; below the minimum they are clipped to it.
            let low = step == first ? -Double.infinity : (Double(step) - 0.5) / stepsPerMs
            let high = (Double(step) + 0.5) / stepsPerMs
            let p = step == first ? lower(high) : mass(low, high)
            values.append(p)
            if upper(high) < tailCut && step > first { break }
            step += 1
            guard step - first < 1 << 16 else {
                throw InputError("delay law \(key.mean) ± \(key.standardDeviation) ms spans more than 65,536 steps of \(resolution) ms")
            }
        }
        values[values.count - 1] += upper((Double(step) + 0.5) / stepsPerMs)
        return (first, values)
    }

    /// Where the multinomial walk pays: from this many synapses per step that holds most of the
    /// mass (the walk visits about twice those steps, a binomial draw costs ~40–120 ns, and a
    /// per-synapse draw ~5 ns in the engine).
    static let synapsesPerBinForMultinomial = 16

    /// Appends the law's steps in order of decreasing probability with their conditional
    /// probabilities; returns how many of them hold 99.9 % of the mass.
    private mutating func appendBins(_ probabilities: [Double], firstStep: Int) -> Int {
        let total = probabilities.reduce(0, +)
        let order = probabilities.indices.sorted { probabilities[$0] > probabilities[$1] || (probabilities[$0] == probabilities[$1] && $0 < $1) }
        // Mass of each step and all less probable ones, summed from the smallest up.
        var remainingMass = [Double](repeating: 0, count: order.count + 1)
        for position in order.indices.reversed() {
            remainingMass[position] = remainingMass[position + 1] + probabilities[order[position]] / total
        }
        var held = 0.0, mostHeldBy = order.count
        for (position, column) in order.enumerated() {
            let probability = probabilities[column] / total
            // 1 where no mass is left after this step (also for steps of probability 0, which
            // the walk never reaches), so the walk always ends inside the law.
            let conditional = position == order.count - 1 || remainingMass[position] <= probability
                ? 1 : probability / remainingMass[position]
            bins.append(Bin(step: firstStep + column, conditionalProbability: conditional))
            held += probability
            if held >= 0.999 && mostHeldBy == order.count { mostHeldBy = position + 1 }
        }
        return mostHeldBy
    }

    /// Vose's alias construction for `probabilities` (normalised here).
    private mutating func appendAlias(_ probabilities: [Double], firstStep: Int) {
        let count = probabilities.count
        let total = probabilities.reduce(0, +)
        var scaled = probabilities.map { $0 / total * Double(count) }
        var alias = Array(0..<count)
        var small = scaled.indices.filter { scaled[$0] < 1 }
        var large = scaled.indices.filter { scaled[$0] >= 1 }
        while let less = small.popLast(), let more = large.last {
            alias[less] = more
            scaled[more] -= 1 - scaled[less]
            if scaled[more] < 1 {
                large.removeLast()
                small.append(more)
            }
        }
        for column in large { scaled[column] = 1 }
        for column in small { scaled[column] = 1 }
        for column in 0..<count {
            columns.append(Column(threshold: UInt64(min(scaled[column], 1) * 0x1p32), ownStep: UInt32(firstStep + column),
                                  aliasStep: UInt32(firstStep + alias[column])))
        }
    }

    /// The delay in steps for the random number `bits`.
    @inline(__always)
    func step(_ bits: UInt64, law: Law) -> Int {
        let column = law.offset &+ Int(truncatingIfNeeded: ((bits >> 32) &* UInt64(law.count)) >> 32)
        let entry = columns[column]
        return Int((bits & 0xFFFF_FFFF) < entry.threshold ? entry.ownStep : entry.aliasStep)
    }

    /// Calls `body(step, count)` for the steps of `law` taken by `length` synapses drawn
    /// independently from it, each step once with its non-zero count, from `stream`: the
    /// multinomial as conditional binomials over the steps in order of decreasing probability.
    @inline(__always)
    func forEachStepCount(law: Law, length: Int, stream: inout RandomStream, _ body: (Int, Int) -> Void) {
        var remaining = length
        var position = law.offset
        while remaining > 0 {
            let bin = bins[position]
            let count = bin.conditionalProbability >= 1 ? remaining
                : stream.binomial(trials: remaining, probability: bin.conditionalProbability)
            if count > 0 {
                body(bin.step, count)
                remaining &-= count
            }
            position &+= 1
        }
    }
}
