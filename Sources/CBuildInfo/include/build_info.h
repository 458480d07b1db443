#ifndef SITEGEN_BUILD_INFO_H
#define SITEGEN_BUILD_INFO_H

/// The commit this binary was built from, as `make` passed it to the
/// package manifest (SITEGEN_COMMIT), or "unknown" for a plain `swift build`.
const char *sitegen_build_commit(void);

#endif
