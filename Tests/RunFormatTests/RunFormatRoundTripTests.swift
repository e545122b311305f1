import Foundation
import Model
import Testing
import TestSupport
@testable import RunFormat

/// Every run file read back as written.
@Suite struct RunFormatRoundTripTests {
    func scratch() -> URL {
        let url = Fixtures.temporaryRoot.appendingPathComponent("humam-runformat-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Spikes of 1000 steps: neuron n fires in step s when (n · 7 + s) mod 13 == 0.
    static let steps: [(stamp: Int32, neurons: [Int32])] = (1...1000).map { (stamp: Int) -> (stamp: Int32, neurons: [Int32]) in
        let neurons: [Int32] = (0..<50).filter { (neuron: Int) -> Bool in (neuron * 7 + stamp) % 13 == 0 }.map { Int32($0) }
        return (Int32(stamp), neurons)
    }

    @Test func decimalParsingIsCorrectlyRounded() throws {
        // Times must equal Python's float() (correctly rounded) for the original's comparisons.
        let text = "1\t0.100\n1\t1999.900\n1\t123456.789\n1\t1e2\n1\t0.30000000000000004\n"
        var columns = NESTSpikeFiles.Columns()
        try Array(text.utf8).withUnsafeBufferPointer { try NESTSpikeFiles.parse($0, source: "x", into: &columns) }
        #expect(columns.times == [0.1, 1999.9, 123456.789, 100, 0.30000000000000004])
    }


    @Test func binarySpikesReadBackInChunks() throws {
        let folder = scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("spikes.bin")
        let writer = try BinarySpikeFile.Writer(url: url, resolution: 0.1, duration: 100, neuronCount: 50)
        for step in Self.steps { try step.neurons.withUnsafeBufferPointer { try writer.append(neurons: $0, stamp: step.stamp) } }
        try writer.finish()
        let reader = try BinarySpikeFile.Reader(url: url)
        let expected = Self.steps.flatMap { step in step.neurons.map { BinarySpikeFile.Spike(neuron: $0, stamp: step.stamp) } }
        #expect(reader.header == BinarySpikeFile.Header(resolution: 0.1, duration: 100, neuronCount: 50, spikeCount: expected.count))
        // A chunk size that does not divide the count.
        var read: [BinarySpikeFile.Spike] = []
        var chunks = 0
        try reader.forEachChunk(chunkSpikes: 333) { chunk in read += chunk; chunks += 1 }
        #expect(read == expected)
        #expect(chunks == (expected.count + 332) / 333)
    }

    @Test func unfinishedAndOutOfRangeBinaryFilesAreRefused() throws {
        let folder = scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("spikes.bin")
        // Written but never finished (a killed run, here after its first MiB had reached the
        // disk): the header announces 0 spikes.
        let writer = try BinarySpikeFile.Writer(url: url, resolution: 0.1, duration: 100, neuronCount: 50)
        let neurons = [Int32](0..<50)
        for stamp in 1...3000 { try neurons.withUnsafeBufferPointer { try writer.append(neurons: $0, stamp: Int32(stamp / 3 + 1)) } }
        withExtendedLifetime(writer) {}
        #expect { _ = try BinarySpikeFile.Reader(url: url) } throws: { "\($0)".contains("is it complete") }
        // A neuron beyond the header's count, and a stamp beyond the duration.
        for (neuron, stamp, message) in [(Int32(50), Int32(5), "neuron 50"), (Int32(1), Int32(1001), "stamp 1001")] {
            let bad = try BinarySpikeFile.Writer(url: url, resolution: 0.1, duration: 100, neuronCount: 50)
            try [neuron].withUnsafeBufferPointer { try bad.append(neurons: $0, stamp: stamp) }
            try bad.finish()
            #expect { try BinarySpikeFile.Reader(url: url).forEachChunk { _ in } } throws: { "\($0)".contains(message) }
        }
    }

    @Test func nestASCIISpikesReadBackAsNESTPrintsThem() throws {
        let folder = scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("spike_recorder-51-0.dat")
        let writer = try NESTSpikeFiles.Writer(url: url, resolution: 0.1, humamVersion: "test")
        for step in Self.steps { try step.neurons.withUnsafeBufferPointer { try writer.append(neurons: $0, stamp: step.stamp) } }
        try writer.finish()
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
        #expect(lines[2] == "sender\ttime_ms")
        // Neuron 11 fires at stamp 1, printed as NEST does: GID 12 at "0.100" ms.
        #expect(lines[3] == "12\t0.100")
        let columns = try NESTSpikeFiles.read([url])
        #expect(columns.senders == Self.steps.flatMap { $0.neurons.map { $0 + 1 } })
        // Three decimals read back correctly rounded: tics / 1000.
        #expect(columns.times == Self.steps.flatMap { step in step.neurons.map { _ in Double(100 * Int(step.stamp)) / 1000 } })
    }

    @Test func populationGIDsReadBackAsWritten() throws {
        let layout = PopulationLayout(areas: ["a", "b"])
        var counts = [Int](repeating: 3, count: layout.count)
        counts[1] = 0
        counts[9] = 5
        let written = PopulationGIDs(layout: layout, neuronCounts: counts)
        let text = written.text
        #expect(text.hasPrefix("('a', 'II/III', 'E');1;3\n('a', 'IV', 'E');4;6\n"))
        let read = try PopulationGIDs.parse(text, source: "population_GIDs.dat", layout: layout)
        #expect(read == written)
    }

    @Test func runRecordReadsBackAndCorruptRecordsAreNamed() throws {
        let folder = scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("run.json")
        let record = RunRecord(humamVersion: "1.0", networkHash: "n", simulationHash: "s",
                               simulationParameters: SimulationParameters(), networkParameters: NetworkParameters(),
                               threads: 2, exchangeSteps: 10, neurons: 100, synapses: 1000, connectivity: .procedural,
                               spikes: 7, setupSeconds: 1.5, simulateSeconds: 2.5, peakMemoryBytes: nil,
                               meanRateHz: nil, rateWindowStartMs: 500)
        try record.jsonData().write(to: url)
        let read = try RunRecord.read(url)
        #expect(try read.jsonData() == record.jsonData())
        #expect(read.meanRateHz == nil && read.connectivity == .procedural)
        try Data("{\"humam_version\": \"1.0\", ".utf8).write(to: url)
        #expect { _ = try RunRecord.read(url) } throws: { "\($0)".contains(url.path) && "\($0)".contains("is corrupt: not readable as a run record") }
        try Data("{\"humam_version\": \"1.0\"}".utf8).write(to: url)
        #expect { _ = try RunRecord.read(url) } throws: { "\($0)".contains("field 'network_hash'") }
    }
}
