/// Pearson correlation from centred values: r = Σ(x − x̄)(y − ȳ) / √(Σ(x − x̄)² Σ(y − ȳ)²), NaN
/// (undefined) when either sample has no spread. A constant sample is recognised exactly: its
/// mean can differ from its value in the last bit, which would otherwise give a correlation of
/// rounding noise (e.g. −2.6e-18). Correlation matrices through BLAS are in Analysis
/// (`PearsonCorrelation.matrix`).
public enum PearsonCorrelation {
    /// `series` minus its mean; nil when the series is constant (or empty).
    public static func centred(_ series: [Double]) -> [Double]? {
        guard let first = series.first, !series.allSatisfy({ $0 == first }) else { return nil }
        let mean = series.reduce(0, +) / Double(series.count)
        return series.map { $0 - mean }
    }

    /// `series` centred and divided by the norm of the result; all zeros when it is constant.
    public static func standardized(_ series: [Double]) -> [Double] {
        guard var centred = centred(series) else { return [Double](repeating: 0, count: series.count) }
        var squares = 0.0
        for value in centred { squares += value * value }
        let norm = squares.squareRoot()
        if norm > 0 { for index in centred.indices { centred[index] /= norm } }
        return centred
    }

    /// The correlation coefficient of two equally long samples.
    public static func coefficient(_ x: [Double], _ y: [Double]) -> Double {
        precondition(x.count == y.count, "samples of different length")
        guard let dx = centred(x), let dy = centred(y) else { return .nan }
        var covariance = 0.0, varianceX = 0.0, varianceY = 0.0
        for index in dx.indices {
            covariance += dx[index] * dy[index]
            varianceX += dx[index] * dx[index]
            varianceY += dy[index] * dy[index]
        }
        return varianceX > 0 && varianceY > 0 ? covariance / (varianceX * varianceY).squareRoot() : .nan
    }
}
