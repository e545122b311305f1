/// Counts calls from one thread (e.g. the simulation's thread 0 asking whether to stop).
public final class Counter: @unchecked Sendable {
    private var count = 0
    public init() {}
    public func increment() -> Int {
        count += 1
        return count
    }
}
