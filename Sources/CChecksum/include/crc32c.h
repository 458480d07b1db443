#ifndef SITEGEN_CRC32C_H
#define SITEGEN_CRC32C_H

#include <stddef.h>
#include <stdint.h>

/// Whether this processor computes CRC-32C itself (x86-64 with SSE 4.2).
int sitegen_crc32c_hardware_available(void);

/// CRC-32C of `count` bytes, continuing from the inverted running value
/// `crc` (as the table code keeps it); only when the hardware has it.
uint32_t sitegen_crc32c_hardware(uint32_t crc, const void *bytes, size_t count);

#endif
