// The C helpers the study's sources import; not published with them, written for humam's copy.
#include <immintrin.h>
static inline void nt_store_line(void *destination, const void *source) {
    _mm512_stream_si512((__m512i *)destination, _mm512_loadu_si512(source));
}
static inline void prefetch_read(const void *address) { _mm_prefetch((const char *)address, _MM_HINT_T0); }
static inline void store_fence(void) { _mm_sfence(); }
