/*
 * Finding the operator's text in a line-mode "operator command" event buffer. The event is
 * an SNA general data stream: an MDS message unit (GDS id 0x1310) holding a CP-MSU (0x1212)
 * holding a text-data vector (0x1320), whose self-defining-text subvector (key 0x31) holds
 * the text-message subvector (key 0x30). Hercules and QEMU wrap the text differently
 * around that path, so the parser walks the vectors rather than assuming offsets.
 * Pure C: unit-tested on the host.
 * Covered by tests/unit/test_sclp_gds.c and tests/unit/test_vsclp.c.
 */
#ifndef ARCH_SCLP_GDS_H
#define ARCH_SCLP_GDS_H

#include <stddef.h>
#include <stdint.h>

/*
 * sclp_gds_find_text - locate the EBCDIC command text in an event buffer's data
 * @data: the bytes after the 6-byte event-buffer header
 * @len: their count
 * @text: set to the first text byte
 * Returns the text length, or -1 when the structure is malformed or has no text.
 */
int sclp_gds_find_text(const uint8_t *data, size_t len, const uint8_t **text);

#endif
