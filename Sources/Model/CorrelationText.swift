import Foundation

/// A correlation coefficient for reports: 4 significant digits (trailing zeros kept), or
/// "undefined" for NaN.
public func correlationText(_ r: Double) -> String {
    r.isNaN ? "undefined" : String(format: "%#.4g", r)
}
