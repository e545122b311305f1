import COpenBLAS
import Model

extension PearsonCorrelation {
    /// Correlation matrix (row-major `count × count`) of `count` series of length `length`, stored
    /// row by row in `series`, through BLAS: every series standardized, then one `dsyrk` gives all
    /// coefficients (what `np.corrcoef` and pandas' `DataFrame.corr` compute). A constant series
    /// has NaN correlations (as pandas), 1 on its diagonal only if it varies.
    public static func matrix(series: [Double], count: Int, length: Int) -> [Double] {
        precondition(series.count == count * length)
        var standardizedRows = [Double](repeating: 0, count: count * length)
        var constant = [Bool](repeating: false, count: count)
        for row in 0..<count {
            let values = Array(series[row * length..<(row + 1) * length])
            let scaled = standardized(values)
            constant[row] = scaled.allSatisfy { $0 == 0 }
            standardizedRows.replaceSubrange(row * length..<(row + 1) * length, with: scaled)
        }
        var result = [Double](repeating: 0, count: count * count)
        humam_blas_use_one_thread()
        cblas_dsyrk(CblasRowMajor, CblasUpper, CblasNoTrans, Int32(count), Int32(length), 1,
                    standardizedRows, Int32(length), 0, &result, Int32(count))
        for i in 0..<count {
            for j in i..<count {
                let value = constant[i] || constant[j] ? Double.nan : min(max(result[i * count + j], -1), 1)
                result[i * count + j] = value
                result[j * count + i] = value
            }
        }
        return result
    }
}
