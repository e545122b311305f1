extension Network {
    /// Area-level indegrees (areas × areas, target × source): Σ over target and source
    /// populations of the indegree K = N_syn / N_target, as the original's
    /// `figure_connectivity_matrices.calculate_indegrees` groups them.
    public var areaIndegrees: [Double] {
        let areaCount = layout.areas.count, count = populationCount
        var indegrees = [Double](repeating: 0, count: areaCount * areaCount)
        for target in 0..<count where neuronCounts[target] > 0 {
            let targetArea = layout.areaIndex(ofPopulation: target)
            for source in 0..<count {
                indegrees[targetArea * areaCount + layout.areaIndex(ofPopulation: source)] += indegree(target: target, source: source)
            }
        }
        return indegrees
    }

    /// `areaIndegrees` with every row (target area) divided by its sum: the share of each source
    /// area in a target area's internal input.
    public var relativeAreaIndegrees: [Double] {
        let areaCount = layout.areas.count
        var indegrees = areaIndegrees
        for target in 0..<areaCount {
            let total = indegrees[target * areaCount..<(target + 1) * areaCount].reduce(0, +)
            for source in 0..<areaCount where total > 0 { indegrees[target * areaCount + source] /= total }
        }
        return indegrees
    }
}
