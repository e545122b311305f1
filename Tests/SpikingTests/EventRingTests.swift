import Testing
@testable import Spiking

/// The event ring against a plain list per arrival step: order, growth of the pool by blocks
/// (which must not move what is stored), reuse of cleared chunks, appends during a walk.
@Suite struct EventRingTests {
    @Test func eventsComeBackInOrderAcrossPoolGrowth() {
        let horizon = 100
        let ring = EventRing<Int>(horizon: horizon)
        var expected = [[Int]](repeating: [], count: horizon + 1)
        // Three blocks' worth and more, spread unevenly over the slots, so that the pool grows
        // while slots hold partly filled chunks.
        let perBlock = EventRing<Int>.chunksPerBlock * EventRing<Int>.chunkSize
        let total = 3 * perBlock + 12_345
        for index in 0..<total {
            let step = (index * index + 7 * index) % (horizon + 1)
            ring.append(index, step: step)
            expected[step].append(index)
        }
        #expect(ring.blockCount >= 4)
        for step in 0...horizon {
            var seen: [Int] = []
            ring.forEach(step: step) { seen.append($0) }
            #expect(seen == expected[step], "step \(step)")
        }
    }

    /// Row segments lie 7 bytes apart (their size, not their stride of 8), unaligned, and come
    /// back whole, every field, across chunks and blocks.
    @Test func rowSegmentsArePackedBySize() {
        #expect(EventRing<RowSegment>.elementSize == 7)
        let ring = EventRing<RowSegment>(horizon: 3)
        let total = 2 * EventRing<RowSegment>.chunksPerBlock * EventRing<RowSegment>.chunkSize + 99
        func segment(_ index: Int) -> RowSegment {
            RowSegment(row: UInt32(truncatingIfNeeded: index &* 2_654_435_761), first: UInt16(truncatingIfNeeded: index &* 40_503),
                       count: UInt8(truncatingIfNeeded: index &* 157))
        }
        for index in 0..<total { ring.append(segment(index), step: index % 4) }
        #expect(ring.blockCount >= 2)
        for step in 0..<4 {
            var index = step, wrong = 0
            ring.forEach(step: step) { stored in
                let drawn = segment(index)
                if stored.row != drawn.row || stored.first != drawn.first || stored.count != drawn.count { wrong += 1 }
                index += 4
            }
            #expect(wrong == 0 && index >= total, "step \(step)")
        }
    }

    @Test func clearedChunksAreReusedWithoutGrowth() {
        let ring = EventRing<Int>(horizon: 10)
        let perBlock = EventRing<Int>.chunksPerBlock * EventRing<Int>.chunkSize
        func fill(_ round: Int) {
            for index in 0..<(2 * perBlock) { ring.append(round * 10_000_000 + index, step: index % 11) }
        }
        fill(0)
        let blocks = ring.blockCount
        for step in 0...10 { ring.clear(step: step) }
        for step in 0...10 {
            var count = 0
            ring.forEach(step: step) { _ in count += 1 }
            #expect(count == 0)
        }
        fill(1)
        #expect(ring.blockCount == blocks, "a refill after clearing takes the freed chunks")
        var first: Int?
        ring.forEach(step: 3) { if first == nil { first = $0 } }
        #expect(first == 10_000_000 + 3)
    }

    /// Slot `step & mask`: a step and the step a ring size later share a slot, so the engine
    /// clears a slot before reusing it; appends while walking another slot land in theirs.
    @Test func appendsDuringAWalkLandInTheirSlot() {
        let ring = EventRing<Int>(horizon: 5)  // 8 slots
        for index in 0..<1000 { ring.append(index, step: 2) }
        ring.forEach(step: 2) { ring.append($0 * 2, step: 4) }
        var doubled: [Int] = []
        ring.forEach(step: 4) { doubled.append($0) }
        #expect(doubled == (0..<1000).map { $0 * 2 })
        var wrapped: [Int] = []
        ring.forEach(step: 2 + 8) { wrapped.append($0) }
        #expect(wrapped == Array(0..<1000))
        ring.clear(step: 10)
        var empty = 0
        ring.forEach(step: 2) { _ in empty += 1 }
        #expect(empty == 0)
    }
}
