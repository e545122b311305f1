// The module's only function is static inline in include/prefetch.h; SwiftPM needs a source file.
#include "prefetch.h"
