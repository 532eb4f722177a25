/*
 * CRC-32 (IEEE 802.3, reflected; see lib/crc32.h), four bits at a time from a 16-entry table:
 * small enough for the freestanding images, fast enough for CMS's metadata blocks.
 * Covered by tests/unit/test_crc32.c.
 */
#include <lib/crc32.h>

/* The remainder of each nibble value, reflected polynomial X'EDB88320'. */
static const uint32_t crc_nibble[16] = {
	0x00000000, 0x1db71064, 0x3b6e20c8, 0x26d930ac, 0x76dc4190, 0x6b6b51f4,
	0x4db26158, 0x5005713c, 0xedb88320, 0xf00f9344, 0xd6d6a3e8, 0xcb61b38c,
	0x9b64c2b0, 0x86d3d2d4, 0xa00ae278, 0xbdbdf21c,
};

/**
 * crc32_ieee() - CRC-32 (IEEE 802.3, as zlib) of a buffer.
 * @buf: the bytes
 * @len: how many
 *
 * Return: the CRC; "123456789" gives 0xcbf43926, no bytes give 0.
 */
uint32_t crc32_ieee(const void *buf, size_t len)
{
	const uint8_t *p = buf;
	uint32_t crc = 0xffffffffu;

	for (size_t i = 0; i < len; i++) {
		crc ^= p[i];
		crc = (crc >> 4) ^ crc_nibble[crc & 15];
		crc = (crc >> 4) ^ crc_nibble[crc & 15];
	}
	return ~crc;
}
