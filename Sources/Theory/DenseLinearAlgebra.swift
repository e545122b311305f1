import COpenBLAS

/// The two LAPACK calls the theory needs, on row-major n × n matrices (on one OpenBLAS thread,
/// `humam_blas_use_one_thread`; 254 × 254 LU and QR also run fastest so: 0.4 ms against
/// 0.4–3.6 ms on two busy cores).
enum DenseLinearAlgebra {
    /// Solution x of A x = b (LAPACK dgetrf + dgetrs, LU with partial pivoting), or nil if A is
    /// singular. `matrix` (row-major) is overwritten by the factors: its storage is Aᵀ in LAPACK's
    /// column-major view, so Aᵀ is factorised and solved transposed, without copying.
    static func solve(rowMajor matrix: inout [Double], size n: Int, rightHandSide: [Double]) -> [Double]? {
        humam_blas_use_one_thread()
        var solution = rightHandSide
        var order = Int32(n), columns: Int32 = 1, leading = Int32(n), info: Int32 = 0
        var pivots = [Int32](repeating: 0, count: n)
        dgetrf_(&order, &order, &matrix, &leading, &pivots, &info)
        guard info == 0 else { return nil }
        var transposed = CChar(UInt8(ascii: "T"))
        dgetrs_(&transposed, &order, &columns, matrix, &leading, pivots, &solution, &leading, &info, 1)
        return info == 0 ? solution : nil
    }

    /// Eigenvalues (real, imaginary parts) of a general matrix (LAPACK dgeev without vectors),
    /// or nil if the QR algorithm fails.
    static func eigenvalues(rowMajor matrix: [Double], size n: Int) -> (real: [Double], imaginary: [Double])? {
        guard n > 0 else { return ([], []) }
        humam_blas_use_one_thread()
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
