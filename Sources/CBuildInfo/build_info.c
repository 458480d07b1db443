#include "build_info.h"

#ifndef SITEGEN_COMMIT
#define SITEGEN_COMMIT "unknown"
#endif

const char *sitegen_build_commit(void) { return SITEGEN_COMMIT; }
