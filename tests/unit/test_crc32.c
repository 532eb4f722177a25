/*
 * Unit tests for lib/crc32.c: the standard check values of CRC-32 (IEEE 802.3, as zlib), and
 * agreement on random data with the two copies it replaced (CP's bitwise sysres_crc32() and
 * CMS's table cmsfs_crc32(), kept here verbatim as oracles), so that SYSRES checkpoints, spool
 * checkpoints and CMS minidisks written before the merge still verify.
 */
#include "cunit_main.h"

#include <lib/crc32.h>
#include <lib/string.h>

/* cp/dasd/sysres.c before the merge. */
static uint32_t old_sysres_crc32(const void *buf, unsigned len)
{
	const uint8_t *p = buf;
	uint32_t crc = 0xffffffffu;

	while (len--) {
		crc ^= *p++;
		for (int k = 0; k < 8; k++)
			crc = (crc >> 1) ^ (0xedb88320u & -(crc & 1));
	}
	return ~crc;
}

/* cms/fs/cmsfs.c before the merge. */
static const uint32_t old_crc_nibble[16] = {
	0x00000000, 0x1db71064, 0x3b6e20c8, 0x26d930ac, 0x76dc4190, 0x6b6b51f4,
	0x4db26158, 0x5005713c, 0xedb88320, 0xf00f9344, 0xd6d6a3e8, 0xcb61b38c,
	0x9b64c2b0, 0x86d3d2d4, 0xa00ae278, 0xbdbdf21c,
};

static uint32_t old_cmsfs_crc32(const void *buf, size_t len)
{
	const uint8_t *p = buf;
	uint32_t crc = 0xffffffffu;

	for (size_t i = 0; i < len; i++) {
		crc ^= p[i];
		crc = (crc >> 4) ^ old_crc_nibble[crc & 15];
		crc = (crc >> 4) ^ old_crc_nibble[crc & 15];
	}
	return ~crc;
}

static uint32_t crc_of(const char *s)
{
	return crc32_ieee(s, strlen(s));
}

static void test_check_values(void)
{
	CU_ASSERT_EQUAL(crc_of("123456789"), 0xcbf43926u);
	CU_ASSERT_EQUAL(crc_of(""), 0x00000000u);
	CU_ASSERT_EQUAL(crc_of("a"), 0xe8b7be43u);
	CU_ASSERT_EQUAL(crc_of("abc"), 0x352441c2u);
	CU_ASSERT_EQUAL(crc_of("The quick brown fox jumps over the lazy dog"), 0x414fa339u);
}

/* 32 bytes of X'00' and of X'FF' (the iSCSI/RFC 3720 patterns, here under CRC-32 IEEE). */
static void test_fixed_patterns(void)
{
	uint8_t b[32];

	memset(b, 0, sizeof(b));
	CU_ASSERT_EQUAL(crc32_ieee(b, sizeof(b)), 0x190a55adu);
	memset(b, 0xff, sizeof(b));
	CU_ASSERT_EQUAL(crc32_ieee(b, sizeof(b)), 0xff6cab0bu);
}

static uint32_t xorshift(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

/* Random buffers of every length up to 600 and of the block sizes both users checksum. */
static void test_same_as_old_copies(void)
{
	static uint8_t buf[4096];
	static const unsigned blocks[] = { 508, 512, 1020, 2044, 4092, 4096 };
	uint32_t seed = 0x12345678u;
	unsigned bad = 0;

	for (unsigned round = 0; round < 4; round++) {
		for (unsigned i = 0; i < sizeof(buf); i++)
			buf[i] = (uint8_t)xorshift(&seed);
		for (unsigned len = 0; len <= 600; len++) {
			uint32_t want = crc32_ieee(buf + round, len);

			bad += want != old_sysres_crc32(buf + round, len);
			bad += want != old_cmsfs_crc32(buf + round, len);
		}
		for (unsigned i = 0; i < sizeof(blocks) / sizeof(blocks[0]); i++) {
			uint32_t want = crc32_ieee(buf, blocks[i]);

			bad += want != old_sysres_crc32(buf, blocks[i]);
			bad += want != old_cmsfs_crc32(buf, blocks[i]);
		}
	}
	CU_ASSERT_EQUAL(bad, 0);
}

UNIT_SUITE(crc32_suite, UNIT_CASE(test_check_values), UNIT_CASE(test_fixed_patterns),
	   UNIT_CASE(test_same_as_old_copies))
UNIT_MAIN(UNIT_REG(crc32_suite))
