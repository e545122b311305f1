import Foundation

/// Pearson correlation coefficient of two equally long samples (NaN, undefined, when either has
/// no spread), computed from centred values: Σ(x − x̄)(y − ȳ) / √(Σ(x − x̄)² Σ(y − ȳ)²).
/// A constant sample is recognised exactly: its mean can differ from its value in the last bit,
/// which would otherwise give a correlation of rounding noise (e.g. −2.6e-18).
public func pearsonCorrelation(_ x: [Double], _ y: [Double]) -> Double {
    precondition(x.count == y.count, "samples of different length")
    if x.allSatisfy({ $0 == x.first }) || y.allSatisfy({ $0 == y.first }) { return .nan }
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

/// A correlation coefficient for reports: 4 significant digits (trailing zeros kept), or
/// "undefined" for NaN.
public func correlationText(_ r: Double) -> String {
    r.isNaN ? "undefined" : String(format: "%#.4g", r)
}
