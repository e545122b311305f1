import Foundation
import Model
import Testing
import TestSupport
@testable import RunFormat

/// The checkpoint file reads back as written, and any damage is refused, naming the file.
@Suite struct CheckpointFileTests {
    static let checkpoint = Checkpoint(
        humamVersion: "0.1.0", networkHash: "c915a4618497a6b6a0c80cc6b7b02745", simulationHash: "0123456789abcdef0123456789abcdef",
        replacesRun: true, binarySpikeBytes: BinarySpikeFile.headerBytes + 8 * 5, asciiSpikeBytes: 1234,
        state: SimulationState(
            step: 1000, potentials: [-3.5, 0, .leastNonzeroMagnitude], excitatoryCurrents: [1, 2, 3.25],
            inhibitoryCurrents: [-4, -0.0, 6], refractoryCountdowns: [0, 20, 3], externalSpikeTimes: [1000.5, .infinity],
            externalStreamStates: [0xDEAD_BEEF_0123_4567, 42],
            recentSpikes: [BinarySpikeFile.Spike(neuron: 2, stamp: 990), BinarySpikeFile.Spike(neuron: 0, stamp: 1000)],
            spikeCount: 5, populationSpikeCounts: [3, 0, 2], simulateSeconds: 12.5))

    @Test func checkpointsReadBackAsWritten() throws {
        let folder = Fixtures.temporaryRoot.appendingPathComponent("humam-checkpoint-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("checkpoint.bin")
        try CheckpointFile.write(Self.checkpoint, to: url)
        #expect(try CheckpointFile.read(url) == Self.checkpoint)
        var withoutASCII = Self.checkpoint
        withoutASCII.asciiSpikeBytes = nil
        withoutASCII.replacesRun = false
        try CheckpointFile.write(withoutASCII, to: url)
        #expect(try CheckpointFile.read(url) == withoutASCII)
        // The rename left nothing else behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["checkpoint.bin"])
    }

    /// A checkpoint that cannot be written is an error naming the file, and leaves nothing behind.
    @Test func unwritableCheckpointsAreAClearError() throws {
        let folder = Fixtures.temporaryRoot.appendingPathComponent("humam-unwritable-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // A file where the checkpoint's folder should be.
        let blocker = folder.appendingPathComponent("run.partial")
        try Data("a user's file".utf8).write(to: blocker)
        let url = blocker.appendingPathComponent("checkpoint.bin")
        #expect { try CheckpointFile.write(Self.checkpoint, to: url) } throws: {
            "\($0)".hasPrefix("\(url.path): cannot be written")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["run.partial"])
        #expect(try Data(contentsOf: blocker) == Data("a user's file".utf8))
    }

    /// Every single flipped bit and every truncation is found.
    @Test func everyDamageIsRefused() throws {
        let bytes = CheckpointFile.encode(Self.checkpoint)
        #expect(try CheckpointFile.decode(bytes, file: "c") == Self.checkpoint)
        for index in bytes.indices {
            for bit in [0, 7] {
                var damaged = bytes
                damaged[index] ^= 1 << bit
                #expect(throws: InputError.self) { try CheckpointFile.decode(damaged, file: "c") }
            }
            #expect(throws: InputError.self) { try CheckpointFile.decode(Array(bytes[..<index]), file: "c") }
        }
        var otherVersion = bytes
        otherVersion[8] = 1
        #expect { try CheckpointFile.decode(otherVersion, file: "c") } throws: {
            "\($0)" == "c: is a checkpoint of format version 1; this humam reads version 2: finish the run with the humam that started it, or start it again"
        }
    }

    /// A spike file continued from a checkpoint loses what followed it and goes on from there.
    @Test func spikeFilesContinueFromACheckpoint() throws {
        let folder = Fixtures.temporaryRoot.appendingPathComponent("humam-continue-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("spikes.bin")
        let neurons: [Int32] = [1, 4]
        let writer = try BinarySpikeFile.Writer(url: url, resolution: 0.1, duration: 1, neuronCount: 5)
        try neurons.withUnsafeBufferPointer { try writer.append(neurons: $0, stamp: 3) }
        try writer.synchronize()
        #expect(writer.byteCount == BinarySpikeFile.headerBytes + 16)
        try neurons.withUnsafeBufferPointer { try writer.append(neurons: $0, stamp: 5) }
        try writer.finish()
        // Continued after the first spike: the spikes of stamp 5 and the second of stamp 3 go.
        let continued = try BinarySpikeFile.Writer(continuing: url, spikeCount: 1)
        try [Int32(2)].withUnsafeBufferPointer { try continued.append(neurons: $0, stamp: 7) }
        try continued.finish()
        var read: [BinarySpikeFile.Spike] = []
        try BinarySpikeFile.Reader(url: url).forEachChunk { read += $0 }
        #expect(read == [BinarySpikeFile.Spike(neuron: 1, stamp: 3), BinarySpikeFile.Spike(neuron: 2, stamp: 7)])
        #expect { try BinarySpikeFile.Writer(continuing: url, spikeCount: 10) } throws: {
            "\($0)".hasPrefix(url.path + ": has 64 bytes, fewer than the 128 the checkpoint counts")
        }
    }
}
