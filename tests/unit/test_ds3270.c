/*
 * Unit tests for the portable 3270 data-stream codec: golden outbound streams for every order
 * in both address forms, address round trips on every model, Read Modified parsing, and
 * malformed, truncated and random inbound data (run under ASan/UBSan); the Read Partition
 * Query structured field and the screen size read from Query Replies (console/3270/sf3270.c).
 */
#include <stdlib.h>
#include <string.h>
#include "cunit_main.h"
#include <console/ds3270.h>

static const struct screen_geom m2 = { .rows = 24, .cols = 80 };
static const struct screen_geom m2_14 = { .rows = 24, .cols = 80, .addr14 = true };
static const struct screen_geom m5 = { .rows = 27, .cols = 132 };
static const struct screen_geom big = { .rows = 62, .cols = 160 };

static uint8_t obuf[256];
static struct ds_buf ob;

static void start(void)
{
	memset(obuf, 0xaa, sizeof(obuf));
	ds_init(&ob, obuf, sizeof(obuf));
}

static int same(const uint8_t *want, size_t n)
{
	return !ob.overflow && ob.len == n && memcmp(ob.data, want, n) == 0;
}

#define CHECK_BYTES(...)                                                                        \
	do {                                                                                    \
		static const uint8_t want_[] = { __VA_ARGS__ };                                 \
		CU_ASSERT(same(want_, sizeof(want_)));                                          \
	} while (0)

static void test_models(void)
{
	static const uint16_t rows[] = { 24, 32, 43, 27 }, cols[] = { 80, 80, 80, 132 };
	struct screen_geom g = { 1, 1, true };

	for (unsigned int m = 2; m <= 5; m++) {
		CU_ASSERT_EQUAL(ds_model_geom(m, &g), 0);
		CU_ASSERT_EQUAL(g.rows, rows[m - 2]);
		CU_ASSERT_EQUAL(g.cols, cols[m - 2]);
		CU_ASSERT_FALSE(g.addr14);
		CU_ASSERT_FALSE(ds_uses_addr14(&g));
	}
	CU_ASSERT_EQUAL(ds_model_geom(1, &g), DS_EINVAL);
	CU_ASSERT_EQUAL(ds_model_geom(6, &g), DS_EINVAL);
	CU_ASSERT_TRUE(ds_uses_addr14(&m2_14));
	CU_ASSERT_TRUE(ds_uses_addr14(&big));
}

static void test_code_table(void)
{
	/* the table's well-known anchors, and every entry a graphic with bit 1 set */
	CU_ASSERT_EQUAL(ds_code6(0), 0x40);
	CU_ASSERT_EQUAL(ds_code6(1), 0xc1);
	CU_ASSERT_EQUAL(ds_code6(9), 0xc9);
	CU_ASSERT_EQUAL(ds_code6(10), 0x4a);
	CU_ASSERT_EQUAL(ds_code6(16), 0x50);
	CU_ASSERT_EQUAL(ds_code6(17), 0xd1);
	CU_ASSERT_EQUAL(ds_code6(32), 0x60);
	CU_ASSERT_EQUAL(ds_code6(33), 0x61);
	CU_ASSERT_EQUAL(ds_code6(34), 0xe2);
	CU_ASSERT_EQUAL(ds_code6(48), 0xf0);
	CU_ASSERT_EQUAL(ds_code6(63), 0x7f);
	for (unsigned int v = 0; v < 64; v++) {
		CU_ASSERT_EQUAL(ds_code6(v) & 0x3f, v);
		CU_ASSERT(ds_code6(v) & 0x40);
		for (unsigned int w = 0; w < v; w++)
			CU_ASSERT_NOT_EQUAL(ds_code6(v), ds_code6(w));
	}
}

static void test_sba_12bit(void)
{
	start();
	ds_sba(&ob, &m2, 0, 0);
	CHECK_BYTES(TO_SBA, 0x40, 0x40);
	start();
	ds_sba(&ob, &m2, 23, 79);
	CHECK_BYTES(TO_SBA, 0x5d, 0x7f);
	start();
	ds_sba(&ob, &m2, 1, 0);
	CHECK_BYTES(TO_SBA, 0xc1, 0x50);
	start();
	ds_sba(&ob, &m5, 26, 131);
	CHECK_BYTES(TO_SBA, 0xf7, 0x6b);
	/* worked examples of the literature: 919 = (11,39) and 112 = (1,32) */
	start();
	ds_sba(&ob, &m2, 11, 39);
	CHECK_BYTES(TO_SBA, 0x4e, 0xd7);
	start();
	ds_sba(&ob, &m2, 1, 32);
	CHECK_BYTES(TO_SBA, 0xc1, 0xf0);
}

static void test_sba_14bit(void)
{
	start();
	ds_sba(&ob, &m2_14, 23, 79);
	CHECK_BYTES(TO_SBA, 0x07, 0x7f);
	start();
	ds_sba(&ob, &m2_14, 0, 0);
	CHECK_BYTES(TO_SBA, 0x00, 0x00);
	start();
	ds_sba(&ob, &big, 61, 159);
	CHECK_BYTES(TO_SBA, 0x26, 0xbf);
}

static void test_sba_off_screen(void)
{
	start();
	ds_sba(&ob, &m2, 24, 0);
	CU_ASSERT_TRUE(ob.overflow);
	CU_ASSERT_EQUAL(ob.len, 0);
	start();
	ds_sba(&ob, &m2, 0, 80);
	CU_ASSERT_TRUE(ob.overflow);
	start();
	ds_ra(&ob, &m2, 1920, 0);
	CU_ASSERT_TRUE(ob.overflow);
	CU_ASSERT_EQUAL(obuf[0], 0xaa);
}

static void test_cmd_wcc(void)
{
	start();
	ds_cmd(&ob, TC_SNA_EWRITE);
	ds_wcc(&ob, TW_KR | TW_RESET_MDT);
	CHECK_BYTES(0xf5, 0xc3);
	start();
	ds_cmd(&ob, TC_EWRITEA);
	ds_wcc(&ob, TW_KR);
	ds_wcc(&ob, TW_ALARM | TW_KR);
	ds_wcc(&ob, 0);
	ds_wcc(&ob, TW_RESET | TW_RESET_MDT);
	CHECK_BYTES(0x0d, 0xc2, 0xc6, 0x40, 0xc1);
	CU_ASSERT_EQUAL(TC_WRITE, 0x01);
	CU_ASSERT_EQUAL(TC_SNA_WRITE, 0xf1);
	CU_ASSERT_EQUAL(TC_SNA_EWRITEA, 0x7e);
	CU_ASSERT_EQUAL(TC_READMOD, 0x06);
	CU_ASSERT_EQUAL(TC_SNA_READMOD, 0xf6);
	CU_ASSERT_EQUAL(TC_WRITESF, 0x11);
	CU_ASSERT_EQUAL(TC_SNA_WRITESF, 0xf3);
}

static void test_sf(void)
{
	start();
	ds_sf(&ob, 0);
	ds_sf(&ob, TF_PROT);
	ds_sf(&ob, TF_PROT | TF_INTENSE);
	ds_sf(&ob, TF_SKIP);
	ds_sf(&ob, TF_NONDISP);
	ds_sf(&ob, TF_NUMERIC | TF_MDT);
	CHECK_BYTES(TO_SF, 0x40, TO_SF, 0x60, TO_SF, 0xe8, TO_SF, 0xf0, TO_SF, 0x4c, TO_SF, 0xd1);
}

static void test_sfe_mf_sa(void)
{
	static const struct ds_attr sfe[] = {
		{ TAT_FIELD, TF_PROT },
		{ TAT_COLOR, TAC_RED },
	};
	static const struct ds_attr mf[] = { { TAT_EXTHI, TAX_REVER } };

	start();
	ds_sfe(&ob, sfe, 2);
	ds_mf(&ob, mf, 1);
	ds_sa(&ob, TAT_COLOR, TAC_GREEN);
	ds_sa(&ob, TAT_ALL, 0);
	ds_sfe(&ob, NULL, 0);
	CHECK_BYTES(TO_SFE, 2, 0xc0, 0x60, 0x42, 0xf2, TO_MF, 1, 0x41, 0xf2, TO_SA, 0x42, 0xf4,
		    TO_SA, 0x00, 0x00, TO_SFE, 0);
}

static void test_ic_pt_ra_eua(void)
{
	start();
	ds_ic(&ob);
	ds_pt(&ob);
	ds_ra(&ob, &m2, 1919, 0x00);
	ds_eua(&ob, &m2, 0);
	ds_ra(&ob, &m2_14, 80, 0x40);
	ds_eua(&ob, &m2_14, 1919);
	CHECK_BYTES(TO_IC, TO_PT, TO_RA, 0x5d, 0x7f, 0x00, TO_EUA, 0x40, 0x40,
		    TO_RA, 0x00, 0x50, 0x40, TO_EUA, 0x07, 0x7f);
	CU_ASSERT_EQUAL(TO_SBA, 0x11);
	CU_ASSERT_EQUAL(TO_SF, 0x1d);
	CU_ASSERT_EQUAL(TO_SFE, 0x29);
	CU_ASSERT_EQUAL(TO_SA, 0x28);
	CU_ASSERT_EQUAL(TO_MF, 0x2c);
	CU_ASSERT_EQUAL(TO_RA, 0x3c);
	CU_ASSERT_EQUAL(TO_EUA, 0x12);
	CU_ASSERT_EQUAL(TO_IC, 0x13);
	CU_ASSERT_EQUAL(TO_PT, 0x05);
}

static void test_text(void)
{
	start();
	ds_text(&ob, "Hi 1A\n\t", 7);
	CHECK_BYTES(0xc8, 0x89, 0x40, 0xf1, 0xc1, 0x40, 0x40);
	/* no converted byte of any character can be an order */
	for (int c = 0; c < 256; c++) {
		char ch = (char)c;

		start();
		ds_text(&ob, &ch, 1);
		CU_ASSERT_EQUAL(ob.len, 1);
		CU_ASSERT(obuf[0] >= 0x40);
	}
}

static void test_whole_screen(void)
{
	/* a typical Erase/Write: WCC, a protected title, an input field with the cursor */
	start();
	ds_cmd(&ob, TC_SNA_EWRITE);
	ds_wcc(&ob, TW_KR | TW_RESET_MDT);
	ds_sba(&ob, &m2, 0, 0);
	ds_sf(&ob, TF_PROT | TF_INTENSE);
	ds_text(&ob, "VM", 2);
	ds_sba(&ob, &m2, 22, 79);
	ds_sf(&ob, 0);
	ds_ic(&ob);
	CHECK_BYTES(0xf5, 0xc3, TO_SBA, 0x40, 0x40, TO_SF, 0xe8, 0xe5, 0xd4, TO_SBA, 0x5c, 0x6f,
		    TO_SF, 0x40, TO_IC);
}

static void test_overflow(void)
{
	uint8_t small[4];
	struct ds_buf b;

	memset(small, 0xaa, sizeof(small));
	ds_init(&b, small, 3);
	ds_sba(&b, &m2, 0, 0);
	CU_ASSERT_FALSE(b.overflow);
	CU_ASSERT_EQUAL(b.len, 3);
	ds_ic(&b);
	CU_ASSERT_TRUE(b.overflow);
	CU_ASSERT_EQUAL(b.len, 3);
	CU_ASSERT_EQUAL(small[3], 0xaa);

	/* an order that does not fit is dropped whole, and nothing follows it */
	memset(small, 0xaa, sizeof(small));
	ds_init(&b, small, 2);
	ds_sba(&b, &m2, 0, 0);
	CU_ASSERT_TRUE(b.overflow);
	CU_ASSERT_EQUAL(b.len, 0);
	ds_ic(&b);
	CU_ASSERT_EQUAL(b.len, 0);
	CU_ASSERT_EQUAL(small[0], 0xaa);

	ds_init(&b, small, 3);
	ds_text(&b, "ABCD", 4);
	CU_ASSERT_TRUE(b.overflow);
	CU_ASSERT_EQUAL(b.len, 0);
	ds_init(&b, NULL, 0);
	ds_cmd(&b, TC_WRITE);
	CU_ASSERT_TRUE(b.overflow);
}

/* Every emitter, in every buffer size up to the full stream: never past the end. */
static void test_overflow_every_size(void)
{
	static const struct ds_attr sfe[] = { { TAT_FIELD, 0 }, { TAT_COLOR, TAC_BLUE } };
	size_t full = 0;

	for (size_t size = 0; size <= 64; size++) {
		uint8_t *m = malloc(size ? size : 1);
		struct ds_buf b;

		ds_init(&b, m, size);
		ds_cmd(&b, TC_SNA_WRITE);
		ds_wcc(&b, TW_KR);
		ds_sba(&b, &m2, 5, 5);
		ds_sf(&b, TF_PROT);
		ds_sfe(&b, sfe, 2);
		ds_sa(&b, TAT_EXTHI, TAX_UNDER);
		ds_text(&b, "hello", 5);
		ds_ic(&b);
		ds_pt(&b);
		ds_ra(&b, &m2, 500, 0x40);
		ds_eua(&b, &m2, 600);
		ds_mf(&b, sfe, 2);
		CU_ASSERT(b.len <= size);
		if (!b.overflow && !full)
			full = size;
		free(m);
	}
	CU_ASSERT_EQUAL(full, 1 + 1 + 3 + 2 + 6 + 3 + 5 + 1 + 1 + 4 + 3 + 6);
}

static void test_addr_round_trip(void)
{
	struct screen_geom g;
	unsigned int bad = 0;

	for (unsigned int m = 2; m <= 5; m++) {
		CU_ASSERT_EQUAL(ds_model_geom(m, &g), 0);
		for (int f = 0; f < 2; f++) {
			g.addr14 = f;
			for (unsigned int a = 0; a < screen_size(&g); a++) {
				uint8_t e[2];
				unsigned int d = ~0u;

				if (ds_addr_encode(&g, a, e) || ds_addr_decode(e, &d) || d != a)
					bad++;
				if (!f && ((e[0] >> 6) == 0 || (e[1] >> 6) == 0 ||
					   e[0] != ds_code6(a >> 6) || e[1] != ds_code6(a)))
					bad++;
				if (f && (e[0] >> 6) != 0)
					bad++;
			}
			CU_ASSERT_EQUAL(ds_addr_encode(&g, screen_size(&g), (uint8_t[2]){ 0 }),
					DS_ERANGE);
		}
	}
	for (unsigned int a = 0; a < screen_size(&big); a++) {
		uint8_t e[2];
		unsigned int d = ~0u;

		if (ds_addr_encode(&big, a, e) || ds_addr_decode(e, &d) || d != a)
			bad++;
	}
	CU_ASSERT_EQUAL(bad, 0);
}

static void test_addr_decode_forms(void)
{
	unsigned int a = 0;

	CU_ASSERT_EQUAL(ds_addr_decode((const uint8_t[]){ 0x5d, 0x7f }, &a), 0);
	CU_ASSERT_EQUAL(a, 1919);
	CU_ASSERT_EQUAL(ds_addr_decode((const uint8_t[]){ 0xc1, 0x50 }, &a), 0);
	CU_ASSERT_EQUAL(a, 80);
	CU_ASSERT_EQUAL(ds_addr_decode((const uint8_t[]){ 0x07, 0x7f }, &a), 0);
	CU_ASSERT_EQUAL(a, 1919);
	CU_ASSERT_EQUAL(ds_addr_decode((const uint8_t[]){ 0x3f, 0xff }, &a), 0);
	CU_ASSERT_EQUAL(a, 16383);
	CU_ASSERT_EQUAL(ds_addr_decode((const uint8_t[]){ 0x80, 0x40 }, &a), DS_EINVAL);
	CU_ASSERT_EQUAL(ds_addr_decode((const uint8_t[]){ 0xbf, 0x40 }, &a), DS_EINVAL);
}

/* ---- inbound ---- */

static char tbuf[128];

static int parse(const uint8_t *in, size_t len, const struct screen_geom *g, struct rm_input *r)
{
	memset(r, 0, sizeof(*r));
	r->buf = tbuf;
	r->buf_size = sizeof(tbuf);
	return rm_parse(in, len, g, r);
}

static const uint8_t enter2[] = {
	AID_ENTER, 0xc1, 0xd5,				/* cursor 85 = (1,5) */
	TO_SBA, 0xc1, 0x51, 0xd3, 0xd6, 0xc7, 0xd6, 0xd5,	/* (1,1) "LOGON" */
	TO_SBA, 0xc2, 0x6a, 0x81, 0x00, 0x82,		/* (2,10) "a" null "b" */
};

static void test_rm_enter_two_fields(void)
{
	struct rm_input r;

	CU_ASSERT_EQUAL(parse(enter2, sizeof(enter2), &m2, &r), 0);
	CU_ASSERT_EQUAL(r.aid, AID_ENTER);
	CU_ASSERT_FALSE(r.short_read);
	CU_ASSERT_EQUAL(r.cursor, 85);
	CU_ASSERT_EQUAL(r.cursor_row, 1);
	CU_ASSERT_EQUAL(r.cursor_col, 5);
	CU_ASSERT_EQUAL(r.nfields, 2);
	CU_ASSERT_EQUAL(r.field[0].addr, 81);
	CU_ASSERT_EQUAL(r.field[0].row, 1);
	CU_ASSERT_EQUAL(r.field[0].col, 1);
	CU_ASSERT_EQUAL(r.field[0].len, 5);
	CU_ASSERT_STRING_EQUAL(r.field[0].text, "LOGON");
	CU_ASSERT_EQUAL(r.field[1].addr, 170);
	CU_ASSERT_EQUAL(r.field[1].row, 2);
	CU_ASSERT_EQUAL(r.field[1].col, 10);
	CU_ASSERT_EQUAL(r.field[1].len, 2);
	CU_ASSERT_STRING_EQUAL(r.field[1].text, "ab");
	CU_ASSERT_EQUAL(r.used, 6 + 3);
}

static void test_rm_short_reads(void)
{
	static const uint8_t shorts[] = { AID_PA1, AID_PA2, AID_PA3, AID_CLEAR };
	struct rm_input r;

	for (size_t i = 0; i < sizeof(shorts); i++) {
		CU_ASSERT_EQUAL(parse(&shorts[i], 1, &m2, &r), 0);
		CU_ASSERT_EQUAL(r.aid, shorts[i]);
		CU_ASSERT_TRUE(r.short_read);
		CU_ASSERT_EQUAL(r.nfields, 0);
	}
	/* PA1 with a cursor address, as some emulators send it */
	CU_ASSERT_EQUAL(parse((const uint8_t[]){ AID_PA1, 0x40, 0x40 }, 3, &m2, &r), 0);
	CU_ASSERT_FALSE(r.short_read);
	/* Enter or a PF key needs the cursor address */
	CU_ASSERT_EQUAL(parse((const uint8_t[]){ AID_ENTER }, 1, &m2, &r), DS_ETRUNC);
	CU_ASSERT_EQUAL(parse((const uint8_t[]){ AID_PF3 }, 1, &m2, &r), DS_ETRUNC);
	CU_ASSERT_EQUAL(parse((const uint8_t[]){ AID_PF3, 0x40 }, 2, &m2, &r), DS_ETRUNC);
	CU_ASSERT_EQUAL(parse(NULL, 0, &m2, &r), DS_ETRUNC);
}

static void test_rm_pf12(void)
{
	struct rm_input r;

	CU_ASSERT_EQUAL(parse((const uint8_t[]){ AID_PF12, 0x5d, 0x7f }, 3, &m2, &r), 0);
	CU_ASSERT_EQUAL(r.aid, 0x7c);
	CU_ASSERT_EQUAL(rm_aid_pf(r.aid), 12);
	CU_ASSERT_EQUAL(r.cursor_row, 23);
	CU_ASSERT_EQUAL(r.cursor_col, 79);
	CU_ASSERT_EQUAL(r.nfields, 0);
	CU_ASSERT_EQUAL(r.used, 0);
}

static void test_rm_aids(void)
{
	static const uint8_t pf[24] = { 0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8,
					0xf9, 0x7a, 0x7b, 0x7c, 0xc1, 0xc2, 0xc3, 0xc4,
					0xc5, 0xc6, 0xc7, 0xc8, 0xc9, 0x4a, 0x4b, 0x4c };
	unsigned int nvalid = 0;

	for (int i = 0; i < 24; i++) {
		CU_ASSERT_EQUAL(rm_aid_pf(pf[i]), i + 1);
		CU_ASSERT_TRUE(rm_aid_valid(pf[i]));
	}
	CU_ASSERT_EQUAL(rm_aid_pf(AID_ENTER), 0);
	CU_ASSERT_EQUAL(rm_aid_pf(AID_PA1), 0);
	CU_ASSERT_EQUAL(AID_PA1, 0x6c);
	CU_ASSERT_EQUAL(AID_PA2, 0x6e);
	CU_ASSERT_EQUAL(AID_PA3, 0x6b);
	CU_ASSERT_EQUAL(AID_CLEAR, 0x6d);
	CU_ASSERT_EQUAL(AID_NONE, 0x60);
	for (int c = 0; c < 256; c++)
		nvalid += rm_aid_valid((uint8_t)c);
	CU_ASSERT_EQUAL(nvalid, 24 + 7);
	CU_ASSERT_FALSE(rm_aid_valid(0x00));
	CU_ASSERT_FALSE(rm_aid_valid(AID_STRUCT));
}

static void test_rm_variants(void)
{
	struct rm_input r;

	/* 14-bit addresses are recognised by their form */
	CU_ASSERT_EQUAL(parse((const uint8_t[]){ AID_ENTER, 0x07, 0x7f, TO_SBA, 0x00, 0x51, 0xc1 },
			      7, &m2, &r), 0);
	CU_ASSERT_EQUAL(r.cursor, 1919);
	CU_ASSERT_EQUAL(r.field[0].addr, 81);
	CU_ASSERT_STRING_EQUAL(r.field[0].text, "A");
	/* a trailing IAC EOR is ignored */
	CU_ASSERT_EQUAL(parse((const uint8_t[]){ AID_CLEAR, TN_IAC, TN_EOR }, 3, &m2, &r), 0);
	CU_ASSERT_TRUE(r.short_read);
	/* an unformatted screen: data without SBA, one field at 0 */
	CU_ASSERT_EQUAL(parse((const uint8_t[]){ AID_ENTER, 0x40, 0x43, 0xc3, 0xd7 }, 5, &m2, &r),
			0);
	CU_ASSERT_EQUAL(r.nfields, 1);
	CU_ASSERT_EQUAL(r.field[0].addr, 0);
	CU_ASSERT_STRING_EQUAL(r.field[0].text, "CP");
	/* an emptied field, SA skipped, GE character kept, DUP and FM kept */
	CU_ASSERT_EQUAL(parse((const uint8_t[]){ AID_ENTER, 0x40, 0x40, TO_SBA, 0x40, 0x41,
						 TO_SBA, 0x40, 0x50, TO_SA, 0x42, 0xf2, 0xc1,
						 TO_GE, 0xc2, DS_CHAR_DUP, DS_CHAR_FM },
			      17, &m2, &r), 0);
	CU_ASSERT_EQUAL(r.nfields, 2);
	CU_ASSERT_EQUAL(r.field[0].len, 0);
	CU_ASSERT_STRING_EQUAL(r.field[0].text, "");
	CU_ASSERT_EQUAL(r.field[1].len, 4);
	CU_ASSERT_EQUAL(r.field[1].text[0], 'A');
	CU_ASSERT_EQUAL(r.field[1].text[1], 'B');
	/* model 5 addresses */
	CU_ASSERT_EQUAL(parse((const uint8_t[]){ AID_ENTER, 0xf7, 0x6b }, 3, &m5, &r), 0);
	CU_ASSERT_EQUAL(r.cursor_row, 26);
	CU_ASSERT_EQUAL(r.cursor_col, 131);
}

static void test_rm_malformed(void)
{
	uint8_t many[3 + 3 * (RM_MAX_FIELDS + 1)] = { AID_ENTER, 0x40, 0x40 };
	struct rm_input r;

	CU_ASSERT_EQUAL(parse((const uint8_t[]){ 0x00, 0x40, 0x40 }, 3, &m2, &r), DS_EINVAL);
	/* cursor or field address beyond the screen (1920 on a 24x80), or reserved form */
	CU_ASSERT_EQUAL(parse((const uint8_t[]){ AID_ENTER, 0x5e, 0x40 }, 3, &m2, &r), DS_ERANGE);
	CU_ASSERT_EQUAL(parse((const uint8_t[]){ AID_ENTER, 0x40, 0x40, TO_SBA, 0x07, 0x80 }, 6,
			      &m2, &r), DS_ERANGE);
	CU_ASSERT_EQUAL(parse((const uint8_t[]){ AID_ENTER, 0x80, 0x40 }, 3, &m2, &r), DS_EINVAL);
	/* truncated SBA, SA, GE */
	CU_ASSERT_EQUAL(parse((const uint8_t[]){ AID_ENTER, 0x40, 0x40, TO_SBA, 0x40 }, 5, &m2, &r),
			DS_ETRUNC);
	CU_ASSERT_EQUAL(parse((const uint8_t[]){ AID_ENTER, 0x40, 0x40, TO_SBA }, 4, &m2, &r),
			DS_ETRUNC);
	CU_ASSERT_EQUAL(parse((const uint8_t[]){ AID_ENTER, 0x40, 0x40, TO_SA, 0x42 }, 5, &m2, &r),
			DS_ETRUNC);
	CU_ASSERT_EQUAL(parse((const uint8_t[]){ AID_ENTER, 0x40, 0x40, TO_GE }, 4, &m2, &r),
			DS_ETRUNC);
	/* an order that never comes inbound */
	CU_ASSERT_EQUAL(parse((const uint8_t[]){ AID_ENTER, 0x40, 0x40, TO_SBA, 0x40, 0x41, TO_RA },
			      7, &m2, &r), DS_EINVAL);
	/* too many fields */
	for (int i = 0; i <= RM_MAX_FIELDS; i++) {
		many[3 + 3 * i] = TO_SBA;
		many[4 + 3 * i] = 0x40;
		many[5 + 3 * i] = ds_code6((unsigned int)i);
	}
	CU_ASSERT_EQUAL(parse(many, sizeof(many) - 3, &m2, &r), 0);
	CU_ASSERT_EQUAL(r.nfields, RM_MAX_FIELDS);
	CU_ASSERT_EQUAL(parse(many, sizeof(many), &m2, &r), DS_E2BIG);
	/* no geometry */
	CU_ASSERT_EQUAL(parse(enter2, sizeof(enter2), &(struct screen_geom){ 0 }, &r), DS_EINVAL);
}

static void test_rm_buffer_bounds(void)
{
	/* enter2 needs "LOGON\0ab\0" = 9 bytes */
	for (size_t size = 0; size <= 12; size++) {
		char *m = malloc(size ? size : 1);
		struct rm_input r = { .buf = size ? m : NULL, .buf_size = size };
		int rc = rm_parse(enter2, sizeof(enter2), &m2, &r);

		if (size < 9) {
			CU_ASSERT_EQUAL(rc, DS_ENOSPC);
		} else {
			CU_ASSERT_EQUAL(rc, 0);
			CU_ASSERT_EQUAL(r.used, 9);
		}
		free(m);
	}
}

/* On success everything the result points to is inside the caller's buffer and screen. */
static int result_sane(const struct rm_input *r, const struct screen_geom *g, size_t size)
{
	if (r->used > size || r->nfields > RM_MAX_FIELDS)
		return 0;
	if (!r->short_read && r->cursor >= screen_size(g))
		return 0;
	for (unsigned int i = 0; i < r->nfields; i++) {
		const struct rm_field *f = &r->field[i];

		if (f->text < r->buf || f->text + f->len + 1 > r->buf + r->used)
			return 0;
		if (f->text[f->len] != '\0' || f->addr >= screen_size(g))
			return 0;
		if (f->row != f->addr / g->cols || f->col != f->addr % g->cols)
			return 0;
	}
	return 1;
}

/* Parse exactly @len bytes from a heap copy into a heap buffer of exactly @size bytes. */
static int parse_exact(const uint8_t *in, size_t len, const struct screen_geom *g, size_t size,
		       int *rc)
{
	uint8_t *copy = malloc(len ? len : 1);
	char *m = malloc(size ? size : 1);
	struct rm_input r = { .buf = m, .buf_size = size };
	int ok;

	memcpy(copy, in, len);
	*rc = rm_parse(copy, len, g, &r);
	ok = *rc < 0 || result_sane(&r, g, size);
	free(copy);
	free(m);
	return ok;
}

static void test_rm_every_truncation(void)
{
	unsigned int bad = 0, errors = 0;
	int rc;

	for (size_t n = 0; n < sizeof(enter2); n++) {
		for (size_t size = 0; size <= 12; size++) {
			if (!parse_exact(enter2, n, &m2, size, &rc))
				bad++;
			errors += rc < 0;
		}
	}
	CU_ASSERT_EQUAL(bad, 0);
	CU_ASSERT(errors > 0);
	/* truncations inside an order or address fail; at an order boundary they parse */
	for (size_t n = 0; n < sizeof(enter2); n++) {
		parse_exact(enter2, n, &m2, 64, &rc);
		if (n <= 2 || n == 4 || n == 5 || n == 12 || n == 13)
			CU_ASSERT_EQUAL(rc, DS_ETRUNC);
		if (n == 3 || n == 11)
			CU_ASSERT_EQUAL(rc, 0);
	}
}

static uint32_t rng = 12345;

static uint32_t next_rand(void)
{
	rng = rng * 1103515245u + 12345u;
	return rng >> 16;
}

static void test_rm_random(void)
{
	static const uint8_t tokens[] = { TO_SBA, TO_SA, TO_GE, 0x00, 0x40, 0x5d, 0x7f, 0xc1,
					  AID_ENTER, AID_PA1, TN_IAC, TN_EOR, 0x07, 0x80 };
	static const struct screen_geom *geoms[] = { &m2, &m2_14, &m5, &big };
	unsigned int bad = 0, ok = 0;

	for (int iter = 0; iter < 50000; iter++) {
		uint8_t in[80];
		size_t len = next_rand() % sizeof(in);
		int rc;

		for (size_t i = 0; i < len; i++) {
			uint32_t x = next_rand();

			in[i] = (x & 0x300) ? tokens[x % sizeof(tokens)] : (uint8_t)x;
		}
		if (len && (iter & 1))
			in[0] = AID_ENTER;
		if (!parse_exact(in, len, geoms[iter & 3], next_rand() % 48, &rc))
			bad++;
		ok += rc == 0;
	}
	CU_ASSERT_EQUAL(bad, 0);
	CU_ASSERT(ok > 0);
}

/* Streams built with the outbound builder's orders parse back. */
static void test_rm_round_trip(void)
{
	uint8_t in[32];
	struct ds_buf b;
	struct rm_input r;

	ds_init(&b, in, sizeof(in));
	ds_byte(&b, AID_PF5);
	ds_addr_encode(&m5, 1000, in + 1);
	b.len += 2;
	ds_sba(&b, &m5, 20, 100);
	ds_text(&b, "query names", 11);
	CU_ASSERT_FALSE(b.overflow);
	CU_ASSERT_EQUAL(parse(in, b.len, &m5, &r), 0);
	CU_ASSERT_EQUAL(rm_aid_pf(r.aid), 5);
	CU_ASSERT_EQUAL(r.cursor, 1000);
	CU_ASSERT_EQUAL(r.field[0].row, 20);
	CU_ASSERT_EQUAL(r.field[0].col, 100);
	CU_ASSERT_STRING_EQUAL(r.field[0].text, "query names");
}


/* ---- structured fields (sf3270.c) ---- */

static void test_read_partition_query(void)
{
	uint8_t small[4];
	struct ds_buf b;

	start();
	ds_read_partition_query(&ob);
	CHECK_BYTES(0x00, 0x05, 0x01, 0xff, 0x02);
	ds_init(&b, small, sizeof(small));
	ds_read_partition_query(&b);
	CU_ASSERT(b.overflow);
}

/* What a 3279 model 2 answers (Summary, Usable Area 80 x 24), and the same with 132 x 27. */
static const uint8_t reply_m2[] = {
	AID_STRUCT,
	0x00, 0x0c, 0x81, 0x80, 0x80, 0x81, 0x84, 0x85, 0x86, 0x87, 0x88, 0xa6,
	0x00, 0x17, 0x81, 0x81, 0x01, 0x00, 0x00, 0x50, 0x00, 0x18, 0x01, 0x00, 0x0a, 0x02,
	0xe5, 0x00, 0x02, 0x00, 0x6f, 0x09, 0x0c, 0x07, 0x80,
	0x00, 0x08, 0x81, 0x84, 0x00, 0x0a, 0x00, 0x04,
};
static const uint8_t reply_m5[] = {
	AID_STRUCT,
	0x00, 0x17, 0x81, 0x81, 0x03, 0x00, 0x00, 0x84, 0x00, 0x1b, 0x01, 0x00, 0x0a, 0x02,
	0xe5, 0x00, 0x02, 0x00, 0x6f, 0x09, 0x0c, 0x0d, 0xe8,
};

static void test_query_usable_area(void)
{
	struct screen_geom g = { .rows = 1, .cols = 1, .addr14 = true };

	CU_ASSERT_EQUAL(ds_query_usable_area(reply_m2, sizeof(reply_m2), 43, 132, &g), 0);
	CU_ASSERT_EQUAL(g.rows, 24);
	CU_ASSERT_EQUAL(g.cols, 80);
	CU_ASSERT_FALSE(g.addr14);
	CU_ASSERT_EQUAL(ds_query_usable_area(reply_m5, sizeof(reply_m5), 43, 132, &g), 0);
	CU_ASSERT_EQUAL(g.rows, 27);
	CU_ASSERT_EQUAL(g.cols, 132);
	/* The caller's bounds: 132 columns are too many for a screen of at most 80. */
	g = m2;
	CU_ASSERT_EQUAL(ds_query_usable_area(reply_m5, sizeof(reply_m5), 43, 80, &g), DS_ERANGE);
	CU_ASSERT_EQUAL(g.rows, 24);
	CU_ASSERT_EQUAL(g.cols, 80);
}

static void test_query_malformed(void)
{
	static const uint8_t not_sf[] = { AID_ENTER, 0x40, 0x40 };
	static const uint8_t zero_len[] = { AID_STRUCT, 0x00, 0x00, 0x81, 0x81 };
	static const uint8_t too_long[] = { AID_STRUCT, 0x00, 0x20, 0x81, 0x81, 0x00, 0x00 };
	static const uint8_t ua_short[] = { AID_STRUCT, 0x00, 0x08, 0x81, 0x81, 0x00, 0x00, 0x00,
					    0x50 };
	static const uint8_t no_ua[] = { AID_STRUCT, 0x00, 0x06, 0x81, 0x80, 0x80, 0x81 };
	static const uint8_t small[] = { AID_STRUCT, 0x00, 0x0a, 0x81, 0x81, 0x00, 0x00, 0x00,
					 0x50, 0x00, 0x17 };
	static const uint8_t huge[] = { AID_STRUCT, 0x00, 0x0a, 0x81, 0x81, 0x00, 0x00, 0xff,
					0xff, 0xff, 0xff };
	/* A good Usable Area followed by garbage: the size stands. */
	static const uint8_t good_then_bad[] = { AID_STRUCT, 0x00, 0x0a, 0x81, 0x81, 0x00, 0x00,
						 0x00, 0x50, 0x00, 0x20, 0x00, 0x02, 0x81 };
	struct screen_geom g = m2;

	CU_ASSERT_EQUAL(ds_query_usable_area(not_sf, sizeof(not_sf), 43, 132, &g), DS_EINVAL);
	CU_ASSERT_EQUAL(ds_query_usable_area(not_sf, 0, 43, 132, &g), DS_EINVAL);
	CU_ASSERT_EQUAL(ds_query_usable_area(reply_m2, 1, 43, 132, &g), DS_ENOENT);
	CU_ASSERT_EQUAL(ds_query_usable_area(zero_len, sizeof(zero_len), 43, 132, &g), DS_ETRUNC);
	CU_ASSERT_EQUAL(ds_query_usable_area(too_long, sizeof(too_long), 43, 132, &g), DS_ETRUNC);
	CU_ASSERT_EQUAL(ds_query_usable_area(ua_short, sizeof(ua_short), 43, 132, &g), DS_ENOENT);
	CU_ASSERT_EQUAL(ds_query_usable_area(no_ua, sizeof(no_ua), 43, 132, &g), DS_ENOENT);
	CU_ASSERT_EQUAL(ds_query_usable_area(small, sizeof(small), 43, 132, &g), DS_ERANGE);
	CU_ASSERT_EQUAL(ds_query_usable_area(huge, sizeof(huge), 43, 132, &g), DS_ERANGE);
	CU_ASSERT_EQUAL(g.rows, 24);
	CU_ASSERT_EQUAL(g.cols, 80);
	CU_ASSERT_EQUAL(ds_query_usable_area(good_then_bad, sizeof(good_then_bad), 43, 132, &g), 0);
	CU_ASSERT_EQUAL(g.rows, 32);
	CU_ASSERT_EQUAL(g.cols, 80);
}

/* Every prefix of a reply ending inside the Usable Area tells no size and reads no further. */
static void test_query_every_truncation(void)
{
	for (size_t n = 0; n < sizeof(reply_m5); n++) {
		uint8_t *copy = malloc(n ? n : 1);
		struct screen_geom g = m2;

		memcpy(copy, reply_m5, n);
		CU_ASSERT(ds_query_usable_area(copy, n, 43, 132, &g) < 0);
		CU_ASSERT_EQUAL(g.rows, 24);
		CU_ASSERT_EQUAL(g.cols, 80);
		free(copy);
	}
}

UNIT_SUITE(ds_out, UNIT_CASE(test_models), UNIT_CASE(test_code_table), UNIT_CASE(test_sba_12bit),
	   UNIT_CASE(test_sba_14bit), UNIT_CASE(test_sba_off_screen), UNIT_CASE(test_cmd_wcc),
	   UNIT_CASE(test_sf), UNIT_CASE(test_sfe_mf_sa), UNIT_CASE(test_ic_pt_ra_eua),
	   UNIT_CASE(test_text), UNIT_CASE(test_whole_screen), UNIT_CASE(test_overflow),
	   UNIT_CASE(test_overflow_every_size), UNIT_CASE(test_addr_round_trip),
	   UNIT_CASE(test_addr_decode_forms))

UNIT_SUITE(rm_in, UNIT_CASE(test_rm_enter_two_fields), UNIT_CASE(test_rm_short_reads),
	   UNIT_CASE(test_rm_pf12), UNIT_CASE(test_rm_aids), UNIT_CASE(test_rm_variants),
	   UNIT_CASE(test_rm_malformed), UNIT_CASE(test_rm_buffer_bounds),
	   UNIT_CASE(test_rm_every_truncation), UNIT_CASE(test_rm_random),
	   UNIT_CASE(test_rm_round_trip))

UNIT_SUITE(sf, UNIT_CASE(test_read_partition_query), UNIT_CASE(test_query_usable_area),
	   UNIT_CASE(test_query_malformed), UNIT_CASE(test_query_every_truncation))

UNIT_MAIN(UNIT_REG(ds_out), UNIT_REG(rm_in), UNIT_REG(sf))
