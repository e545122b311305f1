#pragma once
#include <cblas.h>
#include <stddef.h>

/* Fortran LAPACK routines exported by libopenblas (Debian bookworm ships no lapack.h
   without liblapacke-dev). Character arguments carry hidden trailing length arguments. */
void dgesv_(const int *n, const int *nrhs, double *a, const int *lda,
            int *ipiv, double *b, const int *ldb, int *info);
void dgetrf_(const int *m, const int *n, double *a, const int *lda, int *ipiv, int *info);
void dgetrs_(const char *trans, const int *n, const int *nrhs, const double *a, const int *lda,
             const int *ipiv, double *b, const int *ldb, int *info, size_t trans_len);
void dgeev_(const char *jobvl, const char *jobvr, const int *n, double *a, const int *lda,
            double *wr, double *wi, double *vl, const int *ldvl, double *vr, const int *ldvr,
            double *work, const int *lwork, int *info, size_t jobvl_len, size_t jobvr_len);
void openblas_set_num_threads(int num_threads);
int openblas_get_num_threads(void);

/* humam runs OpenBLAS on one thread, in the whole process. With several, OpenBLAS splits a
   product by its size and the thread count, which changes the summation order: the same
   dsyrk gives other last bits with 2 threads than with 1 (e.g. 44 of the 5050 entries of a
   100 x 100 correlation of 1500 bins), so a result would depend on the machine, and on any
   code that changes the count meanwhile. Every function that calls BLAS or LAPACK calls this
   first; only the first call changes anything. */
static inline void humam_blas_use_one_thread(void) {
    if (openblas_get_num_threads() != 1) openblas_set_num_threads(1);
}
