/// A synaptic event waiting for its arrival step: where it goes in `NeuronState.input` and its
/// PSC amplitude (pA).
struct SynapticEvent {
    var targetCode: UInt32
    var weight: Float
}

/// The synapses of one procedural row that share a delay, waiting for their arrival step:
/// positions `first ..< first + count` of the row of `pathway` from the `local`-th neuron of its
/// source population (`ProceduralConnectivity`).
struct RowSegment {
    var pathway: UInt32
    var local: UInt32
    var first: UInt16
    var count: UInt16
}

/// Events indexed by arrival step modulo a power of two larger than the longest delay: slot
/// `step & mask` holds what arrives in `step`. A slot is a linked list of fixed-size chunks
/// from a pool shared by all slots; a cleared slot returns its chunks to the pool. Memory is
/// therefore proportional to the events in flight (plus at most one partly filled chunk per
/// slot), not to slots × the busiest step, and nothing is allocated once the pool is large
/// enough. Owned by one thread.
final class EventRing<Element>: @unchecked Sendable {
    static var chunkSize: Int { 64 }
    let mask: Int
    /// Chunk storage: chunk c holds elements `c * chunkSize ..< (c + 1) * chunkSize`.
    private var storage: UnsafeMutablePointer<Element>
    /// Next chunk of the same list, −1 at the end.
    private var nextChunk: UnsafeMutablePointer<Int32>
    private var chunkCapacity: Int
    private var chunksInUse = 0
    /// Head of the list of free chunks, −1 if none.
    private var freeChunk: Int32 = -1
    /// Per slot: first and last chunk (−1 when empty) and elements in the last chunk.
    private let head: UnsafeMutablePointer<Int32>
    private let tail: UnsafeMutablePointer<Int32>
    private let tailCount: UnsafeMutablePointer<Int>

    /// A ring that holds events up to `horizon` steps ahead.
    init(horizon: Int, initialChunks: Int = 64) {
        var size = 1
        while size <= horizon { size <<= 1 }
        mask = size - 1
        chunkCapacity = initialChunks
        storage = .allocate(capacity: initialChunks * Self.chunkSize)
        nextChunk = .allocate(capacity: initialChunks)
        head = .allocate(capacity: size)
        head.initialize(repeating: -1, count: size)
        tail = .allocate(capacity: size)
        tail.initialize(repeating: -1, count: size)
        tailCount = .allocate(capacity: size)
        tailCount.initialize(repeating: Self.chunkSize, count: size)
    }

    deinit {
        storage.deallocate()
        nextChunk.deallocate()
        head.deallocate()
        tail.deallocate()
        tailCount.deallocate()
    }

    var slotCount: Int { mask + 1 }

    @inline(__always)
    func append(_ element: Element, step: Int) {
        let slot = step & mask
        if tailCount[slot] == Self.chunkSize { startChunk(slot: slot) }
        (storage + (Int(tail[slot]) &* Self.chunkSize &+ tailCount[slot])).initialize(to: element)
        tailCount[slot] &+= 1
    }

    /// Appends a fresh chunk to `slot`'s list.
    private func startChunk(slot: Int) {
        let chunk = takeChunk()
        nextChunk[Int(chunk)] = -1
        if tail[slot] < 0 { head[slot] = chunk } else { nextChunk[Int(tail[slot])] = chunk }
        tail[slot] = chunk
        tailCount[slot] = 0
    }

    private func takeChunk() -> Int32 {
        if freeChunk >= 0 {
            let chunk = freeChunk
            freeChunk = nextChunk[Int(chunk)]
            return chunk
        }
        if chunksInUse == chunkCapacity {
            let capacity = chunkCapacity * 2
            let newStorage = UnsafeMutablePointer<Element>.allocate(capacity: capacity * Self.chunkSize)
            newStorage.moveInitialize(from: storage, count: chunkCapacity * Self.chunkSize)
            storage.deallocate()
            storage = newStorage
            let newNext = UnsafeMutablePointer<Int32>.allocate(capacity: capacity)
            newNext.moveInitialize(from: nextChunk, count: chunkCapacity)
            nextChunk.deallocate()
            nextChunk = newNext
            chunkCapacity = capacity
        }
        chunksInUse += 1
        return Int32(chunksInUse - 1)
    }

    /// Calls `body` for every event arriving in `step`, in the order they were appended. `body`
    /// may append to other slots (the pool may then move, so it is re-read for every element).
    @inline(__always)
    func forEach(step: Int, _ body: (Element) -> Void) {
        let slot = step & mask
        var chunk = head[slot]
        let last = tail[slot]
        while chunk >= 0 {
            let count = chunk == last ? tailCount[slot] : Self.chunkSize
            let start = Int(chunk) &* Self.chunkSize
            for index in 0..<count { body(storage[start &+ index]) }
            chunk = nextChunk[Int(chunk)]
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

    /// Bytes held by the chunk pool.
    var allocatedBytes: Int { chunkCapacity * (Self.chunkSize * MemoryLayout<Element>.stride + 4) }
}
