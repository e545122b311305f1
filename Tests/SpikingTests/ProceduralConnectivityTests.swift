import Foundation
import Model
import Testing
import TestSupport
@testable import Spiking

/// Procedural connectivity against the law it implements (NEST's fixed_total_number with
/// clipped normal weights and clipped lognormal delays) and against the stored engine.
///
/// The statistical tests use fixed seeds, so they are deterministic; each compares a
/// statistic with its critical value at significance 1e-4 (χ² through the Wilson–Hilferty
/// normal approximation, z = 3.72). Power: on 10⁶ draws a 1 % error in a probability of 0.1
/// adds a non-centrality of 10⁶ · 0.001² / 0.1 = 10 to one cell, and the weight mean of 8,600
/// synapses is checked to 4 standard errors, 0.43 % of the SD, i.e. 0.04 % of the mean.
@Suite struct ProceduralConnectivityTests {
    static func connectivity(_ network: Network, threads: Int = 1, seed: UInt64 = 2903) throws -> (ProceduralConnectivity, ThreadPartition) {
        var parameters = SimulationParameters()
        parameters.seed = seed
        let indexing = NeuronIndexing(neuronCounts: network.neuronCounts)
        let partition = ThreadPartition(neuronCount: indexing.neuronCount, threads: threads, fallbackCuts: indexing.firstNeuron)
        return (try ProceduralConnectivity(network: network, parameters: parameters, indexing: indexing,
                                           partition: partition, threads: threads), partition)
    }

    /// χ² statistic minus its 1e-4 critical value for `observed` against `expected` counts
    /// (cells with expected < 5 pooled into one).
    static func chiSquareExcess(observed: [Double], expected: [Double]) -> Double {
        var statistic = 0.0, cells = 0, pooledObserved = 0.0, pooledExpected = 0.0
        for (o, e) in zip(observed, expected) {
            if e < 5 { pooledObserved += o; pooledExpected += e; continue }
            statistic += (o - e) * (o - e) / e
            cells += 1
        }
        if pooledExpected > 0 {
            statistic += (pooledObserved - pooledExpected) * (pooledObserved - pooledExpected) / max(pooledExpected, 1e-300)
            cells += 1
        }
        let k = Double(cells - 1)
        // Wilson–Hilferty: (χ²/k)^(1/3) ≈ Normal(1 − 2/(9k), 2/(9k)).
        let critical = k * pow(1 - 2 / (9 * k) + 3.72 * (2 / (9 * k)).squareRoot(), 3)
        return statistic - critical
    }

    @Test func rowsSumExactlyToEveryPathwaysSynapses() throws {
        let network = try TestNetworks.downscaled()
        let (rows, _) = try Self.connectivity(network, threads: 2)
        for (index, pathway) in rows.pathways.enumerated() {
            var total = 0
            for local in 0..<network.neuronCounts[pathway.source] {
                total += rows.rowLength(source: pathway.source, local: local, column: rows.pathwayColumns[index])
            }
            #expect(total == pathway.synapses)
        }
        #expect(rows.synapseCount == network.pathwaySynapsesWithWeight)
        // The memory estimate's row count is the table's.
        #expect(rows.rowCount == ProceduralConnectivity.rowCount(network: network))
    }

    /// Row lengths of one pathway are multinomial: each Binomial(N, 1/n_source).
    @Test func rowLengthsFollowTheBinomialLaw() throws {
        // The largest pathway: 2,000 sources, 16,000 synapses (mean row 8).
        let network = TestNetworks.small(neuronsPerPopulation: 2000)
        let (rows, _) = try Self.connectivity(network)
        let index = rows.pathways.indices.max { rows.pathways[$0].synapses < rows.pathways[$1].synapses }!
        let pathway = rows.pathways[index]
        let sources = network.neuronCounts[pathway.source]
        var histogram = [Double](repeating: 0, count: 1000)
        for local in 0..<sources {
            histogram[rows.rowLength(source: pathway.source, local: local, column: rows.pathwayColumns[index])] += 1
        }
        let n = Double(pathway.synapses), p = 1 / Double(sources)
        let expected = (0..<histogram.count).map { k -> Double in
            let logPMF = lgamma(n + 1) - lgamma(Double(k) + 1) - lgamma(n - Double(k) + 1)
                + Double(k) * log(p) + (n - Double(k)) * log1p(-p)
            return Double(sources) * exp(logPMF)
        }
        #expect(Self.chiSquareExcess(observed: histogram, expected: expected) < 0)
    }

    /// All synapses of the largest pathway of the notebook network, regenerated: targets
    /// uniform, weights Normal(w, 0.1|w|), delays by the exact step law.
    @Test func regeneratedSynapsesFollowTheirLaws() throws {
        let network = try TestNetworks.downscaled()
        let (rows, _) = try Self.connectivity(network)
        let index = rows.pathways.indices.max { rows.pathways[$0].synapses < rows.pathways[$1].synapses }!
        let pathway = rows.pathways[index]
        var targets = [Double](repeating: 0, count: pathway.targetCount)
        var delays = [Double](repeating: 0, count: pathway.delay.count)
        var weightSum = 0.0, weightSquares = 0.0, synapses = 0
        let histogram = UnsafeMutablePointer<UInt16>.allocate(capacity: rows.delayColumns)
        histogram.initialize(repeating: 0, count: rows.delayColumns)
        defer { histogram.deallocate() }
        for local in 0..<network.neuronCounts[pathway.source] {
            let length = rows.rowLength(source: pathway.source, local: local, column: rows.pathwayColumns[index])
            rows.forEachDelay(pathway: index, local: local, length: length, histogram: histogram) { delay, first, count in
                delays[delay - pathway.delay.minimumStep] += Double(count)
                rows.forEachSynapse(pathway: index, local: local, first: first, count: count) { code, weight in
                    targets[Int(code / 2) - pathway.firstTarget] += 1
                    #expect(code % 2 == pathway.channel)
                    weightSum += Double(weight)
                    weightSquares += Double(weight) * Double(weight)
                    synapses += 1
                }
            }
        }
        #expect(synapses == pathway.synapses)
        #expect(synapses > 8_000)
        let perTarget = Double(synapses) / Double(pathway.targetCount)
        #expect(Self.chiSquareExcess(observed: targets, expected: targets.map { _ in perTarget }) < 0)
        let mean = weightSum / Double(synapses)
        let sd = (weightSquares / Double(synapses) - mean * mean).squareRoot()
        // Mean within 4 standard errors; SD within 4 of its standard errors (≈ σ/√(2n)).
        #expect(abs(mean - pathway.weightMean) < 4 * pathway.weightSD / Double(synapses).squareRoot())
        #expect(abs(sd - pathway.weightSD) < 4 * pathway.weightSD / (2 * Double(synapses)).squareRoot())
        let law = try DelayStepTable.stepProbabilities(
            key: .init(mean: network.delayMeans[pathway.streamIndexElement], standardDeviation: network.delaySDs[pathway.streamIndexElement],
                       minimumDelay: 0.1),
            distribution: .lognormalClipped, resolution: 0.1)
        #expect(law.first == pathway.delay.minimumStep)
        #expect(Self.chiSquareExcess(observed: delays, expected: law.values.map { $0 * Double(synapses) }) < 0)
    }

    /// The delay step law against delays drawn as the stored engine draws them (lognormal,
    /// clipped, rounded by NEST's rule), for a local and an inter-area law.
    @Test func delayStepLawMatchesTheStoredEnginesDraws() throws {
        for (mean, minimum) in [(1.5, 0.1), (24.3, 0.1), (0.75, 0.5)] {
            let key = DelayStepTable.Key(mean: mean, standardDeviation: 0.5 * mean, minimumDelay: minimum)
            let law = try DelayStepTable.stepProbabilities(key: key, distribution: .lognormalClipped, resolution: 0.1)
            #expect(abs(law.values.reduce(0, +) - 1) < 1e-12)
            var stream = RandomStream(seed: 7, purpose: .connectionValues, index: 1)
            let (mu, sigma) = lognormalParameters(mean: mean, relativeSD: 0.5)
            var observed = [Double](repeating: 0, count: law.values.count)
            let draws = 1_000_000
            for _ in 0..<draws {
                let steps = NESTTime.delaySteps(ms: max(stream.lognormal(mu: mu, sigma: sigma), minimum), resolution: 0.1)
                observed[min(steps - law.first, observed.count - 1)] += 1
            }
            #expect(Self.chiSquareExcess(observed: observed, expected: law.values.map { $0 * Double(draws) }) < 0)
            // And the alias sampler reproduces the law.
            var table = DelayStepTable()
            let tableLaw = try table.law(mean: mean, standardDeviation: 0.5 * mean, minimumDelay: minimum,
                                         distribution: .lognormalClipped, resolution: 0.1)
            var sampled = [Double](repeating: 0, count: law.values.count)
            for index in 0..<UInt64(draws) {
                sampled[table.step(RandomStream.output(key: 99, counter: index), law: tableLaw) - law.first] += 1
            }
            #expect(Self.chiSquareExcess(observed: sampled, expected: law.values.map { $0 * Double(draws) }) < 0)
        }
    }

    /// Long rows take their counts per delay step as a multinomial (conditional binomials):
    /// for a local excitatory and a local inhibitory law, 2,000 rows of twice the length where
    /// that starts. Every row keeps all its synapses; the pooled counts follow the step law;
    /// the count of the most probable step and of one in the tail, row by row, follow their
    /// Binomial(n, p) marginals (which a proportional split or a wrong conditional probability
    /// would not).
    @Test func longRowsDrawTheirDelayCountsAsAMultinomial() throws {
        for mean in [1.5, 0.75] {
            var table = DelayStepTable()
            let law = try table.law(mean: mean, standardDeviation: 0.5 * mean, minimumDelay: 0.1,
                                    distribution: .lognormalClipped, resolution: 0.1)
            let probabilities = try DelayStepTable.stepProbabilities(
                key: .init(mean: mean, standardDeviation: 0.5 * mean, minimumDelay: 0.1),
                distribution: .lognormalClipped, resolution: 0.1).values
            let length = 2 * law.multinomialFromLength
            #expect(length > 200 && length < 5_000)
            let rows = 2_000
            let mostProbable = probabilities.indices.max { probabilities[$0] < probabilities[$1] }!
            let tail = probabilities.indices.first { $0 > mostProbable && probabilities[$0] * Double(length) < 3 }!
            var pooled = [Double](repeating: 0, count: law.count)
            var peakCounts = [Double](repeating: 0, count: length + 1)
            var tailCounts = [Double](repeating: 0, count: length + 1)
            for row in 0..<UInt64(rows) {
                var stream = RandomStream(seed: 5, purpose: .synapseDelays, index: row)
                var total = 0
                var counts = [Int](repeating: 0, count: law.count)
                table.forEachStepCount(law: law, length: length, stream: &stream) { step, count in
                    #expect(counts[step - law.minimumStep] == 0 && count > 0)
                    counts[step - law.minimumStep] = count
                    total += count
                }
                #expect(total == length)
                for (column, count) in counts.enumerated() { pooled[column] += Double(count) }
                peakCounts[counts[mostProbable]] += 1
                tailCounts[counts[tail]] += 1
            }
            let synapses = Double(rows * length)
            #expect(Self.chiSquareExcess(observed: pooled, expected: probabilities.map { $0 * synapses }) < 0)
            for (column, observed) in [(mostProbable, peakCounts), (tail, tailCounts)] {
                let n = Double(length), p = probabilities[column]
                let expected = (0...length).map { k -> Double in
                    let logPMF = lgamma(n + 1) - lgamma(Double(k) + 1) - lgamma(n - Double(k) + 1)
                        + Double(k) * log(p) + (n - Double(k)) * log1p(-p)
                    return Double(rows) * exp(logPMF)
                }
                #expect(Self.chiSquareExcess(observed: observed, expected: expected) < 0, "mean \(mean), step column \(column)")
            }
        }
    }

    /// A narrow law far from its clipping point has steps of probability 0 (the lognormal's
    /// lower tail underflows): every conditional probability is still in [0, 1], and the walk
    /// ends inside the law with all synapses placed.
    @Test func multinomialWalkHandlesStepsOfProbabilityZero() throws {
        var table = DelayStepTable()
        let law = try table.law(mean: 100, standardDeviation: 5, minimumDelay: 0.1, distribution: .lognormalClipped, resolution: 0.1)
        let probabilities = try DelayStepTable.stepProbabilities(
            key: .init(mean: 100, standardDeviation: 5, minimumDelay: 0.1), distribution: .lognormalClipped, resolution: 0.1).values
        #expect(probabilities.contains(0))
        let bins = table.bins[law.offset ..< law.offset + law.count]
        #expect(bins.allSatisfy { $0.conditionalProbability >= 0 && $0.conditionalProbability <= 1 })
        for row in 0..<UInt64(100) {
            var stream = RandomStream(seed: 6, purpose: .synapseDelays, index: row)
            var total = 0
            table.forEachStepCount(law: law, length: 2 * law.multinomialFromLength, stream: &stream) { step, count in
                #expect(step >= law.minimumStep && step <= law.maximumStep)
                total += count
            }
            #expect(total == 2 * law.multinomialFromLength)
        }
    }

    @Test func normalQuantileTableIsCloseToTheExactQuantile() {
        // Φ⁻¹(0.025) and Φ⁻¹(1e-10) to 1e-13 (values from mpmath).
        #expect(abs(NormalQuantileTable.quantile(0.025) + 1.959963984540054) < 1e-13)
        #expect(abs(NormalQuantileTable.quantile(1e-10) + 6.361340902404056) < 1e-12)
        let table = NormalQuantileTable.shared
        func exact(_ u: UInt32) -> Double {
            u < 1 << 31 ? NormalQuantileTable.quantile((Double(u) + 0.5) * 0x1p-32)
                : -NormalQuantileTable.quantile((Double(~u) + 0.5) * 0x1p-32)
        }
        var largest = 0.0
        // Random draws (mostly central cells), then both tails (p < 1/64): every u below 4,096
        // (the Acklam part and the narrowest cells), and on a stride of 101 up to 2²⁶, which
        // visits every tail cell.
        for counter in 0..<UInt64(2_000_000) {
            let u = UInt32(truncatingIfNeeded: RandomStream.output(key: 3, counter: counter) >> 32)
            largest = max(largest, abs(table.deviate(u) - exact(u)))
        }
        for u in Array(UInt32(0)..<4096) + Array(stride(from: UInt32(4096), to: 1 << 26, by: 101)) {
            largest = max(largest, abs(table.deviate(u) - exact(u)), abs(table.deviate(~u) - exact(~u)))
        }
        #expect(largest < 1e-6)
        // Symmetric: the upper tail is the lower one mirrored.
        #expect(table.deviate(12_345) == -table.deviate(~12_345))
    }

    /// Both branches of the binomial sampler (inversion for n·p < 10, BTRS above, and p > 1/2
    /// mirrored) against the exact pmf; 10⁵ draws each.
    @Test func binomialDeviatesFollowTheBinomialLaw() {
        for (trials, probability) in [(30, 0.1), (1_000, 0.3), (5_000_000, 1.0 / 13_000), (60, 0.5), (50, 0.9)] {
            var stream = RandomStream(seed: 11, purpose: .synapseRows, index: UInt64(trials))
            let draws = 100_000
            let n = Double(trials), p = probability
            let mean = n * p, sd = (n * p * (1 - p)).squareRoot()
            let low = max(0, Int(mean - 8 * sd)), high = min(trials, Int(mean + 8 * sd) + 1)
            var observed = [Double](repeating: 0, count: high - low + 1)
            for _ in 0..<draws {
                let k = stream.binomial(trials: trials, probability: probability)
                observed[min(max(k, low), high) - low] += 1
            }
            let expected = (low...high).map { k -> Double in
                let logPMF = lgamma(n + 1) - lgamma(Double(k) + 1) - lgamma(n - Double(k) + 1)
                    + Double(k) * log(p) + (n - Double(k)) * log1p(-p)
                return Double(draws) * exp(logPMF)
            }
            #expect(Self.chiSquareExcess(observed: observed, expected: expected) < 0, "n \(trials), p \(probability)")
        }
    }

    @Test func poissonCountsFollowThePoissonLaw() {
        for mean in [0.1, 1.839, 12.5] {
            let table = PoissonCountTable(mean: mean)
            let draws = 1_000_000
            var observed = [Double](repeating: 0, count: 80)
            for counter in 0..<UInt64(draws) {
                observed[min(table.count(RandomStream.output(key: 5, counter: counter)), 79)] += 1
            }
            let expected = (0..<80).map { k in Double(draws) * exp(-mean + Double(k) * log(mean) - lgamma(Double(k) + 1)) }
            #expect(Self.chiSquareExcess(observed: observed, expected: expected) < 0)
        }
    }

    static func spikes(_ network: Network, threads: Int, storedRows: Bool = false, duration: Double = 300) throws -> SpikeRecord {
        try run(network, threads: threads, storedRows: storedRows, duration: duration).spikes
    }

    static func run(_ network: Network, threads: Int, storedRows: Bool = false,
                    duration: Double = 300) throws -> (result: SimulationResult, spikes: SpikeRecord) {
        var parameters = SimulationParameters()
        parameters.duration = duration
        parameters.threads = threads
        parameters.connectivity = .procedural
        let simulation = try Simulation(network: network, parameters: parameters, connectivity: storedRows ? { partition throws(InputError) in
            let indexing = NeuronIndexing(neuronCounts: network.neuronCounts)
            return .stored(try ProceduralConnectivity(network: network, parameters: parameters, indexing: indexing,
                                                      partition: partition, threads: partition.threadCount)
                .materialize(partition: partition))
        } : nil)
        return try simulation.runKeepingSpikes()
    }

    /// The procedural engine and the stored engine fed the same synapses give the same spikes,
    /// and neither depends on the thread count (2 threads cut at the area boundary, 3 inside
    /// areas: exchange every step). One pathway has rows of ~2,000 synapses, so that both ways
    /// of drawing a row's delays (per synapse, and per step as a multinomial) are compared.
    @Test func proceduralAndMaterializedRowsGiveIdenticalSpikesOnAnyThreadCount() throws {
        var network = TestNetworks.small()
        let recurrent = network.layout.index(areaIndex: 0, layer: .layer23, cellType: .excitatory)
        let element = recurrent * network.populationCount + recurrent
        network.synapseCounts[element] = network.neuronCounts[recurrent] * 2_000
        network.weights[element] = 2
        network.weightSDs[element] = 0.2
        let (rows, _) = try Self.connectivity(network)
        let pathway = rows.pathways.firstIndex { $0.source == recurrent && $0.target == recurrent }!
        let lengths = (0..<network.neuronCounts[recurrent]).map {
            rows.rowLength(source: recurrent, local: $0, column: rows.pathwayColumns[pathway])
        }
        #expect(lengths.contains { $0 >= rows.pathways[pathway].delay.multinomialFromLength })
        #expect(rows.pathways.contains { $0.synapses > 0 && $0.delay.multinomialFromLength > $0.synapses })
        let procedural = try Self.spikes(network, threads: 1)
        #expect(procedural.count > 1000)
        #expect(try Self.spikes(network, threads: 1, storedRows: true) == procedural)
        #expect(try Self.spikes(network, threads: 2) == procedural)
        #expect(try Self.spikes(network, threads: 3) == procedural)
        #expect(try Self.spikes(network, threads: 3, storedRows: true) == procedural)
    }

    /// A row's synapses of one delay beyond a segment's 255 (rows of ~2,000 synapses with delays
    /// of 1.5 ± 0.05 ms, from the busiest population) are queued as several segments, and
    /// deliver the same events and spikes as the stored engine fed the same synapses.
    @Test func manySynapsesOfOneDelayTakeSeveralSegments() throws {
        var network = TestNetworks.small()
        let counts = try Self.run(network, threads: 1).result.populationSpikeCounts
        let source = counts.indices.max { counts[$0] < counts[$1] }!
        let target = network.layout.index(areaIndex: 0, layer: .layer23, cellType: .excitatory)
        let element = target * network.populationCount + source
        network.synapseCounts[element] = network.neuronCounts[source] * 2_000
        network.weights[element] = network.layout.population(at: source).cellType == .excitatory ? 2 : -2
        network.weightSDs[element] = 0.2
        network.delayMeans[element] = 1.5
        network.delaySDs[element] = 0.05
        let (rows, _) = try Self.connectivity(network)
        let pathway = rows.pathways.firstIndex { $0.source == source && $0.target == target }!
        let histogram = UnsafeMutablePointer<UInt16>.allocate(capacity: rows.delayColumns)
        histogram.initialize(repeating: 0, count: rows.delayColumns)
        defer { histogram.deallocate() }
        var largest = 0
        rows.forEachDelay(pathway: pathway, local: 0, length: rows.rowLength(source: source, local: 0, column: rows.pathwayColumns[pathway]),
                          histogram: histogram) { _, _, count in largest = max(largest, count) }
        #expect(largest > RowSegment.maximumCount)
        let procedural = try Self.run(network, threads: 1)
        #expect(procedural.result.populationSpikeCounts[source] > 100)
        let stored = try Self.run(network, threads: 1, storedRows: true)
        #expect(stored.result.work.synapticEvents == procedural.result.work.synapticEvents)
        #expect(stored.spikes == procedural.spikes)
        #expect(try Self.spikes(network, threads: 2) == procedural.spikes)
    }

    @Test func autoStoresSmallNetworksAndRegeneratesLargeOnes() {
        let small = TestNetworks.small()
        #expect(ConnectivityMode.auto.resolved(network: small, rule: .fixedTotalNumber) == .stored)
        #expect(ConnectivityMode.procedural.resolved(network: small, rule: .fixedTotalNumber) == .procedural)
        var large = small
        large.synapseCounts = small.synapseCounts.map { $0 * 1_000_000 }
        #expect(ConnectivityMode.auto.resolved(network: large, rule: .fixedTotalNumber) == .procedural)
        #expect(ConnectivityMode.auto.resolved(network: large, rule: .fixedIndegree) == .stored)
    }

    @Test func fixedIndegreeIsRefusedProcedurally() {
        var parameters = SimulationParameters()
        parameters.connectionRule = .fixedIndegree
        parameters.connectivity = .procedural
        #expect(throws: InputError.self) { try Simulation(network: TestNetworks.small(), parameters: parameters) }
    }
}

extension ProceduralConnectivity.Pathway {
    /// The pathway's element in the network's target × source matrices.
    var streamIndexElement: Int { Int(streamIndex) }
}

extension Network {
    /// Synapses of all pathways with a non-zero weight (those the engine connects).
    var pathwaySynapsesWithWeight: Int {
        synapseCounts.indices.reduce(0) { $0 + (weights[$1] != 0 ? synapseCounts[$1] : 0) }
    }
}
