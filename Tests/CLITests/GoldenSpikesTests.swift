import Foundation
import Testing
import TestSupport
@testable import humam
import Model

/// A golden checksum of the spikes: `humam simulate` of a small fixed network and seed must write
/// exactly the `spikes.bin` it wrote when the checksums below were pinned, for 1 and 2 threads
/// and for stored and procedural connectivity. Any change to the spikes must be deliberate.
///
/// The checksums may legitimately change when the network (its data, construction or
/// down-scaling), the random streams, the order in which numbers are drawn, the neuron update or
/// the spike file's layout change on purpose; rounding changes in the engine change them too.
/// Then check the change with the validations that do not pin bits (DownscaledValidationTests,
/// `scripts/validate-nest`), and update: run
/// `swift test --filter GoldenSpikesTests`, take the measured values from the failure message
/// ("spikes.bin FNV-1a 64 = 0x…"), and pin them here under a new engine version: raise
/// `EngineVersion.current` by one and add its entry to `pinnedByEngine` (never edit an old entry),
/// saying in the commit why the spikes changed. The thread count must never change them (README,
/// "Determinism").
@Suite struct GoldenSpikesTests {
    /// FNV-1a 64 of spikes.bin of `humam simulate --scaling 0.001 --t-sim 300 --seed 2903` (with
    /// the original's full-scale rates for the DC), per engine version and connectivity. An
    /// engine version's spikes never change, so each entry is written once.
    static let pinnedByEngine: [Int: [String: UInt64]] = [
        1: ["stored": 0x9483_def8_4854_379e, "procedural": 0x2bfd_ff1a_a72a_dd0a],
    ]

    /// The checksums of this build's engine.
    static var pinned: [String: UInt64] { pinnedByEngine[EngineVersion.current] ?? [:] }

    @Test func everyEngineVersionHasItsOwnSpikes() {
        // The current engine is the newest pinned one, and no two engines share a checksum: new
        // spikes pinned without raising the engine version fail here or in the test below.
        #expect(Self.pinnedByEngine.keys.max() == EngineVersion.current)
        #expect(Self.pinned.keys.sorted() == ["procedural", "stored"])
        let checksums = Self.pinnedByEngine.values.flatMap(\.values)
        #expect(Set(checksums).count == checksums.count)
        // `humam --version` names the engine.
        #expect(Humam.configuration.version.hasPrefix("\(Humam.version) (engine \(EngineVersion.current), commit "))
    }

    /// FNV-1a, 64 bits (Fowler, Noll, Vo): a simple checksum that sees every byte and its order.
    static func fnv1a64(_ bytes: Data) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    @Test func checksumOfKnownBytes() {
        // The published test vectors of FNV-1a 64.
        #expect(Self.fnv1a64(Data()) == 0xcbf2_9ce4_8422_2325)
        #expect(Self.fnv1a64(Data("a".utf8)) == 0xaf63_dc4c_8601_ec8c)
        #expect(Self.fnv1a64(Data("foobar".utf8)) == 0x8594_4171_f739_67e8)
    }

    @Test(arguments: ["stored", "procedural"], [1, 2])
    func spikesEqualThePinnedChecksum(connectivity: String, threads: Int) throws {
        let parent = try Fixtures.temporaryDirectory("humam-golden")
        defer { try? FileManager.default.removeItem(at: parent) }
        let run = parent.appendingPathComponent("run")
        try TinyRuns.simulate(into: run, ["--t-sim", "300", "--seed", "2903", "--threads", "\(threads)",
                                          "--connectivity", connectivity, "--no-figures", "--no-ascii-spikes"])
        let bytes = try Data(contentsOf: run.appendingPathComponent("spikes.bin"))
        let checksum = Self.fnv1a64(bytes)
        #expect(checksum == Self.pinned[connectivity],
                "spikes.bin FNV-1a 64 = 0x\(String(checksum, radix: 16)) (\(connectivity), \(threads) threads, \(bytes.count) bytes)")
        // The run did what was asked (a checksum of an empty run would pin nothing) and says
        // which engine computed it.
        let record = try TinyRuns.jsonObject(run.appendingPathComponent("run.json"))
        #expect(record["engine_version"] as? Int == EngineVersion.current)
        #expect(record["connectivity"] as? String == connectivity && record["threads"] as? Int == threads)
        #expect((record["spikes"] as? Int ?? 0) > 100)
    }
}
