/*
 * Unit tests for lib/volume.c: the VOL1 label of a volume (EBCDIC "VOL1" and a blank-padded
 * volser at the start of block 1), its round trip and the blocks that are no label.
 */
#include <stdint.h>
#include <string.h>

#include "cunit_main.h"

#include <vm64/volume.h>

static void test_encode(void)
{
	static const uint8_t want[10] = { 0xe5, 0xd6, 0xd3, 0xf1, 0xe5, 0xd4, 0xf6, 0xf4, 0xe4,
					  0xf1 }; /* VOL1VM64U1 */
	uint8_t b[VOL_BLOCK_SIZE];

	CU_ASSERT_EQUAL(vol_label_encode(b, "VM64U1"), 0);
	CU_ASSERT(memcmp(b, want, sizeof(want)) == 0);
	for (size_t i = sizeof(want); i < sizeof(b); i++)
		CU_ASSERT_EQUAL_FATAL(b[i], 0);
	CU_ASSERT_EQUAL(vol_label_encode(b, "AB"), 0);
	CU_ASSERT_EQUAL(b[4], 0xc1);
	CU_ASSERT_EQUAL(b[6], 0x40); /* blank padding */
	CU_ASSERT_EQUAL(b[9], 0x40);
	CU_ASSERT_EQUAL(vol_label_encode(b, "$#@9"), 0);
	CU_ASSERT_EQUAL(b[4], 0x5b);
}

static void test_round_trip(void)
{
	static const char *const names[] = { "A", "VM64RS", "$#@", "X1", "123456" };
	uint8_t b[VOL_BLOCK_SIZE];
	char v[VOLSER_LEN + 1];

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		CU_ASSERT_EQUAL(vol_label_encode(b, names[i]), 0);
		CU_ASSERT_EQUAL(vol_label_decode(b, v), 0);
		CU_ASSERT_STRING_EQUAL(v, names[i]);
	}
}

static void test_invalid(void)
{
	uint8_t b[VOL_BLOCK_SIZE];
	char v[VOLSER_LEN + 1];

	CU_ASSERT_EQUAL(vol_label_encode(b, ""), -1);
	CU_ASSERT_EQUAL(vol_label_encode(b, "TOOLONG"), -1);
	CU_ASSERT_EQUAL(vol_label_encode(b, "vm64u1"), -1);
	CU_ASSERT_EQUAL(vol_label_encode(b, "A B"), -1);
	CU_ASSERT_EQUAL(b[0], 0); /* zeros after a refusal */
	/* A blank (sparse) block, ASCII "VOL1", a label with a blank volser or a bad character. */
	memset(b, 0, sizeof(b));
	CU_ASSERT_EQUAL(vol_label_decode(b, v), -1);
	CU_ASSERT_STRING_EQUAL(v, "");
	memcpy(b, "VOL1VM64U1", 10);
	CU_ASSERT_EQUAL(vol_label_decode(b, v), -1);
	CU_ASSERT_EQUAL(vol_label_encode(b, "VM64U1"), 0);
	memset(b + 4, 0x40, 6);
	CU_ASSERT_EQUAL(vol_label_decode(b, v), -1);
	CU_ASSERT_EQUAL(vol_label_encode(b, "VM64U1"), 0);
	b[5] = 0x81; /* lower-case a */
	CU_ASSERT_EQUAL(vol_label_decode(b, v), -1);
	CU_ASSERT_EQUAL(vol_label_encode(b, "VM64U1"), 0);
	b[4] = 0x40; /* a blank before the volser */
	CU_ASSERT_EQUAL(vol_label_decode(b, v), -1);
}

UNIT_SUITE(volume_suite, UNIT_CASE(test_encode), UNIT_CASE(test_round_trip),
	   UNIT_CASE(test_invalid))

UNIT_MAIN(UNIT_REG(volume_suite))
