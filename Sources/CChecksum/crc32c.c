// The processor's own CRC-32C instruction (SSE 4.2): the saved state is
// checked on every build from disk, and eight table lookups per eight
// bytes cost a tenth of a 10,000-article rebuild.
#include "crc32c.h"

#include <string.h>

#if defined(__x86_64__)

int sitegen_crc32c_hardware_available(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("sse4.2");
}

__attribute__((target("sse4.2")))
uint32_t sitegen_crc32c_hardware(uint32_t crc, const void *bytes, size_t count) {
    const unsigned char *p = bytes;
    uint64_t value = crc;
    while (count >= 8) {
        uint64_t word;
        memcpy(&word, p, 8);
        value = __builtin_ia32_crc32di(value, word);
        p += 8;
        count -= 8;
    }
    uint32_t small = (uint32_t)value;
    while (count > 0) {
        small = __builtin_ia32_crc32qi(small, *p);
        p += 1;
        count -= 1;
    }
    return small;
}

#else

int sitegen_crc32c_hardware_available(void) { return 0; }

uint32_t sitegen_crc32c_hardware(uint32_t crc, const void *bytes, size_t count) {
    (void)bytes;
    (void)count;
    return crc;
}

#endif
