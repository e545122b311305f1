import COpenBLAS

/// The two LAPACK calls the theory needs, on row-major n × n matrices.
enum DenseLinearAlgebra {
    /// Solution x of A x = b (LAPACK dgesv, LU with partial pivoting), or nil if A is singular.
    static func solve(rowMajor matrix: [Double], size n: Int, rightHandSide: [Double]) -> [Double]? {
        // dgesv is column-major: pass Aᵀ's storage transposed back, i.e. transpose explicitly.
        var columnMajor = [Double](repeating: 0, count: n * n)
        for i in 0..<n { for j in 0..<n { columnMajor[j * n + i] = matrix[i * n + j] } }
        var solution = rightHandSide
        var order = Int32(n), columns: Int32 = 1, leading = Int32(n), leadingB = Int32(n), info: Int32 = 0
        var pivots = [Int32](repeating: 0, count: n)
        dgesv_(&order, &columns, &columnMajor, &leading, &pivots, &solution, &leadingB, &info)
        return info == 0 ? solution : nil
    }

    /// Eigenvalues (real, imaginary parts) of a general matrix (LAPACK dgeev without vectors),
    /// or nil if the QR algorithm fails.
    static func eigenvalues(rowMajor matrix: [Double], size n: Int) -> (real: [Double], imaginary: [Double])? {
        guard n > 0 else { return ([], []) }
        // Eigenvalues of Aᵀ equal those of A, so the row-major storage can be passed as is.
        var a = matrix
        var order = Int32(n), leading = Int32(n), one: Int32 = 1, info: Int32 = 0
        var real = [Double](repeating: 0, count: n)
        var imaginary = [Double](repeating: 0, count: n)
        var leftVectors = [Double](repeating: 0, count: 1)  // not referenced (jobvl = N)
        var rightVectors = [Double](repeating: 0, count: 1)
        var noVectors = CChar(UInt8(ascii: "N"))
        var workSize = 0.0
        var query: Int32 = -1
        dgeev_(&noVectors, &noVectors, &order, &a, &leading, &real, &imaginary, &leftVectors, &one, &rightVectors, &one,
               &workSize, &query, &info, 1, 1)
        guard info == 0 else { return nil }
        var workLength = Int32(workSize)
        var work = [Double](repeating: 0, count: Int(workLength))
        dgeev_(&noVectors, &noVectors, &order, &a, &leading, &real, &imaginary, &leftVectors, &one, &rightVectors, &one,
               &work, &workLength, &info, 1, 1)
        return info == 0 ? (real, imaginary) : nil
    }
}
