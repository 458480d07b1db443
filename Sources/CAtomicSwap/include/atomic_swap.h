#ifndef SITEGEN_ATOMIC_SWAP_H
#define SITEGEN_ATOMIC_SWAP_H

/// Atomically exchanges two paths (Linux renameat2 with RENAME_EXCHANGE), so
/// a reader of either path never finds it missing. Returns 0 on success, or
/// -1 with errno set (ENOSYS or EINVAL where the kernel or file system lacks
/// it; the caller then falls back to two renames).
int sitegen_exchange_paths(const char *first, const char *second);

#endif
