import Model
/// Spearman's rank correlation: Pearson's r of the ranks, ties getting their average rank
/// (as `scipy.stats.spearmanr`).
public enum RankCorrelation {
    /// Ranks 1…n, tied values sharing the mean of their positions.
    public static func averageRanks(_ values: [Double]) -> [Double] {
        let order = values.indices.sorted { values[$0] < values[$1] }
        var ranks = [Double](repeating: 0, count: values.count)
        var start = 0
        while start < order.count {
            var end = start
            while end + 1 < order.count && values[order[end + 1]] == values[order[start]] { end += 1 }
            let rank = Double(start + end) / 2 + 1
            for position in start...end { ranks[order[position]] = rank }
            start = end + 1
        }
        return ranks
    }

    /// NaN (undefined) when either sample holds an undefined value, as Pearson's r of the same
    /// samples: ranks would order NaN arbitrarily and give a number.
    public static func spearman(_ x: [Double], _ y: [Double]) -> Double {
        guard !x.contains(where: \.isNaN), !y.contains(where: \.isNaN) else { return .nan }
        return PearsonCorrelation.coefficient(averageRanks(x), averageRanks(y))
    }
}
