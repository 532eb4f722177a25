/*
 * CRC-32 as IEEE 802.3 and zlib compute it (reflected, polynomial X'EDB88320', initial and
 * final value X'FFFFFFFF'; "123456789" gives X'CBF43926'). CP's SYSRES checkpoint and spool
 * checkpoint and the CMS file system's block trailers are checksummed with it.
 * Covered by tests/unit/test_crc32.c.
 */
#ifndef LIB_CRC32_H
#define LIB_CRC32_H

#include <stddef.h>
#include <stdint.h>

uint32_t crc32_ieee(const void *buf, size_t len);

#endif /* LIB_CRC32_H */
