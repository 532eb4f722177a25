/*
 * Unit tests for the logo screen (console/3270/logo.c): the Erase/Write applied to a simulated
 * terminal on models 2, 4 and 5 (banner, info and message lines, labelled fields and their
 * attributes, cursor, prefilled user ID), replies typed by the operator or built by hand
 * parsed back into the three fields, and replies that do not belong to the logo screen.
 */
#include <string.h>
#include "cunit_main.h"
#include "term3270_sim.h"
#include <console/logo.h>
#include <console/screen.h>

static const struct screen_geom m2 = { .rows = 24, .cols = 80 };
static const struct screen_geom m2_14 = { .rows = 24, .cols = 80, .addr14 = true };
static const struct screen_geom m4 = { .rows = 43, .cols = 80 };
static const struct screen_geom m5 = { .rows = 27, .cols = 132 };

static struct term3270 T;
static uint8_t sbuf[SCR_STREAM_MAX];
static struct ds_buf out;
static char tb[1024];
static struct rm_input rm;

static int draw(const struct screen_geom *g, const char *sysname, const char *info,
		const char *message, const char *userid)
{
	int cmd;

	term3270_init(&T, g);
	ds_init(&out, sbuf, sizeof(sbuf));
	cmd = logo_render(g, sysname, info, message, userid, &out);
	CU_ASSERT_FALSE(out.overflow);
	if (cmd > 0)
		CU_ASSERT_EQUAL(term_apply(&T, (uint8_t)cmd, sbuf, out.len), 0);
	return cmd;
}

static unsigned int at(const struct screen_geom *g, unsigned int row, unsigned int col)
{
	return row * g->cols + col;
}

/* The operator presses @aid on the terminal; the reply is parsed for the logo screen. */
static int reply(const struct screen_geom *g, uint8_t aid, struct logo_input *li)
{
	uint8_t in[1024];
	size_t n = term_read_modified(&T, aid, in, sizeof(in));

	memset(&rm, 0, sizeof(rm));
	rm.buf = tb;
	rm.buf_size = sizeof(tb);
	CU_ASSERT_EQUAL(rm_parse(in, n, g, &rm), 0);
	return logo_parse(g, &rm, li);
}

static void check_layout(const struct screen_geom *g, int cmd)
{
	unsigned int R = g->rows, C = g->cols;
	char b[200];

	CU_ASSERT_EQUAL(draw(g, "VM64", "VM/64 ONLINE", "Welcome", NULL), cmd);
	CU_ASSERT_EQUAL(T.last_wcc, TW_KR | TW_RESET_MDT);
	/* the labels and their fields */
	CU_ASSERT_TRUE(term_has(&T, R - 4, 1, "USERID   ===>"));
	CU_ASSERT_TRUE(term_has(&T, R - 3, 1, "PASSWORD ===>"));
	CU_ASSERT_TRUE(term_has(&T, R - 2, 1, "COMMAND  ===>"));
	CU_ASSERT_TRUE(T.is_attr[at(g, R - 4, 14)]);
	CU_ASSERT_EQUAL(T.attr[at(g, R - 4, 14)], TF_NORMAL);
	CU_ASSERT_EQUAL(T.attr[at(g, R - 3, 14)], TF_NONDISP);
	CU_ASSERT_EQUAL(T.attr[at(g, R - 2, 14)], TF_NORMAL);
	/* each field stopped by a protected attribute right after it */
	CU_ASSERT_TRUE(T.is_attr[at(g, R - 4, 15 + 8)]);
	CU_ASSERT_TRUE(T.is_attr[at(g, R - 3, 15 + 8)]);
	CU_ASSERT_TRUE(T.is_attr[at(g, R - 2, 15 + 60)]);
	CU_ASSERT_TRUE(term_protected(&T, at(g, R - 4, 23)));
	CU_ASSERT_TRUE(term_protected(&T, at(g, R - 2, 75)));
	for (unsigned int a = 0, n = 0; a < R * C; a++) {
		n += !term_protected(&T, a);
		if (a == R * C - 1)
			CU_ASSERT_EQUAL(n, 8 + 8 + 60);
	}
	/* the cursor at USERID */
	CU_ASSERT_EQUAL(T.cursor, at(g, R - 4, 15));
	/* banner, info, message */
	CU_ASSERT_PTR_NOT_NULL(strstr(term_visible(&T, 2, 0, C, b), "V   V"));
	CU_ASSERT_PTR_NOT_NULL(strstr(term_visible(&T, 6, 0, C, b), "V"));
	CU_ASSERT_PTR_NOT_NULL(strstr(term_visible(&T, 4, 0, C, b), "44444"));
	CU_ASSERT_PTR_NOT_NULL(strstr(term_visible(&T, 8, 0, C, b), "VM/64 ONLINE"));
	CU_ASSERT_TRUE(term_has(&T, R - 5, 1, "Welcome "));
	CU_ASSERT_EQUAL(term_field_attr(&T, at(g, R - 5, 1)), TF_PROT | TF_INTENSE);
	CU_ASSERT_TRUE(term_protected(&T, 0));
	CU_ASSERT_EQUAL(term_field_attr(&T, at(g, 3, 3)) & TF_INTENSE, 0);
	CU_ASSERT_TRUE(term_has(&T, R - 1, C - 20, "RUNNING     VM64"));
}

static void test_layout_models(void)
{
	check_layout(&m2, TC_EWRITE);
	check_layout(&m2_14, TC_EWRITE);
	check_layout(&m4, TC_EWRITEA);
	check_layout(&m5, TC_EWRITEA);
}

static void test_banner(void)
{
	static const char *const rows[5] = {
		"  #     ### ",
		" ##    #   #",
		"  #     ### ",
		"  #    #   #",
		" ###    ### ",
	};
	char b[81];

	/* "18" is 12 columns wide, centred: columns 34-45 */
	CU_ASSERT_EQUAL(draw(&m2, "18", "", "", NULL), TC_EWRITE);
	for (int r = 0; r < 5; r++) {
		char want[13];

		for (int i = 0; i < 12; i++)
			want[i] = rows[r][i] == '#' ? (i < 6 ? '1' : '8') : ' ';
		want[12] = '\0';
		term_visible(&T, 2 + r, 34, 12, b);
		CU_ASSERT_STRING_EQUAL(b, want);
	}
	/* lower case is drawn in capitals */
	draw(&m2, "ab-z", "", "", NULL);
	CU_ASSERT_PTR_NOT_NULL(strstr(term_visible(&T, 4, 0, 80, b), "-----"));
	CU_ASSERT_PTR_NOT_NULL(strstr(term_visible(&T, 4, 0, 80, b), "AAAAA"));
	CU_ASSERT_PTR_NULL(strchr(b, 'a'));
	/* names the font lacks or too long: plain text, centred on the middle row */
	draw(&m2, "VM/64", "", "", NULL);
	CU_ASSERT_TRUE(term_has(&T, 4, 37, "VM/64"));
	CU_ASSERT_TRUE(term_row_blank(&T, 2));
	draw(&m2, "SYSTEMNAME", "", "", NULL);
	CU_ASSERT_TRUE(term_has(&T, 4, 35, "SYSTEMNAME"));
	/* eight characters, the widest banner, fits */
	draw(&m2, "WWWWWWWW", "", "", NULL);
	CU_ASSERT_TRUE(term_has(&T, 2, 13, "W   W"));
	CU_ASSERT_TRUE(term_has(&T, 2, 62, "W   W"));
	/* nothing at all */
	CU_ASSERT_EQUAL(draw(&m2, NULL, NULL, NULL, NULL), TC_EWRITE);
	for (unsigned int r = 0; r < 20; r++)
		CU_ASSERT_TRUE(term_row_blank(&T, r) || r == 17 || r == 18);
	CU_ASSERT_TRUE(term_has(&T, 23, 60, "RUNNING             "));
}

static void test_long_texts(void)
{
	char info[200], msg[200], b[81];

	memset(info, 'i', sizeof(info) - 1);
	info[sizeof(info) - 1] = '\0';
	memset(msg, 'm', sizeof(msg) - 1);
	msg[sizeof(msg) - 1] = '\0';
	CU_ASSERT_EQUAL(draw(&m2, "VM64", info, msg, "TOOLONGUSERID"), TC_EWRITE);
	term_visible(&T, 8, 0, 80, b);
	CU_ASSERT_EQUAL(strspn(b + 1, "i"), 78);
	term_visible(&T, 19, 1, 79, b);
	CU_ASSERT_EQUAL(strspn(b, "m"), LOGO_MESSAGE_LEN);
	CU_ASSERT_TRUE(term_has(&T, 20, 15, "TOOLONGU"));
	CU_ASSERT_TRUE(T.is_attr[at(&m2, 20, 23)]);
	CU_ASSERT_TRUE(term_has(&T, 21, 1, "PASSWORD ===>"));
}

static void test_round_trip_typed(void)
{
	static const struct screen_geom *gs[] = { &m2, &m4, &m5, &m2_14 };
	struct logo_input li;

	for (int i = 0; i < 4; i++) {
		const struct screen_geom *g = gs[i];

		draw(g, "VM64", "", "", NULL);
		CU_ASSERT_EQUAL(term_type(&T, "maint"), 0);
		CU_ASSERT_EQUAL(term_type_at(&T, g->rows - 3u, 15, "pass1"), 0);
		CU_ASSERT_EQUAL(term_type_at(&T, g->rows - 2u, 15, "  query names  "), 0);
		CU_ASSERT_EQUAL(reply(g, AID_ENTER, &li), 0);
		CU_ASSERT_STRING_EQUAL(li.userid, "MAINT");
		CU_ASSERT_STRING_EQUAL(li.password, "pass1");
		CU_ASSERT_STRING_EQUAL(li.command, "query names");
		/* the password was not visible */
		CU_ASSERT_TRUE(term_has(&T, g->rows - 3u, 15, "        "));
	}
	/* typing past the end of USERID stops at its protected attribute */
	draw(&m2, "VM64", "", "", NULL);
	CU_ASSERT_EQUAL(term_type(&T, "123456789"), -1);
	CU_ASSERT_EQUAL(reply(&m2, AID_ENTER, &li), 0);
	CU_ASSERT_STRING_EQUAL(li.userid, "12345678");
	/* nothing typed: all empty */
	draw(&m2, "VM64", "", "", NULL);
	CU_ASSERT_EQUAL(reply(&m2, AID_ENTER, &li), 0);
	CU_ASSERT_STRING_EQUAL(li.userid, "");
	CU_ASSERT_STRING_EQUAL(li.password, "");
	CU_ASSERT_STRING_EQUAL(li.command, "");
	/* a short read (PA1, Clear) has no fields */
	CU_ASSERT_EQUAL(reply(&m2, AID_CLEAR, &li), 0);
	CU_ASSERT_STRING_EQUAL(li.command, "");
}

static void test_prefilled_userid(void)
{
	struct logo_input li;

	CU_ASSERT_EQUAL(draw(&m2, "VM64", "", "Enter your password", "maint"), TC_EWRITE);
	CU_ASSERT_EQUAL(T.cursor, at(&m2, 21, 15));
	CU_ASSERT_TRUE(term_has(&T, 20, 15, "maint "));
	CU_ASSERT_EQUAL(T.attr[at(&m2, 20, 14)], TF_MDT);
	/* only the password typed: the user ID still comes back */
	CU_ASSERT_EQUAL(term_type(&T, "secret"), 0);
	CU_ASSERT_EQUAL(reply(&m2, AID_ENTER, &li), 0);
	CU_ASSERT_STRING_EQUAL(li.userid, "MAINT");
	CU_ASSERT_STRING_EQUAL(li.password, "secret");
	/* "" is no user ID */
	draw(&m2, "VM64", "", "", "");
	CU_ASSERT_EQUAL(T.cursor, at(&m2, 20, 15));
}

/* A reply built by hand with the builder and ds_addr_encode(). */
static int synthetic(const struct screen_geom *g, const uint8_t *body, size_t n,
		     struct logo_input *li)
{
	uint8_t in[256];
	struct ds_buf b;

	ds_init(&b, in, sizeof(in));
	ds_byte(&b, AID_ENTER);
	CU_ASSERT_EQUAL(ds_addr_encode(g, at(g, g->rows - 3u, 20), in + 1), 0);
	b.len += 2;
	memcpy(in + b.len, body, n);
	b.len += n;
	memset(&rm, 0, sizeof(rm));
	rm.buf = tb;
	rm.buf_size = sizeof(tb);
	CU_ASSERT_EQUAL(rm_parse(in, b.len, g, &rm), 0);
	return logo_parse(g, &rm, li);
}

static size_t field(const struct screen_geom *g, uint8_t *p, unsigned int row, unsigned int col,
		    const char *text)
{
	struct ds_buf b;

	ds_init(&b, p, 128);
	ds_sba(&b, g, row, col);
	ds_text(&b, text, strlen(text));
	CU_ASSERT_FALSE(b.overflow);
	return b.len;
}

static void test_synthetic_replies(void)
{
	static const struct screen_geom *gs[] = { &m2, &m4, &m5 };
	struct logo_input li;
	uint8_t body[256];
	size_t n;

	for (int i = 0; i < 3; i++) {
		const struct screen_geom *g = gs[i];
		unsigned int R = g->rows;

		n = field(g, body, R - 4, 15, " Op1 ");
		n += field(g, body + n, R - 3, 15, "Pw x");
		CU_ASSERT_EQUAL(synthetic(g, body, n, &li), 0);
		CU_ASSERT_STRING_EQUAL(li.userid, "OP1");
		CU_ASSERT_STRING_EQUAL(li.password, "Pw x");
		CU_ASSERT_STRING_EQUAL(li.command, "");
		/* the command alone */
		n = field(g, body, R - 2, 15, "LOGON MAINT");
		CU_ASSERT_EQUAL(synthetic(g, body, n, &li), 0);
		CU_ASSERT_STRING_EQUAL(li.userid, "");
		CU_ASSERT_STRING_EQUAL(li.command, "LOGON MAINT");
		/* a field the logo screen does not have */
		n = field(g, body, R - 4, 15, "MAINT");
		n += field(g, body + n, R - 4, 16, "X");
		CU_ASSERT_EQUAL(synthetic(g, body, n, &li), -1);
		CU_ASSERT_STRING_EQUAL(li.userid, "");
		n = field(g, body, R - 2, 1, "x");
		CU_ASSERT_EQUAL(synthetic(g, body, n, &li), -1);
		n = field(g, body, 0, 0, "x");
		CU_ASSERT_EQUAL(synthetic(g, body, n, &li), -1);
		/* CP's screen's input line is not the logo's */
		n = field(g, body, R - 2, 1, "query");
		CU_ASSERT_EQUAL(synthetic(g, body, n, &li), -1);
	}
	/* nulls dropped, blanks trimmed, overlong data cut to the field */
	n = field(&m2, body, 20, 15, "");
	body[n++] = 0x00;
	body[n++] = 0x40;
	body[n++] = 0x94;		/* m */
	body[n++] = 0x00;
	body[n++] = 0x81;		/* a */
	body[n++] = 0x40;
	n += field(&m2, body + n, 22, 15,
		   "0123456789012345678901234567890123456789012345678901234567890123456789");
	n += field(&m2, body + n, 21, 15, "123456789");
	CU_ASSERT_EQUAL(synthetic(&m2, body, n, &li), 0);
	CU_ASSERT_STRING_EQUAL(li.userid, "MA");
	CU_ASSERT_EQUAL(strlen(li.command), LOGO_COMMAND_LEN);
	CU_ASSERT_STRING_EQUAL(li.password, "12345678");
	/* an unformatted reply (data at address 0) is not for us */
	{
		static const uint8_t raw[] = { AID_ENTER, 0x40, 0x40, 0xc1 };

		memset(&rm, 0, sizeof(rm));
		rm.buf = tb;
		rm.buf_size = sizeof(tb);
		CU_ASSERT_EQUAL(rm_parse(raw, sizeof(raw), &m2, &rm), 0);
		CU_ASSERT_EQUAL(logo_parse(&m2, &rm, &li), -1);
	}
	/* parse and render agree on a geometry too small to use (drawn as 24x80) */
	{
		static const struct screen_geom tiny = { .rows = 12, .cols = 40 };

		n = field(&m2, body, 20, 15, "op");
		CU_ASSERT_EQUAL(synthetic(&m2, body, n, &li), 0);
		CU_ASSERT_EQUAL(logo_parse(&tiny, &rm, &li), 0);
		CU_ASSERT_STRING_EQUAL(li.userid, "OP");
		ds_init(&out, sbuf, sizeof(sbuf));
		CU_ASSERT_EQUAL(logo_render(&tiny, "VM64", "", "", NULL, &out), TC_EWRITE);
	}
}

static void test_small_buffer(void)
{
	uint8_t small[100];
	size_t full;

	ds_init(&out, sbuf, sizeof(sbuf));
	CU_ASSERT_EQUAL(logo_render(&m5, "WWWWWWWW", "info", "message", "user", &out),
			TC_EWRITEA);
	full = out.len;
	CU_ASSERT(full > sizeof(small));
	CU_ASSERT(full < SCR_STREAM_MAX);
	ds_init(&out, small, sizeof(small));
	CU_ASSERT_EQUAL(logo_render(&m5, "WWWWWWWW", "info", "message", "user", &out), -1);
	ds_init(&out, sbuf, full);
	CU_ASSERT_EQUAL(logo_render(&m5, "WWWWWWWW", "info", "message", "user", &out),
			TC_EWRITEA);
	ds_init(&out, sbuf, full - 1);
	CU_ASSERT_EQUAL(logo_render(&m5, "WWWWWWWW", "info", "message", "user", &out), -1);
}

UNIT_SUITE(logo, UNIT_CASE(test_layout_models), UNIT_CASE(test_banner),
	   UNIT_CASE(test_long_texts), UNIT_CASE(test_round_trip_typed),
	   UNIT_CASE(test_prefilled_userid), UNIT_CASE(test_synthetic_replies),
	   UNIT_CASE(test_small_buffer))

UNIT_MAIN(UNIT_REG(logo))
