#ifndef HUMAM_PREFETCH_H
#define HUMAM_PREFETCH_H

/// Asks the CPU to bring the cache line at `address` into its caches for reading (a hint: it
/// changes no value and cannot fault). Clang's __builtin_prefetch, which compiles to the
/// architecture's prefetch instruction (x86-64 PREFETCHT0, arm64 PRFM), so it is portable.
static inline void humam_prefetch(const void *address) {
    __builtin_prefetch(address, 0, 3);
}

#endif
