/*
 * Unit tests for cp/dasd/sysres.c, CP's checkpoint header on the SYSRES volume: the block
 * round trip, each kind of damage, and the IPL and SHUTDOWN steps on fake volumes
 * (tests/unit/fake_hw.c) with their messages: new, clean, not clean, damaged, no SYSRES.
 */
#include <string.h>

#include "cunit_main.h"

#include <cp/dasd.h>
#include <cp/sysres.h>
#include <lib/crc32.h>
#include <lib/endian.h>
#include "fake_hw.h"

#define TOD_S(s) ((uint64_t)(s) * 1000000 << 12)

static char said[8][200];
static unsigned nsaid;

static void say(const char *line)
{
	if (nsaid < 8)
		strncpy(said[nsaid++], line, sizeof(said[0]) - 1);
}

static bool said_prefix(const char *p)
{
	for (unsigned i = 0; i < nsaid; i++)
		if (strncmp(said[i], p, strlen(p)) == 0)
			return true;
	return false;
}

static uint8_t *hdr_block(void)
{
	return fake_blks[0].data + SYSRES_HDR_BLOCK * 512;
}

/* VM64RS and VM64U1 online, as SYSTEM CONFIG has them. */
static void volumes(void)
{
	fake_blk_reset();
	fake_blk_add(0x0100, 16384, "VM64RS");
	fake_blk_add(0x0101, 262144, "VM64U1");
	dasd_init(&cp_sysconfig, NULL);
	memset(said, 0, sizeof(said));
	nsaid = 0;
}

static void test_round_trip(void)
{
	struct sysres_hdr h = { .version = SYSRES_HDR_VERSION, .flags = SYSRES_FLAG_CLEAN,
				.sysname = "VM64", .ipl_tod = 0x1234567890abcdefULL,
				.shutdown_tod = 42, .ipl_count = 7 }, out;
	uint8_t b[512];

	sysres_encode(&h, b);
	CU_ASSERT_EQUAL(b[0], 0xe5); /* EBCDIC V */
	CU_ASSERT_EQUAL_FATAL(sysres_decode(b, &out), SYSRES_GOOD);
	CU_ASSERT_STRING_EQUAL(out.sysname, "VM64");
	CU_ASSERT_EQUAL(out.ipl_tod, h.ipl_tod);
	CU_ASSERT_EQUAL(out.shutdown_tod, 42);
	CU_ASSERT_EQUAL(out.ipl_count, 7);
	CU_ASSERT_EQUAL(out.flags, SYSRES_FLAG_CLEAN);
	/* the standard check value of CRC-32 */
	CU_ASSERT_EQUAL(crc32_ieee("123456789", 9), 0xcbf43926u);
}

static void test_damage(void)
{
	struct sysres_hdr h = { .version = SYSRES_HDR_VERSION, .sysname = "VM64" }, out;
	uint8_t b[512];

	memset(b, 0, sizeof(b));
	CU_ASSERT_EQUAL(sysres_decode(b, &out), SYSRES_BLANK);
	sysres_encode(&h, b);
	b[100] ^= 1; /* a byte no field names is still checksummed */
	CU_ASSERT_EQUAL(sysres_decode(b, &out), SYSRES_BAD_CRC);
	sysres_encode(&h, b);
	b[30] ^= 0x80;
	CU_ASSERT_EQUAL(sysres_decode(b, &out), SYSRES_BAD_CRC);
	sysres_encode(&h, b);
	b[1] = 0;
	CU_ASSERT_EQUAL(sysres_decode(b, &out), SYSRES_BAD_MAGIC);
	h.version = 2;
	sysres_encode(&h, b);
	CU_ASSERT_EQUAL(sysres_decode(b, &out), SYSRES_BAD_VERSION);
}

static void test_ipl_shutdown_cycle(void)
{
	struct sysres_hdr out;

	volumes();
	/* a new volume: created, then marked as running */
	CU_ASSERT_EQUAL(sysres_ipl(&cp_sysconfig, TOD_S(100), say), SYSRES_BLANK);
	CU_ASSERT(said_prefix("VMCDAS010I Volume VM64RS: CP checkpoint header created"));
	CU_ASSERT_EQUAL_FATAL(sysres_decode(hdr_block(), &out), SYSRES_GOOD);
	CU_ASSERT_EQUAL(out.ipl_tod, TOD_S(100));
	CU_ASSERT_EQUAL(out.ipl_count, 1);
	CU_ASSERT_FALSE(out.flags & SYSRES_FLAG_CLEAN);
	/* a SHUTDOWN marks it clean; the next IPL says so and is quiet about a crash */
	CU_ASSERT_EQUAL(sysres_shutdown(TOD_S(200), say), 0);
	CU_ASSERT_EQUAL_FATAL(sysres_decode(hdr_block(), &out), SYSRES_GOOD);
	CU_ASSERT(out.flags & SYSRES_FLAG_CLEAN);
	CU_ASSERT_EQUAL(out.shutdown_tod, TOD_S(200));
	nsaid = 0;
	CU_ASSERT_EQUAL(sysres_ipl(&cp_sysconfig, TOD_S(300), say), SYSRES_GOOD);
	CU_ASSERT(said_prefix("VMCDAS013I The last run of the system ended with SHUTDOWN at "));
	CU_ASSERT_FALSE(said_prefix("VMCDAS012W"));
	CU_ASSERT_EQUAL_FATAL(sysres_decode(hdr_block(), &out), SYSRES_GOOD);
	CU_ASSERT_EQUAL(out.ipl_count, 2);
	CU_ASSERT_EQUAL(out.shutdown_tod, TOD_S(200));
	CU_ASSERT_FALSE(out.flags & SYSRES_FLAG_CLEAN);
	/* no SHUTDOWN (the emulator killed): the next IPL says the last run did not end well */
	nsaid = 0;
	CU_ASSERT_EQUAL(sysres_ipl(&cp_sysconfig, TOD_S(400), say), SYSRES_GOOD);
	CU_ASSERT(said_prefix("VMCDAS012W The last run of the system (IPL at "));
	CU_ASSERT_FALSE(said_prefix("VMCDAS013I"));
	CU_ASSERT_EQUAL_FATAL(sysres_decode(hdr_block(), &out), SYSRES_GOOD);
	CU_ASSERT_EQUAL(out.ipl_count, 3);
}

static void test_damaged_is_rewritten(void)
{
	struct sysres_hdr out;

	volumes();
	sysres_ipl(&cp_sysconfig, TOD_S(100), say);
	hdr_block()[40] ^= 0xff;
	nsaid = 0;
	CU_ASSERT_EQUAL(sysres_ipl(&cp_sysconfig, TOD_S(200), say), SYSRES_BAD_CRC);
	CU_ASSERT(said_prefix("VMCDAS011E Volume VM64RS: CP checkpoint header damaged "
			      "(checksum wrong); rewritten"));
	CU_ASSERT_EQUAL_FATAL(sysres_decode(hdr_block(), &out), SYSRES_GOOD);
	CU_ASSERT_EQUAL(out.ipl_tod, TOD_S(200));
	/* only block SYSRES_HDR_BLOCK was touched: the label is intact */
	CU_ASSERT_EQUAL(fake_blks[0].data[512], 0xe5); /* V of VOL1 */
}

static void test_no_sysres_volume(void)
{
	fake_blk_reset();
	fake_blk_add(0x0101, 262144, "VM64U1");
	dasd_init(&cp_sysconfig, NULL);
	nsaid = 0;
	CU_ASSERT_EQUAL(sysres_ipl(&cp_sysconfig, TOD_S(100), say), -1);
	CU_ASSERT(said_prefix("VMCDAS014W"));
	CU_ASSERT_EQUAL(sysres_shutdown(TOD_S(200), say), -1);
	/* a volume whose reads fail */
	volumes();
	fake_blks[0].fail = true;
	CU_ASSERT_EQUAL(sysres_ipl(&cp_sysconfig, TOD_S(100), say), -1);
	CU_ASSERT(said_prefix("VMCDAS015E Volume VM64RS"));
}

UNIT_SUITE(sysres, UNIT_CASE(test_round_trip), UNIT_CASE(test_damage),
	   UNIT_CASE(test_ipl_shutdown_cycle), UNIT_CASE(test_damaged_is_rewritten),
	   UNIT_CASE(test_no_sysres_volume))
UNIT_MAIN(UNIT_REG(sysres))
