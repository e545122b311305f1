/// A synaptic event waiting for its arrival step: where it goes in `NeuronState.input` and its
/// PSC amplitude (pA).
struct SynapticEvent {
    var targetCode: UInt32
    var weight: Float
}

/// Events indexed by arrival step modulo a power of two larger than the longest delay: slot
/// `step & mask` holds what arrives in `step`. Each slot is a growable array that keeps its
/// capacity, so memory is proportional to the events in flight, not to neurons × delay, and no
/// allocation happens once the network has settled. Owned by one thread.
final class EventRing<Element>: @unchecked Sendable {
    struct Slot {
        var elements: UnsafeMutablePointer<Element>
        var count: Int
        var capacity: Int
    }

    let mask: Int
    let slots: UnsafeMutablePointer<Slot>

    /// A ring that holds events up to `horizon` steps ahead.
    init(horizon: Int, initialCapacity: Int = 16) {
        var size = 1
        while size <= horizon { size <<= 1 }
        mask = size - 1
        slots = .allocate(capacity: size)
        for index in 0..<size {
            slots[index] = Slot(elements: .allocate(capacity: initialCapacity), count: 0, capacity: initialCapacity)
        }
    }

    deinit {
        for index in 0...mask { slots[index].elements.deallocate() }
        slots.deallocate()
    }

    var slotCount: Int { mask + 1 }

    @inline(__always)
    func append(_ element: Element, step: Int) {
        let slot = slots + (step & mask)
        if slot.pointee.count == slot.pointee.capacity { grow(slot) }
        (slot.pointee.elements + slot.pointee.count).initialize(to: element)
        slot.pointee.count &+= 1
    }

    private func grow(_ slot: UnsafeMutablePointer<Slot>) {
        let capacity = slot.pointee.capacity * 2
        let elements = UnsafeMutablePointer<Element>.allocate(capacity: capacity)
        elements.moveInitialize(from: slot.pointee.elements, count: slot.pointee.count)
        slot.pointee.elements.deallocate()
        slot.pointee.elements = elements
        slot.pointee.capacity = capacity
    }

    /// The events arriving in `step`; call `clear(step:)` when done.
    @inline(__always)
    func events(step: Int) -> UnsafeBufferPointer<Element> {
        let slot = slots[step & mask]
        return UnsafeBufferPointer(start: slot.elements, count: slot.count)
    }

    @inline(__always)
    func clear(step: Int) {
        slots[step & mask].count = 0
    }

    /// Bytes held by the slot buffers.
    var allocatedBytes: Int {
        var total = 0
        for index in 0...mask { total += slots[index].capacity * MemoryLayout<Element>.stride }
        return total
    }
}
