/// The two-sample Kolmogorov–Smirnov statistic D = sup_x |F₁(x) − F₂(x)| of two samples'
/// empirical distribution functions F(x) = #{values ≤ x} / n (Smirnov 1939; two-sided, as
/// `scipy.stats.ks_2samp`'s statistic): both samples sorted, the functions compared at every
/// value of either.
public enum KolmogorovSmirnov {
    /// D of `first` and `second`; nil where a sample is empty or holds NaN (undefined).
    public static func statistic(_ first: [Double], _ second: [Double]) -> Double? {
        guard !first.isEmpty, !second.isEmpty, !first.contains(where: \.isNaN), !second.contains(where: \.isNaN) else {
            return nil
        }
        let a = first.sorted(), b = second.sorted()
        let countA = Double(a.count), countB = Double(b.count)
        var i = 0, j = 0
        var largest = 0.0
        while i < a.count && j < b.count {
            let x = min(a[i], b[j])
            while i < a.count && a[i] <= x { i += 1 }
            while j < b.count && b[j] <= x { j += 1 }
            largest = max(largest, abs(Double(i) / countA - Double(j) / countB))
        }
        return largest
    }
}
