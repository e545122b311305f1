import Foundation
import Model

/// The full-scale theory rates that a down-scaled network's DC compensation needs, solved once
/// and kept in humam's cache folder: `$HUMAM_CACHE`, else `$XDG_CACHE_HOME/humam`, else
/// `~/.cache/humam`, as `fullscale-theory/<key>.csv`. The key hashes everything that changes the
/// rates: the full-scale network (its content hash), the solver options, humam's version and its engine version (`EngineVersion`). A
/// cache that cannot be written is skipped with a note; nothing is written next to the user's
/// files.
public struct FullScaleRatesCache: Sendable {
    public let folder: URL

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        if let explicit = environment["HUMAM_CACHE"], !explicit.isEmpty {
            folder = URL(fileURLWithPath: explicit)
        } else if let xdg = environment["XDG_CACHE_HOME"], !xdg.isEmpty {
            folder = URL(fileURLWithPath: xdg).appendingPathComponent("humam")
        } else {
            folder = FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache/humam")
        }
    }

    /// Which fixed point fed the rates, for the user: how many the theory found, and the chosen
    /// one's trials, stability and mean rate.
    public struct Choice: Sendable {
        public var rates: [Double]
        /// The cache file the rates were read from or written to (nil: not cached).
        public var file: URL?
        /// What was solved and chosen (nil when read from the cache).
        public var description: String?
    }

    /// The full-scale rates for `parameters` (N_scaling = K_scaling = 1, everything else as
    /// given): read from the cache, or solved (`StationaryRates.solve`, fixed point reached by
    /// most trials) and stored.
    public func rates(data: ModelData, parameters: NetworkParameters, options: TheoryOptions = TheoryOptions(),
                      humamVersion: String) throws(InputError) -> Choice {
        let fullScale = try Network.build(data: data, parameters: parameters.atFullScale)
        var key = ContentHash()
        key.combine(fullScale.contentHash)
        key.combine("\(options.trials) \(options.seed) \(options.initialRateRangeHz) \(options.toleranceHz) \(options.maximumIterations) \(options.maximumNewtonIterations) \(options.initialPseudoTimeStep) \(options.includeDCDrive) \(String(describing: options.initialRates))")
        key.combine(humamVersion)
        key.combine("engine \(EngineVersion.current)")
        let file = folder.appendingPathComponent("fullscale-theory").appendingPathComponent("\(key.hexDigest).csv")
        if FileManager.default.fileExists(atPath: file.path) {
            do {
                let rates = try PopulationTable.readRates(file, of: fullScale)
                return Choice(rates: rates, file: file, description: nil)
            } catch {
                throw InputError("\(error) (this is humam's cache of the full-scale theory: delete it to recompute the rates)")
            }
        }
        let result = StationaryRates.solve(network: fullScale, options: options)
        guard let rates = result.rates, let chosen = result.fixedPoints.firstIndex(where: { $0.rates == rates }) else {
            throw InputError("the mean-field theory found no fixed point of the full-scale network, which the DC compensation of a down-scaled network needs; give full-scale rates with --fullscale-rates FILE (humam theory --trials N may find one)")
        }
        let point = result.fixedPoints[chosen]
        let meanRate = PopulationRate.neuronWeightedMean(rates, neuronCounts: fullScale.neuronCounts,
                                                         populations: fullScale.nonEmptyPopulations)
        let stability = point.stability.map { $0.isStable ? "stable" : "unstable" } ?? "stability not computed"
        var description = String(format: "full-scale theory: %ld fixed point(s) from %ld trial(s); the DC compensation uses fixed point %ld (%ld trial(s), %@, %.4g spikes/s per neuron)",
                                 result.fixedPoints.count, result.trials.count, chosen + 1, point.trials.count, stability, meanRate)
        if result.fixedPoints.count > 1 { description += "; give --fullscale-rates FILE (from humam theory --out) to use another" }
        do {
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try AtomicFile.write(PopulationTable.text(rates, valueColumn: "rate_hz", layout: fullScale.layout,
                                                      indices: fullScale.nonEmptyPopulations), to: file)
            return Choice(rates: rates, file: file, description: description)
        } catch {
            return Choice(rates: rates, file: nil, description: description + "; not cached (\(error))")
        }
    }
}
