/*
 * Unit tests for the terminal-port records (lib/termport.c, vm64/termport.h) that CP and the
 * TN3270 relay exchange over each virtio-serial port.
 */
#include <string.h>
#include <vm64/termport.h>

#include "cunit_main.h"

struct got {
	unsigned n;
	uint8_t type[8];
	size_t len[8];
	uint8_t data[8][64];
};

static void collect(void *ctx, uint8_t type, const uint8_t *p, size_t len)
{
	struct got *g = ctx;

	if (g->n < 8) {
		g->type[g->n] = type;
		g->len[g->n] = len;
		memcpy(g->data[g->n], p, len < 64 ? len : 64);
	}
	g->n++;
}

static void test_records_split_anywhere(void)
{
	static const uint8_t stream[] = { 0x81, 0x00, 0x03, 0x7d, 0x40, 0x40,
					  0x81, 0x00, 0x00,
					  0x81, 0x00, 0x01, 0x6d };
	/* Every way of cutting the stream in two gives the same three records. */
	for (size_t cut = 0; cut <= sizeof(stream); cut++) {
		uint8_t buf[TP_IN_MAX];
		struct tp_reader r;
		struct got g = { 0 };

		tp_reader_init(&r, 1, buf, sizeof(buf));
		CU_ASSERT_EQUAL(tp_feed(&r, stream, cut, collect, &g), 0);
		CU_ASSERT_EQUAL(tp_feed(&r, stream + cut, sizeof(stream) - cut, collect, &g), 0);
		CU_ASSERT_EQUAL(g.n, 3);
		CU_ASSERT_EQUAL(g.type[0], TP_IN_DATA);
		CU_ASSERT_EQUAL(g.len[0], 3);
		CU_ASSERT_EQUAL(memcmp(g.data[0], "\x7d\x40\x40", 3), 0);
		CU_ASSERT_EQUAL(g.len[1], 0);
		CU_ASSERT_EQUAL(g.len[2], 1);
		CU_ASSERT_EQUAL(g.data[2][0], 0x6d);
	}
}

static void test_byte_by_byte(void)
{
	uint8_t buf[TP_OUT_MAX], rec[TP_HDR_LEN + 300];
	struct tp_reader r;
	struct got g = { 0 };

	tp_header(rec, TP_OUT_DATA, 300);
	CU_ASSERT_EQUAL(rec[0], TP_OUT_DATA);
	CU_ASSERT_EQUAL(rec[1], 0x01);
	CU_ASSERT_EQUAL(rec[2], 0x2c);
	for (int i = 0; i < 300; i++)
		rec[TP_HDR_LEN + i] = (uint8_t)i;
	tp_reader_init(&r, 0, buf, sizeof(buf));
	for (size_t i = 0; i < sizeof(rec); i++)
		CU_ASSERT_EQUAL(tp_feed(&r, rec + i, 1, collect, &g), 0);
	CU_ASSERT_EQUAL(g.n, 1);
	CU_ASSERT_EQUAL(g.len[0], 300);
	CU_ASSERT_EQUAL(g.data[0][63], 63);
}

static void test_direction_and_types(void)
{
	uint8_t buf[TP_OUT_MAX];
	struct tp_reader r;
	struct got g = { 0 };
	/* CP's own record types are not what the host may send CP, and the reverse. */
	static const uint8_t out_rec[] = { TP_OUT_DATA, 0x00, 0x01, 0x05 };
	static const uint8_t in_rec[] = { TP_IN_DATA, 0x00, 0x01, 0x7d };
	static const uint8_t hangup[] = { TP_OUT_HANGUP, 0x00, 0x00 };
	static const uint8_t hangup_long[] = { TP_OUT_HANGUP, 0x00, 0x01, 0x00 };

	tp_reader_init(&r, 1, buf, TP_IN_MAX);
	CU_ASSERT_EQUAL(tp_feed(&r, out_rec, sizeof(out_rec), collect, &g), -1);
	CU_ASSERT_EQUAL(g.n, 0);
	/* Once lost, nothing more is delivered, even a good record. */
	CU_ASSERT_EQUAL(tp_feed(&r, in_rec, sizeof(in_rec), collect, &g), -1);
	CU_ASSERT_EQUAL(g.n, 0);

	tp_reader_init(&r, 0, buf, sizeof(buf));
	CU_ASSERT_EQUAL(tp_feed(&r, in_rec, sizeof(in_rec), collect, &g), -1);
	tp_reader_init(&r, 0, buf, sizeof(buf));
	CU_ASSERT_EQUAL(tp_feed(&r, hangup, sizeof(hangup), collect, &g), 0);
	CU_ASSERT_EQUAL(g.n, 1);
	CU_ASSERT_EQUAL(g.type[0], TP_OUT_HANGUP);
	CU_ASSERT_EQUAL(tp_feed(&r, hangup_long, sizeof(hangup_long), collect, &g), -1);
}

static void test_too_long(void)
{
	uint8_t buf[TP_IN_MAX], hdr[TP_HDR_LEN];
	struct tp_reader r;
	struct got g = { 0 };

	tp_reader_init(&r, 1, buf, sizeof(buf));
	tp_header(hdr, TP_IN_DATA, TP_IN_MAX + 1);
	CU_ASSERT_EQUAL(tp_feed(&r, hdr, sizeof(hdr), collect, &g), -1);
	/* A limit below the type's: the buffer decides. */
	tp_reader_init(&r, 1, buf, 10);
	tp_header(hdr, TP_IN_DATA, 11);
	CU_ASSERT_EQUAL(tp_feed(&r, hdr, sizeof(hdr), collect, &g), -1);
	tp_reader_init(&r, 1, buf, sizeof(buf));
	tp_header(hdr, TP_IN_DATA, TP_IN_MAX);
	CU_ASSERT_EQUAL(tp_feed(&r, hdr, sizeof(hdr), collect, &g), 0);
	CU_ASSERT_EQUAL(g.n, 0);
}

UNIT_SUITE(termport, UNIT_CASE(test_records_split_anywhere), UNIT_CASE(test_byte_by_byte),
	   UNIT_CASE(test_direction_and_types), UNIT_CASE(test_too_long))
UNIT_MAIN(termport_register)
