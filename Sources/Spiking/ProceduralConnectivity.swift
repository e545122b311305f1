import Foundation
import Model
import Synchronization

/// Internal connectivity that stores no synapse (procedural connectivity; Knight & Nowotny 2021,
/// GeNN's `FixedNumberTotalWithReplacement`), with the law of NEST's `fixed_total_number`:
/// every pathway's N synapses have sources and targets drawn uniformly with replacement
/// (autapses and multapses allowed), weights Normal(w, σ_w) clipped at 0 keeping the sign, and
/// delays clipped lognormal rounded to steps, as `ConnectivityBuilder` draws them.
///
/// Only the row lengths are stored: for every (source neuron, pathway) the number of synapses,
/// which is the source's count among the N uniform source draws (the multinomial law of the
/// rule), drawn once at set-up as conditional binomials from a stream per pathway. When a
/// neuron spikes, each of its rows is regenerated from two counter-based streams keyed by
/// (seed, pathway, source): the delay stream gives the row's count of synapses per delay step
/// (`forEachDelay`), and output k + 1 of the value stream gives synapse k its target (high 32
/// bits, Lemire's unbiased multiply-shift) and weight (low 32 bits, `NormalQuantileTable`). A
/// synapse is therefore the same whichever thread regenerates it, and whenever.
///
/// Events are not stored either. When a neuron spikes, only the delays of each row are drawn,
/// and the row is queued as one segment (pathway, source, positions, count) per delay that
/// occurs; when a segment arrives, its synapses' targets and weights are drawn and added to the
/// input. A row of 400 synapses thus waits as ~30 segments of 7 bytes instead of 400 events
/// of 8, which keeps the burst at t = 0 (the original's initial potentials put 2.3 % of the
/// neurons above threshold) and the high-activity states in memory.
///
/// A thread regenerates only the rows whose target population it owns. Where threads share a
/// target population (a partition cut inside it), they share its rows by source neuron, each
/// in proportion to its part of the population (`rowShares`), and add their synapses up in
/// `SharedPopulationInputs`.
final class ProceduralConnectivity: @unchecked Sendable {
    /// One pathway (target population ← source population) with synapses: as the stored
    /// connectivity draws it, plus where its targets are and its delay law.
    struct Pathway: Sendable {
        var drawn: ConnectivityBuilder.Pathway
        var synapse: SynapseLaw
        var delay: DelayStepTable.Law

        var firstTarget: Int { synapse.firstTarget }
        var targetCount: Int { synapse.targetCount }
        var channel: UInt32 { synapse.channel }
        var source: Int { drawn.source }
        var target: Int { drawn.target }
        /// Synapses of the pathway (may exceed 2³² summed over pathways, not per pathway).
        var synapses: Int { drawn.number }
        var weightMean: Double { drawn.weightMean }
        var weightSD: Double { drawn.weightSD }
        /// target · P + source, the index of the pathway's random streams.
        var streamIndex: UInt64 { drawn.streamIndex }
    }

    /// Rows of one source population that a thread regenerates: the pathway, the column of its
    /// length in the source's block of the row table, and the source neurons (within their
    /// population) whose rows they are: all, or a share where threads share the target.
    struct OwnedRow: Sendable {
        var pathway: Int
        var column: Int
        var sources: Range<Int>
    }

    let pathways: [Pathway]
    /// The parts of the pathways that the loops read per row or segment, packed (a whole
    /// `Pathway` spans three cache lines, and a step's segments visit pathways at random): the
    /// group of its segments (2 · target population + input channel, `Worker.groupSegments`),
    /// the delay law and the target and weight law of each pathway.
    let pathwayGroups: [Int32]
    let delayLaws: [DelayStepTable.Law]
    let synapseLaws: [SynapseLaw]

    /// What `forEachSynapse` reads of a pathway.
    struct SynapseLaw: Sendable {
        var firstTarget: Int
        var targetCount: Int
        /// Weight mean and SD, pA.
        var weightMean: Double
        var weightSD: Double
        /// 0 excitatory, 1 inhibitory (the input channel).
        var channel: UInt32
    }
    let indexing: NeuronIndexing
    let seed: UInt64
    /// `RandomStream.purposeKey` of the rows' value and delay streams.
    let synapseValuesKey: UInt64
    let synapseDelaysKey: UInt64
    /// Row lengths, source-major: the rows of neuron i of population P are
    /// `rowLengths[rowStart[P] + (i − first(P)) · rowsPerSource[P] + column]`.
    let rowLengths: UnsafeMutablePointer<UInt16>
    let rowCount: Int
    let rowStart: [Int]
    let rowsPerSource: [Int]
    /// The column of each pathway in its source's block of the row table.
    let pathwayColumns: [Int]
    /// `ownedRows[thread][P]`: the rows of source population P whose targets `thread` owns.
    let ownedRows: [[[OwnedRow]]]
    let normal: NormalQuantileTable
    let delays: DelayStepTable
    /// Largest delay any synapse can take, steps.
    let maximumDelay: Int
    /// Smallest delay a synapse between neurons of different threads can take, steps (`Int.max`
    /// if none crosses threads).
    let minimumCrossThreadDelay: Int
    /// Bits of a row code (`rowCode`) below the pathway.
    let rowCodeShift: UInt32

    /// Bytes per row of the row table.
    static let bytesPerRow = MemoryLayout<UInt16>.stride

    /// Rows of `network`'s row table: one per source neuron and connected pathway (synapses and
    /// a non-zero weight, the pathways `ConnectivityBuilder` draws).
    static func rowCount(network: Network) -> Int {
        let count = network.populationCount
        return network.synapseCounts.indices.reduce(0) { rows, element in
            network.synapseCounts[element] > 0 && network.weights[element] != 0 ? rows + network.neuronCounts[element % count] : rows
        }
    }

    /// The pathways, row layout and row lengths of `network` (the row lengths drawn on `threads` threads).
    init(network: Network, parameters: SimulationParameters, indexing: NeuronIndexing,
         partition: ThreadPartition, threads: Int) throws(InputError) {
        guard parameters.connectionRule == .fixedTotalNumber else {
            throw InputError("procedural connectivity implements fixed_total_number only; use --connectivity stored for \(parameters.connectionRule.rawValue)")
        }
        self.indexing = indexing
        seed = parameters.seed
        synapseValuesKey = RandomStream.purposeKey(seed: parameters.seed, purpose: .synapseValues)
        synapseDelaysKey = RandomStream.purposeKey(seed: parameters.seed, purpose: .synapseDelays)
        normal = .shared
        var delays = DelayStepTable()
        var pathways: [Pathway] = []
        let count = network.populationCount
        // The same pathways, in the same order, as the stored connectivity draws.
        for drawn in ConnectivityBuilder(network: network, parameters: parameters, indexing: indexing,
                                         partition: partition).pathways {
            let law = try delays.law(mean: drawn.delayMean, standardDeviation: drawn.delaySD,
                                     minimumDelay: drawn.minimumDelay, distribution: network.delayDistribution,
                                     resolution: parameters.resolution)
            if abs(drawn.weightMean) + 10 * drawn.weightSD >= ConnectivityBuilder.largestWeight {
                throw InputError("weight \(drawn.weightMean) ± \(drawn.weightSD) pA of pathway \(network.layout.population(at: drawn.source).label) → \(network.layout.population(at: drawn.target).label) exceeds the engine's limit of \(ConnectivityBuilder.largestWeight) pA")
            }
            let targets = indexing.neurons(ofPopulation: drawn.target)
            let synapse = SynapseLaw(firstTarget: targets.lowerBound, targetCount: targets.count, weightMean: drawn.weightMean,
                                     weightSD: drawn.weightSD, channel: IAFPSCExp.channel(weight: drawn.weightMean))
            pathways.append(Pathway(drawn: drawn, synapse: synapse, delay: law))
        }
        let largestPopulation = (0..<indexing.populationCount).map { indexing.neurons(ofPopulation: $0).count }.max() ?? 0
        guard Self.fitsStreamKey(pathways: pathways.count, largestPopulation: largestPopulation) else {
            throw InputError("procedural connectivity: more than 2³² pathways or neurons in a population")
        }
        guard let shift = Self.rowCodeShift(pathways: pathways.count, largestPopulation: largestPopulation) else {
            throw InputError("procedural connectivity: \(pathways.count) pathways and populations of up to \(largestPopulation) neurons do not fit a row segment's 32-bit row code; use --connectivity stored")
        }
        rowCodeShift = shift
        self.pathways = pathways
        pathwayGroups = pathways.map { Int32(IAFPSCExp.channelsPerNeuron * $0.target + Int($0.channel)) }
        delayLaws = pathways.map(\.delay)
        synapseLaws = pathways.map(\.synapse)
        self.delays = delays
        var rowsPerSource = [Int](repeating: 0, count: count)
        var column = [Int](repeating: 0, count: pathways.count)
        for (index, pathway) in pathways.enumerated() {
            column[index] = rowsPerSource[pathway.source]
            rowsPerSource[pathway.source] += 1
        }
        var rowStart = [Int](repeating: 0, count: count + 1)
        for population in 0..<count {
            rowStart[population + 1] = rowStart[population] + indexing.neurons(ofPopulation: population).count * rowsPerSource[population]
        }
        self.rowsPerSource = rowsPerSource
        pathwayColumns = column
        self.rowStart = rowStart
        rowCount = rowStart[count]
        var owned = [[[OwnedRow]]](repeating: [[OwnedRow]](repeating: [], count: count), count: threads)
        var maximumDelay = 1, minimumCrossThreadDelay = Int.max
        for (index, pathway) in pathways.enumerated() {
            let sourceNeurons = indexing.neurons(ofPopulation: pathway.source)
            let targets = pathway.firstTarget ..< pathway.firstTarget + pathway.targetCount
            for (thread, sources) in Self.rowShares(targets: targets, sources: sourceNeurons.count, partition: partition) {
                owned[thread][pathway.source].append(OwnedRow(pathway: index, column: column[index], sources: sources))
                let spiking = sourceNeurons.lowerBound + sources.lowerBound ..< sourceNeurons.lowerBound + sources.upperBound
                if spiking.clamped(to: partition.neurons(ofThread: thread)) != spiking {
                    minimumCrossThreadDelay = min(minimumCrossThreadDelay, pathway.delay.minimumStep)
                }
            }
            maximumDelay = max(maximumDelay, pathway.delay.maximumStep)
        }
        ownedRows = owned
        self.maximumDelay = maximumDelay
        self.minimumCrossThreadDelay = minimumCrossThreadDelay
        rowLengths = .allocate(capacity: max(rowCount, 1))
        try drawRowLengths(threads: threads)
    }

    deinit { rowLengths.deallocate() }

    /// Draws every pathway's row lengths, pathways shared out over `threads` threads, largest
    /// first. The row lengths of a pathway are the counts per source of N uniform source draws
    /// (the source side of `fixed_total_number`): multinomial, drawn as conditional binomials
    /// (as GeNN does) — source i of S takes Binomial(R, 1/(S − i)) of the R synapses the sources
    /// before it left — which needs one draw per source instead of one per synapse.
    private func drawRowLengths(threads: Int) throws(InputError) {
        let order = pathways.indices.sorted { pathways[$0].synapses > pathways[$1].synapses }
        let progress = DrawProgress()
        runOnThreads(threads) { [self] _ in
            while true {
                let position = progress.next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard position < order.count else { return }
                let index = order[position]
                let pathway = pathways[index]
                let sources = indexing.neurons(ofPopulation: pathway.source).count
                var stream = RandomStream(seed: seed, purpose: .synapseRows, index: pathway.streamIndex)
                let columns = rowsPerSource[pathway.source]
                let base = rowLengths + rowStart[pathway.source] + pathwayColumns[index]
                var remaining = pathway.synapses
                for source in 0..<sources {
                    let length = source == sources - 1 ? remaining
                        : stream.binomial(trials: remaining, probability: 1 / Double(sources - source))
                    remaining -= length
                    if length > Int(UInt16.max) { progress.overflow.store(index, ordering: .relaxed) }
                    base[source * columns] = UInt16(truncatingIfNeeded: length)
                }
            }
        }
        let failed = progress.overflow.load(ordering: .relaxed)
        if failed >= 0 {
            throw InputError("procedural connectivity: a row of pathway \(pathways[failed].source) → \(pathways[failed].target) holds more than \(UInt16.max) synapses; use --connectivity stored")
        }
    }

    /// Which thread regenerates which rows of a pathway onto `targets` from a population of
    /// `sources` neurons: each thread that owns some of the targets, the sources (within their
    /// population) in proportion to its part of them — all of them where one thread owns all
    /// the targets. Threads with no source are left out.
    static func rowShares(targets: Range<Int>, sources: Int, partition: ThreadPartition) -> [(thread: Int, sources: Range<Int>)] {
        partition.threads(owning: targets).compactMap { thread in
            let part = targets.clamped(to: partition.neurons(ofThread: thread))
            let first = (part.lowerBound - targets.lowerBound) * sources / targets.count
            let end = (part.upperBound - targets.lowerBound) * sources / targets.count
            return first < end ? (thread, first ..< end) : nil
        }
    }

    /// The bits of a row code that hold the source neuron within its population: as many as
    /// the largest population needs, if the pathways fit the remaining ones (nil otherwise).
    /// At full scale: 8,394 pathways (14 bits) and up to 93,694 neurons (17 bits).
    static func rowCodeShift(pathways: Int, largestPopulation: Int) -> UInt32? {
        let shift = UInt32(Int.bitWidth - max(largestPopulation - 1, 1).leadingZeroBitCount)
        return pathways <= 1 << (32 - Int(shift)) ? shift : nil
    }

    /// The row of `pathway` from the `local`-th neuron of its source population as 32 bits
    /// (`RowSegment.row`): pathway · 2^`rowCodeShift` + local.
    @inline(__always)
    func rowCode(pathway: Int, local: Int) -> UInt32 {
        UInt32(truncatingIfNeeded: pathway << rowCodeShift | local)
    }

    /// The pathway and the source neuron within its population of the row `code`.
    @inline(__always)
    func row(code: UInt32) -> (pathway: Int, local: Int) {
        (Int(code >> rowCodeShift), Int(code & (1 << rowCodeShift &- 1)))
    }

    /// Whether the stream key can pack (pathway, source within population) into 64 bits: fewer
    /// than 2³² of each.
    static func fitsStreamKey(pathways: Int, largestPopulation: Int) -> Bool {
        pathways < 1 << 32 && largestPopulation < 1 << 32
    }

    /// The key of a stream of the row of `pathway` from the `local`-th neuron of its source:
    /// `synapseValuesKey` or `synapseDelaysKey` with (pathway, source) packed into the index.
    @inline(__always)
    func rowKey(_ purposeKey: UInt64, pathway: Int, local: Int) -> UInt64 {
        RandomStream.key(purposeKey: purposeKey, index: UInt64(pathway) << 32 | UInt64(local))
    }

    /// Splits the row of `pathway` from the `local`-th neuron of its source population
    /// (`length` synapses) by delay, from the row's delay stream: calls `body(delay steps,
    /// first, count)` once per delay that occurs, where positions `first ..< first + count` of
    /// the row are the synapses with that delay. A long row draws its counts per delay as a
    /// multinomial (`DelayStepTable.forEachStepCount`, delays in order of decreasing
    /// probability); a shorter one draws each synapse's delay from output k + 1 for synapse k
    /// (delays in increasing order). Targets and weights are then drawn per position
    /// (`forEachSynapse`); as they are independent of the delays, the row's synapses are i.i.d.
    /// (target, weight, delay) triples, exactly as if each had been drawn whole. `histogram`
    /// is scratch space of `delayColumns` zeroes (left zeroed).
    @inline(__always)
    func forEachDelay(pathway index: Int, local: Int, length: Int, histogram: UnsafeMutablePointer<UInt16>,
                      _ body: (Int, Int, Int) -> Void) {
        let law = delayLaws[index]
        let key = rowKey(synapseDelaysKey, pathway: index, local: local)
        if length >= law.multinomialFromLength {
            var stream = RandomStream(state: key)
            var first = 0
            delays.forEachStepCount(law: law, length: length, stream: &stream) { step, count in
                body(step, first, count)
                first &+= count
            }
            return
        }
        var lowest = Int.max, highest = Int.min
        for synapse in 0..<length {
            let column = delays.step(RandomStream.output(key: key, counter: UInt64(synapse) &+ 1), law: law) &- law.minimumStep
            histogram[column] &+= 1
            lowest = min(lowest, column)
            highest = max(highest, column)
        }
        guard length > 0 else { return }
        var first = 0
        for column in lowest...highest where histogram[column] > 0 {
            let count = Int(histogram[column])
            histogram[column] = 0
            body(law.minimumStep &+ column, first, count)
            first &+= count
        }
    }

    /// Calls `body(targetCode, weight pA)` for positions `first ..< first + count` of the row
    /// of `pathway` from the `local`-th neuron of its source: target from the high 32 bits of
    /// output j + 1 of the row's value stream (Lemire's unbiased multiply-shift), weight from its
    /// low 32 bits.
    @inline(__always)
    func forEachSynapse(pathway index: Int, local: Int, first: Int, count: Int, _ body: (UInt32, Float) -> Void) {
        let pathway = synapseLaws[index]
        let key = rowKey(synapseValuesKey, pathway: index, local: local)
        let range = UInt64(pathway.targetCount)
        // Clipping at 0 keeping the sign, as sign · max(sign · w, 0) (exact: sign is ±1).
        let sign: Double = pathway.weightMean > 0 ? 1 : -1
        let normal = self.normal
        for position in first ..< first &+ count {
            let bits = RandomStream.output(key: key, counter: UInt64(truncatingIfNeeded: position) &+ 1)
            var product = (bits >> 32) &* range
            if product & 0xFFFF_FFFF < range {
                // Lemire's rejection, with further draws from a stream keyed by the rejected one.
                let threshold = (0x1_0000_0000 &- range) % range
                var retry = bits
                while product & 0xFFFF_FFFF < threshold {
                    retry = SplitMix64.mix(retry &+ SplitMix64.increment)
                    product = (retry >> 32) &* range
                }
            }
            let target = pathway.firstTarget &+ Int(truncatingIfNeeded: product >> 32)
            let drawn = pathway.weightMean + pathway.weightSD * normal.deviate(UInt32(truncatingIfNeeded: bits))
            let weight = sign * max(sign * drawn, 0)
            body(IAFPSCExp.inputCode(neuron: target, channel: pathway.channel), Float(weight))
        }
    }

    /// Columns of the widest delay law: the size of `forEachDelay`'s histogram.
    var delayColumns: Int { pathways.map(\.delay.count).max() ?? 1 }

    /// The length of the row of `pathway` (column `column` of its source's block) from the
    /// `local`-th neuron of its source population.
    @inline(__always)
    func rowLength(source population: Int, local: Int, column: Int) -> Int {
        Int(rowLengths[rowStart[population] &+ local &* rowsPerSource[population] &+ column])
    }

    /// Synapses in all rows.
    var synapseCount: Int { pathways.reduce(0) { $0 + $1.synapses } }

    /// Every synapse written out into a synapse store, on the thread of its target (for tests:
    /// the stored engine then runs the very same network).
    func materialize(partition: ThreadPartition) -> SynapseStore {
        let threads = partition.threadCount
        let histogram = UnsafeMutablePointer<UInt16>.allocate(capacity: delayColumns)
        histogram.initialize(repeating: 0, count: delayColumns)
        defer { histogram.deallocate() }
        // Every synapse once (the threads' rows are all the rows, each once): body(source,
        // thread of the target, target code, weight, delay).
        func forEachStoredSynapse(_ body: (Int, Int, UInt32, Float, Int) -> Void) {
            for threadRows in ownedRows {
                for population in 0..<indexing.populationCount {
                    for row in threadRows[population] {
                        for local in row.sources {
                            let neuron = indexing.firstNeuron[population] + local
                            let length = rowLength(source: population, local: local, column: row.column)
                            forEachDelay(pathway: row.pathway, local: local, length: length, histogram: histogram) { delay, first, count in
                                forEachSynapse(pathway: row.pathway, local: local, first: first, count: count) { code, weight in
                                    body(neuron, partition.thread(ofNeuron: Int(code >> 1)), code, weight, delay)
                                }
                            }
                        }
                    }
                }
            }
        }
        var counts = [Int](repeating: 0, count: indexing.neuronCount * threads + 1)
        forEachStoredSynapse { source, thread, _, _, _ in counts[source * threads + thread + 1] += 1 }
        let store = SynapseStore(threadCount: threads, counts: counts)
        forEachStoredSynapse { source, thread, code, weight, delay in
            store.place(source: source, thread: thread, targetCode: code, weight: weight, delay: delay,
                        crossesThreads: partition.thread(ofNeuron: source) != thread)
        }
        return store.finish()
    }
}

/// Shared state of the threads that draw the row lengths: the next pathway to take (in the
/// order of the work list) and a pathway whose row overflowed, if any.
private final class DrawProgress: Sendable {
    let next = Atomic<Int>(0)
    let overflow = Atomic<Int>(-1)
}
