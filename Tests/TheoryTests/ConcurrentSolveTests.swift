import Foundation
import Model
import Testing
import TestSupport
@testable import Theory

/// Solves that overlap in one process (tests, in-process commands) give the same bits as one
/// solve alone: OpenBLAS's thread count is process-wide, and a solve that restored it while
/// another was running changed that one's summation order (seen as a flaky DC drive in
/// `NESTExportTests`); now every BLAS user keeps it at one (`humam_blas_use_one_thread`).
@Suite struct ConcurrentSolveTests {
    @Test func overlappingSolvesAreBitIdentical() throws {
        let network = try Network.build(data: ModelData.load(from: Fixtures.dataDirectory), parameters: NetworkParameters())
        let alone = try #require(StationaryRates.solve(network: network).rates)
        let count = 6
        let results = ResultList(count: count)
        let done = DispatchGroup()
        // One thread each, staggered starts, so that solves finish while others are running.
        for index in 0..<count {
            done.enter()
            Thread.detachNewThread {
                Thread.sleep(forTimeInterval: 0.03 * Double(index))
                results.set(index, StationaryRates.solve(network: network).rates)
                done.leave()
            }
        }
        done.wait()
        for index in 0..<count {
            #expect(results.get(index) == alone, "solve \(index)")
        }
    }
}

private final class ResultList: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [[Double]?]
    init(count: Int) { values = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ value: [Double]?) { lock.lock(); values[index] = value; lock.unlock() }
    func get(_ index: Int) -> [Double]? { lock.lock(); defer { lock.unlock() }; return values[index] }
}
