#pragma once
#include <cblas.h>
#include <stddef.h>

/* Fortran LAPACK routines exported by libopenblas (Debian bookworm ships no lapack.h
   without liblapacke-dev). Character arguments carry hidden trailing length arguments. */
void dgesv_(const int *n, const int *nrhs, double *a, const int *lda,
            int *ipiv, double *b, const int *ldb, int *info);
void dgeev_(const char *jobvl, const char *jobvr, const int *n, double *a, const int *lda,
            double *wr, double *wi, double *vl, const int *ldvl, double *vr, const int *ldvr,
            double *work, const int *lwork, int *info, size_t jobvl_len, size_t jobvr_len);
void openblas_set_num_threads(int num_threads);
int openblas_get_num_threads(void);
