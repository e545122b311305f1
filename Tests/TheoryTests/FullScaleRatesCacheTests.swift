import Foundation
import Model
import Testing
import TestSupport
@testable import Theory

/// The full-scale rates of a down-scaled network's DC compensation: solved once, kept in the
/// cache folder (never next to the user's files), keyed by version, and said which fixed point.
@Suite struct FullScaleRatesCacheTests {
    @Test func ratesAreSolvedOnceAndCachedInTheCacheFolder() throws {
        let base = try Fixtures.temporaryDirectory("humam-cache")
        defer { try? FileManager.default.removeItem(at: base) }
        let data = try ModelData.load(from: Fixtures.dataDirectory)
        var parameters = NetworkParameters()
        parameters.downscaling.neuronScaling = 0.006
        parameters.downscaling.indegreeScaling = 0.006
        let cache = FullScaleRatesCache(environment: ["HUMAM_CACHE": base.path])
        let solved = try cache.rates(data: data, parameters: parameters, humamVersion: "1")
        // Solved: the description names the chosen fixed point; chi 1 has one, stable.
        let description = try #require(solved.description)
        #expect(description.contains("1 fixed point(s)") && description.contains("uses fixed point 1") && description.contains("stable"))
        let file = try #require(solved.file)
        #expect(file.path.hasPrefix(base.appendingPathComponent("fullscale-theory").path))
        // Read back: the same rates, bit for bit, without solving.
        let read = try cache.rates(data: data, parameters: parameters, humamVersion: "1")
        #expect(read.description == nil && read.file == file && read.rates == solved.rates)
        // Another version, or other network parameters, get another entry.
        #expect(try cache.rates(data: data, parameters: parameters, humamVersion: "2").file != file)
        // An unwritable cache (a file where the folder should be) still gives the rates.
        let blocked = base.appendingPathComponent("blocked")
        try Data().write(to: blocked)
        let uncached = try FullScaleRatesCache(environment: ["HUMAM_CACHE": blocked.path])
            .rates(data: data, parameters: parameters, humamVersion: "1")
        #expect(uncached.file == nil && uncached.rates == solved.rates && uncached.description?.contains("not cached") == true)
        #expect(FullScaleRatesCache(environment: ["XDG_CACHE_HOME": "/x"]).folder.path == "/x/humam")
    }
}
