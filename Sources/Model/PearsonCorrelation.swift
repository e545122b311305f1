/// Pearson correlation coefficient of two equally long samples (NaN when either has no spread),
/// computed from centred values: Σ(x − x̄)(y − ȳ) / √(Σ(x − x̄)² Σ(y − ȳ)²).
public func pearsonCorrelation(_ x: [Double], _ y: [Double]) -> Double {
    precondition(x.count == y.count, "samples of different length")
    let count = Double(x.count)
    let meanX = x.reduce(0, +) / count, meanY = y.reduce(0, +) / count
    var covariance = 0.0, varianceX = 0.0, varianceY = 0.0
    for index in x.indices {
        let dx = x[index] - meanX, dy = y[index] - meanY
        covariance += dx * dy
        varianceX += dx * dx
        varianceY += dy * dy
    }
    return varianceX > 0 && varianceY > 0 ? covariance / (varianceX * varianceY).squareRoot() : .nan
}
