/*
 * Unit tests for lib/ckd.c: where a 512-byte block of a CKD 3390 volume lies (cylinder, head,
 * 4096-byte record, offset; vm64/ckd.h) and the VOL1 label record as Hercules' dasdinit writes
 * it on R3 of track 0.
 */
#include <string.h>

#include "cunit_main.h"

#include <vm64/ckd.h>

static void expect_at(uint64_t block, uint32_t cyl, uint16_t head, uint8_t rec, uint16_t off)
{
	struct ckd_addr a;

	ckd_locate(block, &a);
	CU_ASSERT_EQUAL(a.cyl, cyl);
	CU_ASSERT_EQUAL(a.head, head);
	CU_ASSERT_EQUAL(a.rec, rec);
	CU_ASSERT_EQUAL(a.offset, off);
	CU_ASSERT_EQUAL(a.track, cyl * 15 + head);
}

static void test_geometry(void)
{
	CU_ASSERT_EQUAL(CKD_BLOCKS_PER_TRACK, 96);
	CU_ASSERT_EQUAL(CKD_BLOCKS_PER_CYL, 1440);
	/* 12 records of 4096 and their count fields fit a 3390 track as Hercules keeps it
	 * (56832 bytes with the home address, R0 and the end marker). */
	CU_ASSERT(5 + 8 + 8 + CKD_RECS_PER_TRACK * (8 + CKD_REC_SIZE) + 8 < 56832);
	CU_ASSERT(CKD_RECS_PER_TRACK * CKD_REC_SIZE <= CKD_3390_TRACK_BYTES);
	CU_ASSERT_EQUAL(ckd_blocks(3339), 4808160ull);
}

static void test_locate(void)
{
	expect_at(0, 0, 0, 1, 0);
	expect_at(7, 0, 0, 1, 3584);
	expect_at(8, 0, 0, 2, 0);
	expect_at(95, 0, 0, 12, 3584);
	expect_at(96, 0, 1, 1, 0);
	expect_at(1439, 0, 14, 12, 3584);
	expect_at(1440, 1, 0, 1, 0);			 /* CKD01's 191 starts here */
	expect_at(1440 + 2 * 1440 - 1, 2, 14, 12, 3584); /* and ends here */
	expect_at(ckd_blocks(3339) - 1, 3338, 14, 12, 3584);
	expect_at(ckd_blocks(65520) - 1, 65519, 14, 12, 3584);
}

static void test_vol1(void)
{
	/* R3 of track 0 as dasdinit 3.13 wrote it for "dasdinit -z f 3390 VM64C1": "VOL1",
	 * "VM64C1", X'40', a VTOC pointer, blanks, owner "HERCULES". */
	static const uint8_t r3[80] = {
	    0xe5, 0xd6, 0xd3, 0xf1, 0xe5, 0xd4, 0xf6, 0xf4, 0xc3, 0xf1, 0x40, 0x00, 0x00, 0x00,
	    0x01, 0x01, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40,
	    0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40,
	    0xc8, 0xc5, 0xd9, 0xc3, 0xe4, 0xd3, 0xc5, 0xe2, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40,
	    0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40,
	    0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40,
	};
	uint8_t bad[80];
	char volser[VOLSER_LEN + 1];

	CU_ASSERT_EQUAL(ckd_vol1_decode(r3, volser), 0);
	CU_ASSERT_STRING_EQUAL(volser, "VM64C1");
	/* a short volser is blank-padded */
	memcpy(bad, r3, sizeof(bad));
	memset(bad + 7, 0x40, 3);
	CU_ASSERT_EQUAL(ckd_vol1_decode(bad, volser), 0);
	CU_ASSERT_STRING_EQUAL(volser, "VM6");
	/* the IPL1 record, or ASCII "VOL1", is no label */
	memcpy(bad, r3, sizeof(bad));
	memcpy(bad, "\xc9\xd7\xd3\xf1", 4);
	CU_ASSERT_EQUAL(ckd_vol1_decode(bad, volser), -1);
	CU_ASSERT_STRING_EQUAL(volser, "");
	memcpy(bad, r3, sizeof(bad));
	memcpy(bad, "VOL1", 4);
	CU_ASSERT_EQUAL(ckd_vol1_decode(bad, volser), -1);
	/* nor is one with a volser CP cannot use (lower case in EBCDIC) */
	memcpy(bad, r3, sizeof(bad));
	bad[4] = 0x85; /* 'e' */
	CU_ASSERT_EQUAL(ckd_vol1_decode(bad, volser), -1);
}

UNIT_SUITE(ckd_suite, UNIT_CASE(test_geometry), UNIT_CASE(test_locate), UNIT_CASE(test_vol1))

UNIT_MAIN(UNIT_REG(ckd_suite))
