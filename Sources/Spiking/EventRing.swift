import CPrefetch

/// A synaptic event waiting for its arrival step: where it goes in `NeuronState.input` and its
/// PSC amplitude (pA).
struct SynapticEvent {
    var targetCode: UInt32
    var weight: Float
}

/// The synapses of one procedural row that share a delay, waiting for their arrival step:
/// positions `first ..< first + count` of the row `row` (`ProceduralConnectivity.rowCode`: its
/// pathway and the source neuron within its population, packed into 32 bits). 7 bytes in an
/// `EventRing` (which packs elements by size, not stride): the segments in flight are most of a
/// full-scale run's memory at high activity, where a segment carries 3.7 synapses; a row's
/// synapses of one delay beyond `maximumCount` take several segments.
struct RowSegment {
    var row: UInt32
    var first: UInt16
    var count: UInt8

    static let maximumCount = Int(UInt8.max)
}

/// Events indexed by arrival step modulo a power of two larger than the longest delay: slot
/// `step & mask` holds what arrives in `step`. A slot is a linked list of fixed-size chunks
/// from a pool shared by all slots; a cleared slot returns its chunks to the pool. Memory is
/// therefore proportional to the events in flight (plus at most one partly filled chunk per
/// slot), not to slots × the busiest step, and nothing is allocated once the pool is large
/// enough. The pool grows by blocks that never move: growing copies nothing, so the old and the
/// new pool are never held at once (at full scale the pool's peak, the burst at t = 0, is the
/// run's peak memory). Elements lie `MemoryLayout<Element>.size` bytes apart, unaligned: a
/// `RowSegment` takes 7 bytes, not its stride of 8. Owned by one thread.
final class EventRing<Element: BitwiseCopyable>: @unchecked Sendable {
    static var chunkSize: Int { 64 }
    /// Chunks per block, 2^blockShift (a block holds `chunksPerBlock · chunkSize` elements).
    static var blockShift: Int { 10 }
    static var chunksPerBlock: Int { 1 << blockShift }
    /// Bytes per element.
    static var elementSize: Int { MemoryLayout<Element>.size }
    let mask: Int
    /// The blocks: chunk c holds elements `(c mod chunksPerBlock) · chunkSize ..< + chunkSize`
    /// of block `c / chunksPerBlock`.
    private var blocks: UnsafeMutablePointer<UnsafeMutableRawPointer>
    private var blockCapacity = 1
    /// Blocks allocated so far (the pool only grows).
    private(set) var blockCount = 0
    /// Next chunk of the same list, −1 at the end.
    private var nextChunk: UnsafeMutablePointer<Int32>
    private var chunksInUse = 0
    /// Head of the list of free chunks, −1 if none.
    private var freeChunk: Int32 = -1
    /// Per slot: first and last chunk (−1 when empty) and elements in the last chunk.
    private let head: UnsafeMutablePointer<Int32>
    private let tail: UnsafeMutablePointer<Int32>
    private let tailCount: UnsafeMutablePointer<Int>
    /// Per slot: where its last chunk's elements are (meaningful once the slot has a chunk).
    private let tailElements: UnsafeMutablePointer<UnsafeMutableRawPointer>

    /// A ring that holds events up to `horizon` steps ahead.
    init(horizon: Int) {
        var size = 1
        while size <= horizon { size <<= 1 }
        mask = size - 1
        blocks = .allocate(capacity: blockCapacity)
        nextChunk = .allocate(capacity: 0)
        head = .allocate(capacity: size)
        head.initialize(repeating: -1, count: size)
        tail = .allocate(capacity: size)
        tail.initialize(repeating: -1, count: size)
        tailCount = .allocate(capacity: size)
        tailCount.initialize(repeating: Self.chunkSize, count: size)
        // A full (empty) slot starts a chunk before its first append, so this placeholder is
        // never dereferenced.
        tailElements = .allocate(capacity: size)
        tailElements.initialize(repeating: UnsafeMutableRawPointer(bitPattern: 1)!, count: size)
    }

    deinit {
        for block in 0..<blockCount { blocks[block].deallocate() }
        blocks.deallocate()
        nextChunk.deallocate()
        head.deallocate()
        tail.deallocate()
        tailCount.deallocate()
        tailElements.deallocate()
    }

    /// Where element `index` of chunk `chunk` is.
    @inline(__always)
    private func element(chunk: Int32, index: Int) -> UnsafeMutableRawPointer {
        let chunk = Int(chunk)
        return blocks[chunk >> Self.blockShift] + ((chunk & (Self.chunksPerBlock &- 1)) &* Self.chunkSize &+ index) &* Self.elementSize
    }

    @inline(__always)
    func append(_ element: Element, step: Int) {
        let slot = step & mask
        if tailCount[slot] == Self.chunkSize { startChunk(slot: slot) }
        tailElements[slot].storeBytes(of: element, toByteOffset: tailCount[slot] &* Self.elementSize, as: Element.self)
        tailCount[slot] &+= 1
    }

    /// Appends a fresh chunk to `slot`'s list.
    private func startChunk(slot: Int) {
        let chunk = takeChunk()
        nextChunk[Int(chunk)] = -1
        if tail[slot] < 0 { head[slot] = chunk } else { nextChunk[Int(tail[slot])] = chunk }
        tail[slot] = chunk
        tailCount[slot] = 0
        tailElements[slot] = element(chunk: chunk, index: 0)
    }

    private func takeChunk() -> Int32 {
        if freeChunk >= 0 {
            let chunk = freeChunk
            freeChunk = nextChunk[Int(chunk)]
            return chunk
        }
        if chunksInUse == blockCount * Self.chunksPerBlock {
            if blockCount == blockCapacity {
                let table = UnsafeMutablePointer<UnsafeMutableRawPointer>.allocate(capacity: 2 * blockCapacity)
                table.moveInitialize(from: blocks, count: blockCount)
                blocks.deallocate()
                blocks = table
                blockCapacity *= 2
            }
            blocks[blockCount] = .allocate(byteCount: Self.chunksPerBlock * Self.chunkSize * Self.elementSize,
                                           alignment: MemoryLayout<Element>.alignment)
            // The chunk links are 4 bytes per chunk; copying them on growth is negligible.
            let links = UnsafeMutablePointer<Int32>.allocate(capacity: (blockCount + 1) * Self.chunksPerBlock)
            links.moveInitialize(from: nextChunk, count: chunksInUse)
            nextChunk.deallocate()
            nextChunk = links
            blockCount += 1
        }
        chunksInUse += 1
        return Int32(chunksInUse - 1)
    }

    /// Calls `body` for every event arriving in `step`, in the order they were appended. `body`
    /// may append to other slots (blocks never move, so a chunk's elements stay where they are),
    /// never to this one (it does not change this slot's links).
    ///
    /// The elements of a slot were written up to the longest delay before, so they are rarely
    /// still in cache: the next chunk's link is read and its elements are prefetched before this
    /// chunk's are visited, so that the wait for memory overlaps the work instead of adding to it
    /// at every chunk.
    @inline(__always)
    func forEach(step: Int, _ body: (Element) -> Void) {
        let slot = step & mask
        var chunk = head[slot]
        let last = tail[slot]
        if chunk >= 0 { prefetch(chunk: chunk) }
        while chunk >= 0 {
            let next = nextChunk[Int(chunk)]
            if next >= 0 { prefetch(chunk: next) }
            let count = chunk == last ? tailCount[slot] : Self.chunkSize
            let elements = element(chunk: chunk, index: 0)
            for index in 0..<count { body(elements.loadUnaligned(fromByteOffset: index &* Self.elementSize, as: Element.self)) }
            chunk = next
        }
    }

    /// Prefetches the cache lines of `chunk`'s elements.
    @inline(__always)
    private func prefetch(chunk: Int32) {
        let start = UnsafeRawPointer(element(chunk: chunk, index: 0))
        for offset in stride(from: 0, to: Self.chunkSize &* Self.elementSize, by: 64) {
            humam_prefetch(start + offset)
        }
    }

    /// Empties the slot of `step`, returning its chunks to the pool.
    @inline(__always)
    func clear(step: Int) {
        let slot = step & mask
        guard tail[slot] >= 0 else { return }
        nextChunk[Int(tail[slot])] = freeChunk
        freeChunk = head[slot]
        head[slot] = -1
        tail[slot] = -1
        tailCount[slot] = Self.chunkSize
    }
}
