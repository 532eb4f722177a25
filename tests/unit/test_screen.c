/*
 * Unit tests for CP's line-mode 3270 screen (console/3270/screen.c): golden first draw, the
 * layout on models 2, 4 and 5, incremental writes that leave the input field alone, Enter,
 * PA1/PA2/Clear/PF keys, retrieve, hidden input, paging (MORE..., HOLDING, seen screens,
 * TERMINAL MORE and HOLD), line wrapping and queue overflow. Streams are checked byte for
 * byte where short, and otherwise by applying them to the simulated terminal of
 * term3270_sim.c and looking at what the operator would see.
 */
#include <stdlib.h>
#include <string.h>
#include "cunit_main.h"
#include "term3270_sim.h"
#include <console/screen.h>

static const struct screen_geom m2 = { .rows = 24, .cols = 80 };
static const struct screen_geom m2_14 = { .rows = 24, .cols = 80, .addr14 = true };
static const struct screen_geom m4 = { .rows = 43, .cols = 80 };
static const struct screen_geom m5 = { .rows = 27, .cols = 132 };

#define SEC 1000000ull

static struct scr S;
static struct term3270 T;
static uint8_t sbuf[SCR_STREAM_MAX];
static struct ds_buf out;
static uint64_t now;
static char line[512];

/* Render at the current time and apply what comes out to the terminal. */
static int render(void)
{
	int cmd;

	ds_init(&out, sbuf, sizeof(sbuf));
	cmd = scr_render(&S, now, &out);
	CU_ASSERT(cmd >= 0);
	CU_ASSERT_FALSE(out.overflow);
	CU_ASSERT(out.len <= SCR_STREAM_MAX);
	if (cmd > 0)
		CU_ASSERT_EQUAL(term_apply(&T, (uint8_t)cmd, sbuf, out.len), 0);
	return cmd;
}

static void setup(const struct screen_geom *g)
{
	now = 1000 * SEC;
	scr_init(&S, g, "VM64");
	term3270_init(&T, g);
	CU_ASSERT(render() > 0);
}

static unsigned int addr_of(unsigned int row, unsigned int col)
{
	return row * S.geom.cols + col;
}

static unsigned int in_start(void)
{
	return addr_of(S.geom.rows - 2u, 1);
}

static unsigned int in_end(void)
{
	return addr_of(S.geom.rows - 1u, S.geom.cols - 21u);
}

/* The operator presses @aid; the reply is parsed and given to the screen. */
static enum scr_action press(uint8_t aid)
{
	static char tb[2048];
	uint8_t in[2048];
	struct rm_input r = { .buf = tb, .buf_size = sizeof(tb) };
	size_t n = term_read_modified(&T, aid, in, sizeof(in));

	CU_ASSERT_EQUAL(rm_parse(in, n, &S.geom, &r), 0);
	return scr_key(&S, &r, now, line, sizeof(line));
}

/* The operator types @s into the input field and presses Enter. */
static enum scr_action enter(const char *s)
{
	T.cursor = in_start();
	CU_ASSERT_EQUAL(term_type(&T, s), 0);
	return press(AID_ENTER);
}

static bool status_is(const char *word)
{
	char want[21];

	snprintf(want, sizeof(want), "%-12s%-8s", word, S.sysname);
	return term_has(&T, S.geom.rows - 1u, S.geom.cols - 20u, want);
}

static void output_lines(unsigned int first, unsigned int n)
{
	char b[32];

	for (unsigned int i = first; i < first + n; i++) {
		snprintf(b, sizeof(b), "line %u", i);
		scr_output(&S, b, strlen(b));
	}
}

static bool row_is(unsigned int row, const char *s)
{
	char b[SCR_MAX_COLS + 1];

	term_visible(&T, row, 0, S.geom.cols, b);
	for (size_t i = strlen(b); i > 0 && b[i - 1] == ' '; i--)
		b[i - 1] = '\0';
	return strcmp(b, s) == 0;
}

/* ---- layout ---- */

static void test_first_render_golden(void)
{
	static const uint8_t want[] = {
		0xc3,						/* WCC KR, reset MDT */
		TO_SBA, 0x5d, 0x6b, TO_SF, 0xe8,		/* (23,59) prot, intense */
		0xc3, 0xd7, 0x40, 0xd9, 0xc5, 0xc1, 0xc4,	/* "CP READ" */
		0x40, 0x40, 0x40, 0x40, 0x40,
		0xe5, 0xd4, 0xf6, 0xf4, 0x40, 0x40, 0x40, 0x40,	/* "VM64" */
		TO_SBA, 0x5b, 0x60, TO_SF, 0x40,		/* (22,0) unprotected */
		TO_SBA, 0x5b, 0x61, TO_IC,			/* cursor (22,1) */
	};

	now = 5;
	scr_init(&S, &m2, "VM64");
	ds_init(&out, sbuf, sizeof(sbuf));
	CU_ASSERT_EQUAL(scr_render(&S, now, &out), TC_EWRITE);
	CU_ASSERT_EQUAL(out.len, sizeof(want));
	CU_ASSERT(out.len == sizeof(want) && memcmp(sbuf, want, sizeof(want)) == 0);
	/* up to date now */
	ds_init(&out, sbuf, sizeof(sbuf));
	CU_ASSERT_EQUAL(scr_render(&S, now, &out), 0);
	CU_ASSERT_EQUAL(out.len, 0);
	CU_ASSERT_EQUAL(scr_deadline(&S), 0);
}

static void check_layout(const struct screen_geom *g, int cmd)
{
	unsigned int R = g->rows, C = g->cols, nattr;

	scr_init(&S, g, "SYSTEM01");
	term3270_init(&T, g);
	now = 0;
	CU_ASSERT_EQUAL(render(), cmd);
	CU_ASSERT_EQUAL(T.last_wcc, TW_KR | TW_RESET_MDT);
	CU_ASSERT_TRUE(T.is_attr[(R - 1) * C + C - 21]);
	CU_ASSERT_EQUAL(T.attr[(R - 1) * C + C - 21], TF_PROT | TF_INTENSE);
	CU_ASSERT_TRUE(T.is_attr[(R - 2) * C]);
	CU_ASSERT_EQUAL(T.attr[(R - 2) * C], 0);
	CU_ASSERT_EQUAL(T.cursor, (R - 2) * C + 1);
	CU_ASSERT_TRUE(term_has(&T, R - 1, C - 20, "CP READ     SYSTEM01"));
	/* exactly two fields; the output area is protected by the wrapping status field */
	nattr = 0;
	for (unsigned int a = 0; a < R * C; a++)
		nattr += T.is_attr[a];
	CU_ASSERT_EQUAL(nattr, 2);
	CU_ASSERT_TRUE(term_protected(&T, 0));
	CU_ASSERT_TRUE(term_protected(&T, (R - 2) * C - 1));
	CU_ASSERT_FALSE(term_protected(&T, (R - 2) * C + 1));
	CU_ASSERT_FALSE(term_protected(&T, (R - 1) * C + C - 22));

	/* a full screen of full-width rows, with more waiting */
	for (unsigned int i = 0; i < R; i++) {
		char b[SCR_MAX_COLS];

		memset(b, 'a' + (int)(i % 26), C);
		scr_output(&S, b, C);
	}
	CU_ASSERT_EQUAL(render(), TC_WRITE);
	CU_ASSERT_TRUE(status_is("MORE..."));
	CU_ASSERT_TRUE(term_has(&T, 0, 0, "aaaa"));
	CU_ASSERT_EQUAL(T.text[(R - 3) * C + C - 1], (char)('a' + (int)((R - 3) % 26)));
	CU_ASSERT_FALSE(term_touched(&T, (R - 2) * C, (R - 1) * C + C - 21));
	/* the whole screen again, full, fits */
	scr_redraw(&S);
	CU_ASSERT_EQUAL(render(), cmd);
	CU_ASSERT(out.len > (R - 2) * C);
	CU_ASSERT_TRUE(status_is("MORE..."));
	CU_ASSERT_EQUAL(T.text[(R - 3) * C + C - 1], (char)('a' + (int)((R - 3) % 26)));
}

static void test_layout_models(void)
{
	check_layout(&m2, TC_EWRITE);
	check_layout(&m4, TC_EWRITEA);
	check_layout(&m5, TC_EWRITEA);
	check_layout(&m2_14, TC_EWRITE);
	/* 14-bit addresses were used */
	scr_init(&S, &m2_14, "VM64");
	ds_init(&out, sbuf, sizeof(sbuf));
	scr_render(&S, 0, &out);
	CU_ASSERT_EQUAL(sbuf[1], TO_SBA);
	CU_ASSERT_EQUAL(sbuf[2], 0x07);
	CU_ASSERT_EQUAL(sbuf[3], 0x6b);
}

static void test_bad_geometry(void)
{
	static const struct screen_geom tiny = { .rows = 2, .cols = 10 };
	static const struct screen_geom huge = { .rows = 62, .cols = 160 };

	scr_init(&S, &tiny, "X");
	CU_ASSERT_EQUAL(S.geom.rows, 24);
	CU_ASSERT_EQUAL(S.geom.cols, 80);
	scr_resize(&S, &huge);
	CU_ASSERT_EQUAL(S.geom.rows, 24);
	ds_init(&out, sbuf, sizeof(sbuf));
	CU_ASSERT_EQUAL(scr_render(&S, 0, &out), TC_EWRITE);
	scr_init(&S, NULL, NULL);
	CU_ASSERT_EQUAL(S.geom.cols, 80);
	CU_ASSERT_STRING_EQUAL(S.sysname, "");
	scr_init(&S, &m2, "LONGSYSTEMNAME");
	CU_ASSERT_STRING_EQUAL(S.sysname, "LONGSYST");
}

/* ---- output and incremental writes ---- */

static void test_output_leaves_input_alone(void)
{
	setup(&m2);
	T.cursor = in_start();
	CU_ASSERT_EQUAL(term_type(&T, "half typed"), 0);
	scr_output(&S, "line one\nline two", 17);
	CU_ASSERT_EQUAL(scr_pending(&S), 2);
	CU_ASSERT_EQUAL(render(), TC_WRITE);
	CU_ASSERT_EQUAL(scr_pending(&S), 0);
	CU_ASSERT_EQUAL(T.last_wcc, 0);
	CU_ASSERT_FALSE(T.last_ic);
	CU_ASSERT_TRUE(row_is(0, "line one"));
	CU_ASSERT_TRUE(row_is(1, "line two"));
	CU_ASSERT_TRUE(row_is(2, ""));
	CU_ASSERT_FALSE(term_touched(&T, in_start() - 1, in_end()));
	CU_ASSERT_TRUE(term_has(&T, 22, 1, "half typed"));
	CU_ASSERT_EQUAL(T.attr[in_start() - 1] & TF_MDT, TF_MDT);
	CU_ASSERT_EQUAL(T.cursor, in_start() + 10);
	/* golden: the third line alone */
	scr_output(&S, "ab", 2);
	ds_init(&out, sbuf, sizeof(sbuf));
	CU_ASSERT_EQUAL(scr_render(&S, now, &out), TC_WRITE);
	{
		static const uint8_t want[] = { 0x40, TO_SBA, 0xc2, 0x60 /* (2,0)=160 */,
						0x81, 0x82, TO_RA, 0xc3, 0xf0 /* 240 */, 0x40 };

		CU_ASSERT(out.len == sizeof(want) && memcmp(sbuf, want, sizeof(want)) == 0);
	}
	/* mode changes touch only the status text */
	CU_ASSERT_EQUAL(term_apply(&T, TC_WRITE, sbuf, out.len), 0);
	scr_set_mode(&S, SCR_MODE_RUNNING);
	CU_ASSERT_EQUAL(render(), TC_WRITE);
	CU_ASSERT_TRUE(status_is("RUNNING"));
	CU_ASSERT_FALSE(term_touched(&T, 0, addr_of(23, 60)));
	CU_ASSERT_EQUAL(T.last_wcc, 0);
	scr_set_mode(&S, SCR_MODE_VM_READ);
	CU_ASSERT_EQUAL(render(), TC_WRITE);
	CU_ASSERT_TRUE(status_is("VM READ"));
	CU_ASSERT_TRUE(term_has(&T, 22, 1, "half typed"));
	CU_ASSERT_EQUAL(render(), 0);
}

static void test_wrap_and_controls(void)
{
	char b[200];

	setup(&m2);
	for (int i = 0; i < 200; i++)
		b[i] = (char)('0' + i % 10);
	scr_output(&S, b, 200);
	CU_ASSERT_EQUAL(scr_pending(&S), 3);
	scr_output(&S, b, 80);			/* exactly one row */
	CU_ASSERT_EQUAL(scr_pending(&S), 4);
	scr_output(&S, "a\tb\x01" "c\x7f\n", 7);	/* controls blank, final \n adds nothing */
	scr_output(&S, "", 0);			/* an empty line */
	scr_output(&S, "\n\nx\n", 4);		/* two empty lines and x */
	CU_ASSERT_EQUAL(scr_pending(&S), 9);
	CU_ASSERT_EQUAL(render(), TC_WRITE);
	CU_ASSERT_TRUE(term_has(&T, 0, 0, "0123456789"));
	CU_ASSERT_TRUE(term_has(&T, 0, 70, "0123456789"));
	CU_ASSERT_TRUE(term_has(&T, 1, 0, "0123456789"));
	CU_ASSERT_TRUE(row_is(2, "0123456789012345678901234567890123456789"));
	CU_ASSERT_TRUE(term_has(&T, 3, 70, "0123456789"));
	CU_ASSERT_TRUE(row_is(4, "a b c"));
	CU_ASSERT_TRUE(row_is(5, ""));
	CU_ASSERT_TRUE(row_is(6, ""));
	CU_ASSERT_TRUE(row_is(7, ""));
	CU_ASSERT_TRUE(row_is(8, "x"));
	CU_ASSERT_EQUAL(S.used_rows, 9);
}

static void test_queue_overflow(void)
{
	setup(&m2);
	output_lines(0, SCR_QUEUE_ROWS + 88);
	CU_ASSERT_EQUAL(scr_pending(&S), SCR_QUEUE_ROWS);
	CU_ASSERT_EQUAL(S.lost_rows, 88);
	CU_ASSERT_EQUAL(render(), TC_WRITE);
	CU_ASSERT_TRUE(row_is(0, "line 88"));
	CU_ASSERT_TRUE(row_is(21, "line 109"));
	CU_ASSERT_EQUAL(scr_pending(&S), SCR_QUEUE_ROWS - 22);
	CU_ASSERT_TRUE(status_is("MORE..."));
}

/* ---- keys ---- */

static void test_enter_line(void)
{
	setup(&m2);
	CU_ASSERT_EQUAL(enter("query time   "), SCR_ACT_LINE);
	CU_ASSERT_STRING_EQUAL(line, "query time");
	CU_ASSERT_EQUAL(render(), TC_WRITE);
	CU_ASSERT_EQUAL(T.last_wcc, TW_KR | TW_RESET_MDT);
	CU_ASSERT_TRUE(T.last_ic);
	CU_ASSERT_EQUAL(T.cursor, in_start());
	CU_ASSERT_TRUE(row_is(0, "query time"));
	CU_ASSERT_TRUE(term_has(&T, 22, 1, "           "));
	CU_ASSERT_EQUAL(T.text[in_start()], '\0');
	CU_ASSERT_EQUAL(T.attr[in_start() - 1] & TF_MDT, 0);
	CU_ASSERT_FALSE(T.kb_locked);
	/* a line over both input rows, truncated to the caller's buffer */
	T.cursor = in_start();
	CU_ASSERT_EQUAL(term_type(&T, "cp"), 0);
	T.cursor = addr_of(23, 0);
	CU_ASSERT_EQUAL(term_type(&T, "x"), 0);
	{
		static char tb[512];
		uint8_t in[512];
		struct rm_input r = { .buf = tb, .buf_size = sizeof(tb) };
		char small[3];
		size_t n = term_read_modified(&T, AID_ENTER, in, sizeof(in));

		CU_ASSERT_EQUAL(rm_parse(in, n, &S.geom, &r), 0);
		CU_ASSERT_EQUAL(scr_key(&S, &r, now, small, sizeof(small)), SCR_ACT_LINE);
		CU_ASSERT_STRING_EQUAL(small, "cp");
	}
	CU_ASSERT_EQUAL(render(), TC_WRITE);
	/* 2 + 77 nulls (dropped) + x: the echo is "cp" and "x" joined by nothing */
	CU_ASSERT_TRUE(row_is(1, "cpx"));
}

static void test_enter_empty_and_other_fields(void)
{
	static char tb[64];
	struct rm_input r = { .buf = tb, .buf_size = sizeof(tb) };
	uint8_t in[16] = { AID_ENTER, 0x40, 0x40, TO_SBA, 0x40, 0x41, 0xc1 };

	setup(&m2);
	CU_ASSERT_EQUAL(enter(""), SCR_ACT_EMPTY);
	CU_ASSERT_STRING_EQUAL(line, "");
	render();
	CU_ASSERT_EQUAL(enter("    "), SCR_ACT_EMPTY);
	CU_ASSERT_EQUAL(render(), TC_WRITE);
	CU_ASSERT_TRUE(row_is(0, ""));
	/* a field elsewhere on the screen is not the input line */
	CU_ASSERT_EQUAL(rm_parse(in, 7, &S.geom, &r), 0);
	CU_ASSERT_EQUAL(scr_key(&S, &r, now, line, sizeof(line)), SCR_ACT_EMPTY);
	/* nulls inside the input are dropped */
	in[4] = 0x5b;
	in[5] = 0x61;
	in[6] = 0xc1;
	in[7] = 0x00;
	in[8] = 0xc2;
	CU_ASSERT_EQUAL(rm_parse(in, 9, &S.geom, &r), 0);
	CU_ASSERT_EQUAL(scr_key(&S, &r, now, line, sizeof(line)), SCR_ACT_LINE);
	CU_ASSERT_STRING_EQUAL(line, "AB");
	CU_ASSERT_EQUAL(scr_key(&S, &r, now, NULL, 0), SCR_ACT_LINE);
}

static void test_pa_pf_keys(void)
{
	setup(&m2);
	CU_ASSERT_EQUAL(press(AID_PA1), SCR_ACT_PA1);
	CU_ASSERT_TRUE(T.kb_locked);
	CU_ASSERT_EQUAL(render(), TC_WRITE);	/* the keyboard is restored */
	CU_ASSERT_FALSE(T.kb_locked);
	CU_ASSERT_EQUAL(T.last_wcc & TW_RESET_MDT, 0);
	CU_ASSERT_EQUAL(press(AID_PF3), SCR_ACT_PF);
	CU_ASSERT_EQUAL(S.last_pf, 3);
	CU_ASSERT_EQUAL(render(), TC_WRITE);
	CU_ASSERT_EQUAL(press(AID_PF24), SCR_ACT_PF);
	CU_ASSERT_EQUAL(S.last_pf, 24);
	CU_ASSERT_EQUAL(press(AID_PF10), SCR_ACT_PF);
	CU_ASSERT_EQUAL(S.last_pf, 10);
	CU_ASSERT_EQUAL(press(AID_PA3), SCR_ACT_NONE);
	CU_ASSERT_EQUAL(render(), TC_WRITE);
	CU_ASSERT_EQUAL(render(), 0);
}

/*
 * A key locks the keyboard; output rendered before scr_key() took the key reaches the
 * terminal after it and must leave the keyboard locked (the line still in the field); the
 * answer to the key restores it, once, together with emptying the field for Enter.
 */
static void test_keyboard_restored_by_answer_only(void)
{
	static char tb[2048];
	uint8_t in[2048];
	struct rm_input r = { .buf = tb, .buf_size = sizeof(tb) };
	size_t n;

	setup(&m2);
	CU_ASSERT_FALSE(T.kb_locked);
	T.cursor = in_start();
	CU_ASSERT_EQUAL(term_type(&T, "first line"), 0);
	n = term_read_modified(&T, AID_ENTER, in, sizeof(in));
	CU_ASSERT_TRUE(T.kb_locked);
	scr_output(&S, "guest output", 12);
	scr_set_mode(&S, SCR_MODE_RUNNING);
	CU_ASSERT_EQUAL(render(), TC_WRITE);
	CU_ASSERT_EQUAL(T.last_wcc & TW_KR, 0);
	CU_ASSERT_TRUE(T.kb_locked);
	CU_ASSERT_TRUE(term_has(&T, 22, 1, "first line"));
	CU_ASSERT_EQUAL(rm_parse(in, n, &S.geom, &r), 0);
	CU_ASSERT_EQUAL(scr_key(&S, &r, now, line, sizeof(line)), SCR_ACT_LINE);
	CU_ASSERT_EQUAL(render(), TC_WRITE);
	CU_ASSERT_EQUAL(T.last_wcc, TW_KR | TW_RESET_MDT);
	CU_ASSERT_FALSE(T.kb_locked);
	CU_ASSERT_EQUAL(T.text[in_start()], '\0');
	CU_ASSERT_TRUE(row_is(1, "first line"));
	/* The next key (PA1) and output ahead of its read: restored once, by the answer. */
	CU_ASSERT_EQUAL(term_type(&T, "typed"), 0);
	n = term_read_modified(&T, AID_PA1, in, sizeof(in));
	scr_output(&S, "more output", 11);
	CU_ASSERT_EQUAL(render(), TC_WRITE);
	CU_ASSERT_TRUE(T.kb_locked);
	CU_ASSERT_EQUAL(rm_parse(in, n, &S.geom, &r), 0);
	CU_ASSERT_EQUAL(scr_key(&S, &r, now, line, sizeof(line)), SCR_ACT_PA1);
	CU_ASSERT_EQUAL(render(), TC_WRITE);
	CU_ASSERT_TRUE(term_has(&T, 22, 1, "typed"));	/* PA1 leaves the field alone */
	CU_ASSERT_EQUAL(T.last_wcc, TW_KR);
	CU_ASSERT_FALSE(T.kb_locked);
	/* An Erase/Write (Clear, resize) always does: it empties the field. */
	scr_redraw(&S);
	CU_ASSERT_EQUAL(render(), TC_EWRITE);
	CU_ASSERT_EQUAL(T.last_wcc, TW_KR | TW_RESET_MDT);
}

static void test_pa2_and_clear(void)
{
	setup(&m2);
	output_lines(0, 5);
	CU_ASSERT_EQUAL(render(), TC_WRITE);
	CU_ASSERT_TRUE(row_is(4, "line 4"));
	T.cursor = in_start();
	term_type(&T, "keep");
	CU_ASSERT_EQUAL(press(AID_PA2), SCR_ACT_NONE);
	CU_ASSERT_EQUAL(render(), TC_WRITE);
	for (unsigned int r = 0; r < 22; r++)
		CU_ASSERT_TRUE(term_row_blank(&T, r));
	CU_ASSERT_TRUE(term_has(&T, 22, 1, "keep"));
	CU_ASSERT_FALSE(term_touched(&T, in_start() - 1, in_end()));
	output_lines(5, 1);
	CU_ASSERT_EQUAL(render(), TC_WRITE);
	CU_ASSERT_TRUE(row_is(0, "line 5"));

	/* Clear: the terminal erased itself; everything comes back with an Erase/Write */
	term_clear(&T);
	CU_ASSERT_EQUAL(press(AID_CLEAR), SCR_ACT_NONE);
	CU_ASSERT_EQUAL(render(), TC_EWRITE);
	CU_ASSERT_TRUE(row_is(0, ""));
	CU_ASSERT_TRUE(status_is("CP READ"));
	CU_ASSERT_TRUE(T.is_attr[in_start() - 1]);
	CU_ASSERT_EQUAL(T.cursor, in_start());
	CU_ASSERT_EQUAL(T.last_wcc, TW_KR | TW_RESET_MDT);
	output_lines(6, 1);
	CU_ASSERT_EQUAL(render(), TC_WRITE);
	CU_ASSERT_TRUE(row_is(0, "line 6"));
}

static void test_retrieve(void)
{
	char b[SCR_INPUT_MAX + 8];

	setup(&m2);
	CU_ASSERT_EQUAL(press(AID_PF12), SCR_ACT_NONE);	/* nothing to retrieve */
	CU_ASSERT_EQUAL(render(), TC_WRITE);
	CU_ASSERT_EQUAL(T.last_wcc & TW_RESET_MDT, 0);
	CU_ASSERT_EQUAL(enter("one"), SCR_ACT_LINE);
	render();
	CU_ASSERT_EQUAL(enter("two"), SCR_ACT_LINE);
	render();
	CU_ASSERT_EQUAL(enter("three"), SCR_ACT_LINE);
	render();
	CU_ASSERT_EQUAL(press(AID_PF12), SCR_ACT_NONE);
	CU_ASSERT_EQUAL(render(), TC_WRITE);
	CU_ASSERT_TRUE(term_has(&T, 22, 1, "three "));
	CU_ASSERT_EQUAL(T.cursor, in_start() + 5);
	CU_ASSERT_EQUAL(T.attr[in_start() - 1], TF_MDT);
	CU_ASSERT_FALSE(term_touched(&T, 0, in_start() - 1));
	CU_ASSERT_EQUAL(press(AID_PF12), SCR_ACT_NONE);
	render();
	CU_ASSERT_TRUE(term_has(&T, 22, 1, "two   "));
	CU_ASSERT_EQUAL(press(AID_PF12), SCR_ACT_NONE);
	render();
	CU_ASSERT_TRUE(term_has(&T, 22, 1, "one   "));
	CU_ASSERT_EQUAL(press(AID_PF12), SCR_ACT_NONE);
	render();
	CU_ASSERT_TRUE(term_has(&T, 22, 1, "three "));
	/* an unchanged Enter sends the retrieved line back */
	CU_ASSERT_EQUAL(press(AID_ENTER), SCR_ACT_LINE);
	CU_ASSERT_STRING_EQUAL(line, "three");
	render();
	CU_ASSERT_EQUAL(press(AID_PF12), SCR_ACT_NONE);
	render();
	CU_ASSERT_TRUE(term_has(&T, 22, 1, "three "));

	/* only the last SCR_RETRIEVE_LINES are kept */
	setup(&m2);
	for (int i = 0; i < SCR_RETRIEVE_LINES + 3; i++) {
		snprintf(b, sizeof(b), "cmd %d", i);
		CU_ASSERT_EQUAL(enter(b), SCR_ACT_LINE);
		render();
	}
	for (int i = SCR_RETRIEVE_LINES + 2; i >= 3; i--) {
		press(AID_PF12);
		render();
		snprintf(b, sizeof(b), "cmd %-3d", i);
		CU_ASSERT_TRUE(term_has(&T, 22, 1, b));
	}
	press(AID_PF12);
	render();
	CU_ASSERT_TRUE(term_has(&T, 22, 1, "cmd 12 "));

	/* a line filling the whole input field: the cursor stays on its last character */
	setup(&m2);
	memset(b, 'w', 138);
	b[138] = '\0';
	CU_ASSERT_EQUAL(enter(b), SCR_ACT_LINE);
	CU_ASSERT_EQUAL(strlen(line), 138);
	render();
	press(AID_PF12);
	CU_ASSERT_EQUAL(render(), TC_WRITE);
	CU_ASSERT_EQUAL(T.cursor, in_end() - 1);
	CU_ASSERT_EQUAL(T.text[in_end() - 1], 'w');
	CU_ASSERT_TRUE(status_is("CP READ"));
}

static void test_hidden_input(void)
{
	setup(&m2);
	CU_ASSERT_EQUAL(enter("logon"), SCR_ACT_LINE);
	render();
	scr_hide_input(&S, true);
	CU_ASSERT_EQUAL(render(), TC_WRITE);
	CU_ASSERT_EQUAL(T.attr[in_start() - 1] & TF_DISP_MASK, TF_NONDISP);
	T.cursor = in_start();
	term_type(&T, "secret");
	CU_ASSERT_TRUE(term_has(&T, 22, 1, "      "));	/* invisible */
	CU_ASSERT_EQUAL(press(AID_PF12), SCR_ACT_NONE);	/* no retrieve into a password */
	render();
	CU_ASSERT_EQUAL(press(AID_ENTER), SCR_ACT_LINE);
	CU_ASSERT_STRING_EQUAL(line, "secret");
	CU_ASSERT_FALSE(S.input_hidden);
	CU_ASSERT_EQUAL(render(), TC_WRITE);
	CU_ASSERT_TRUE(row_is(0, "logon"));
	CU_ASSERT_TRUE(row_is(1, ""));
	CU_ASSERT_EQUAL(T.attr[in_start() - 1] & TF_DISP_MASK, TF_NORMAL);
	press(AID_PF12);
	render();
	CU_ASSERT_TRUE(term_has(&T, 22, 1, "logon "));
	CU_ASSERT_EQUAL(S.retrieve_count, 1);
	/* hidden and then shown again before any input: field rewritten twice, not echoed */
	scr_hide_input(&S, true);
	scr_hide_input(&S, false);
	CU_ASSERT_EQUAL(render(), TC_WRITE);
	CU_ASSERT_EQUAL(T.attr[in_start() - 1], TF_NORMAL);
	/* an empty password ends the hidden state too */
	scr_hide_input(&S, true);
	render();
	CU_ASSERT_EQUAL(enter(""), SCR_ACT_EMPTY);
	CU_ASSERT_FALSE(S.input_hidden);
	/* a redraw keeps a pending password field non-display */
	scr_hide_input(&S, true);
	scr_redraw(&S);
	CU_ASSERT_EQUAL(render(), TC_EWRITE);
	CU_ASSERT_EQUAL(T.attr[in_start() - 1] & TF_DISP_MASK, TF_NONDISP);
}

static void test_not_accepted(void)
{
	setup(&m2);
	CU_ASSERT_EQUAL(enter("hello"), SCR_ACT_LINE);
	scr_not_accepted(&S);
	CU_ASSERT_EQUAL(scr_status(&S), SCR_ST_NOT_ACCEPTED);
	CU_ASSERT_EQUAL(render(), TC_WRITE);
	CU_ASSERT_TRUE(status_is("NOT ACCEPTED"));
	CU_ASSERT(T.last_wcc & TW_ALARM);
	scr_set_mode(&S, SCR_MODE_RUNNING);
	CU_ASSERT_EQUAL(render(), 0);
	CU_ASSERT_EQUAL(press(AID_PA1), SCR_ACT_PA1);
	CU_ASSERT_EQUAL(render(), TC_WRITE);
	CU_ASSERT_TRUE(status_is("RUNNING"));
	CU_ASSERT_EQUAL(T.last_wcc & TW_ALARM, 0);
}

static void test_status_texts(void)
{
	CU_ASSERT_STRING_EQUAL(scr_status_text(SCR_ST_CP_READ), "CP READ");
	CU_ASSERT_STRING_EQUAL(scr_status_text(SCR_ST_VM_READ), "VM READ");
	CU_ASSERT_STRING_EQUAL(scr_status_text(SCR_ST_RUNNING), "RUNNING");
	CU_ASSERT_STRING_EQUAL(scr_status_text(SCR_ST_MORE), "MORE...");
	CU_ASSERT_STRING_EQUAL(scr_status_text(SCR_ST_HOLDING), "HOLDING");
	CU_ASSERT_STRING_EQUAL(scr_status_text(SCR_ST_NOT_ACCEPTED), "NOT ACCEPTED");
	CU_ASSERT_STRING_EQUAL(scr_status_text((enum scr_status)99), "");
	/* priority: NOT ACCEPTED > HOLDING > MORE... > mode */
	scr_init(&S, &m2, "VM64");
	scr_set_mode(&S, SCR_MODE_VM_READ);
	CU_ASSERT_EQUAL(scr_status(&S), SCR_ST_VM_READ);
	S.more = true;
	CU_ASSERT_EQUAL(scr_status(&S), SCR_ST_MORE);
	S.holding = true;
	CU_ASSERT_EQUAL(scr_status(&S), SCR_ST_HOLDING);
	scr_not_accepted(&S);
	CU_ASSERT_EQUAL(scr_status(&S), SCR_ST_NOT_ACCEPTED);
}

/* ---- paging ---- */

static void test_more_timing(void)
{
	uint64_t t0, deadline;

	setup(&m2);
	output_lines(0, 30);
	t0 = now;
	CU_ASSERT_EQUAL(render(), TC_WRITE);
	CU_ASSERT_TRUE(status_is("MORE..."));
	CU_ASSERT_EQUAL(scr_status(&S), SCR_ST_MORE);
	CU_ASSERT_TRUE(row_is(0, "line 0"));
	CU_ASSERT_TRUE(row_is(21, "line 21"));
	CU_ASSERT_EQUAL(scr_pending(&S), 8);
	deadline = scr_deadline(&S);
	CU_ASSERT_EQUAL(deadline, t0 + SCR_DEFAULT_MORE_S * SEC);
	/* one microsecond early: nothing happens */
	now = deadline - 1;
	CU_ASSERT_EQUAL(render(), 0);
	CU_ASSERT_TRUE(row_is(21, "line 21"));
	/* more output while waiting only queues */
	output_lines(30, 2);
	CU_ASSERT_EQUAL(render(), 0);
	/* at the deadline the area is cleared and filling resumes */
	now = deadline;
	CU_ASSERT_EQUAL(render(), TC_WRITE);
	CU_ASSERT_TRUE(row_is(0, "line 22"));
	CU_ASSERT_TRUE(row_is(9, "line 31"));
	for (unsigned int r = 10; r < 22; r++)
		CU_ASSERT_TRUE(term_row_blank(&T, r));
	CU_ASSERT_TRUE(status_is("CP READ"));
	CU_ASSERT_EQUAL(scr_deadline(&S), 0);
	CU_ASSERT_FALSE(term_touched(&T, in_start() - 1, in_end()));
	CU_ASSERT_EQUAL(T.last_wcc, 0);
}

static void test_more_next(void)
{
	setup(&m2);
	scr_set_more(&S, 30, 5);
	output_lines(0, 70);
	CU_ASSERT_EQUAL(render(), TC_WRITE);
	CU_ASSERT_EQUAL(scr_deadline(&S), now + 30 * SEC);
	now += 30 * SEC;
	CU_ASSERT_EQUAL(render(), TC_WRITE);
	CU_ASSERT_TRUE(row_is(0, "line 22"));
	CU_ASSERT_TRUE(status_is("MORE..."));
	CU_ASSERT_EQUAL(scr_deadline(&S), now + 5 * SEC);
	/* PA2 clears at once, and the next full screen is a first one again */
	CU_ASSERT_EQUAL(press(AID_PA2), SCR_ACT_NONE);
	CU_ASSERT_EQUAL(render(), TC_WRITE);
	CU_ASSERT_TRUE(row_is(0, "line 44"));
	CU_ASSERT_TRUE(status_is("MORE..."));
	CU_ASSERT_EQUAL(scr_deadline(&S), now + 30 * SEC);
	/* paging off: full screens clear at once */
	scr_set_more(&S, 0, 0);
	CU_ASSERT_EQUAL(press(AID_PA2), SCR_ACT_NONE);
	CU_ASSERT_EQUAL(render(), TC_WRITE);
	CU_ASSERT_TRUE(row_is(0, "line 66"));
	CU_ASSERT_TRUE(row_is(3, "line 69"));
	CU_ASSERT_TRUE(status_is("CP READ"));
	output_lines(70, 50);
	CU_ASSERT_EQUAL(render(), TC_WRITE);
	CU_ASSERT_EQUAL(scr_pending(&S), 0);
	CU_ASSERT_EQUAL(scr_deadline(&S), 0);
	CU_ASSERT_TRUE(row_is(0, "line 110"));
	CU_ASSERT_TRUE(row_is(9, "line 119"));
	CU_ASSERT_TRUE(row_is(10, ""));
}

static void test_holding(void)
{
	setup(&m2);
	output_lines(0, 25);
	render();
	CU_ASSERT_TRUE(status_is("MORE..."));
	/* Enter with nothing typed during MORE...: HOLDING, no timer */
	CU_ASSERT_EQUAL(enter(""), SCR_ACT_NONE);
	CU_ASSERT_EQUAL(render(), TC_WRITE);
	CU_ASSERT_TRUE(status_is("HOLDING"));
	CU_ASSERT_EQUAL(scr_deadline(&S), 0);
	now += 3600 * SEC;
	CU_ASSERT_EQUAL(render(), 0);
	CU_ASSERT_TRUE(row_is(21, "line 21"));
	CU_ASSERT_EQUAL(enter(""), SCR_ACT_NONE);	/* still holding */
	render();
	CU_ASSERT_TRUE(status_is("HOLDING"));
	/* PA2 releases it */
	CU_ASSERT_EQUAL(press(AID_PA2), SCR_ACT_NONE);
	CU_ASSERT_EQUAL(render(), TC_WRITE);
	CU_ASSERT_TRUE(row_is(0, "line 22"));
	CU_ASSERT_TRUE(row_is(2, "line 24"));
	CU_ASSERT_TRUE(status_is("CP READ"));

	/* TERMINAL HOLD ON: a full screen goes straight to HOLDING; Clear releases it */
	setup(&m2);
	scr_set_hold(&S, true);
	output_lines(0, 23);
	render();
	CU_ASSERT_TRUE(status_is("HOLDING"));
	CU_ASSERT_EQUAL(scr_deadline(&S), 0);
	term_clear(&T);
	CU_ASSERT_EQUAL(press(AID_CLEAR), SCR_ACT_NONE);
	CU_ASSERT_EQUAL(render(), TC_EWRITE);
	CU_ASSERT_TRUE(row_is(0, "line 22"));
	CU_ASSERT_TRUE(status_is("CP READ"));
}

static void test_seen_screen(void)
{
	setup(&m2);
	output_lines(0, 22);		/* exactly full: no MORE... */
	render();
	CU_ASSERT_TRUE(status_is("CP READ"));
	CU_ASSERT_EQUAL(enter("next"), SCR_ACT_LINE);
	CU_ASSERT_EQUAL(render(), TC_WRITE);
	/* the echo needed room; every line had been seen, so the area cleared at once */
	CU_ASSERT_TRUE(row_is(0, "next"));
	CU_ASSERT_TRUE(term_row_blank(&T, 1));
	CU_ASSERT_TRUE(term_row_blank(&T, 21));
	CU_ASSERT_TRUE(status_is("CP READ"));

	/* a seen row gives way to new output; the unseen ones move up */
	output_lines(100, 21);
	render();
	CU_ASSERT_TRUE(status_is("CP READ"));
	output_lines(200, 1);
	render();
	CU_ASSERT_TRUE(status_is("CP READ"));
	CU_ASSERT_TRUE(row_is(0, "line 100"));
	CU_ASSERT_TRUE(row_is(21, "line 200"));
	/* a full screen of unseen rows gives MORE... */
	output_lines(201, 1);
	render();
	CU_ASSERT_TRUE(status_is("MORE..."));
	/* a line entered during MORE...: the screen counts as seen and gives way */
	CU_ASSERT_EQUAL(enter("cmd"), SCR_ACT_LINE);
	CU_ASSERT_EQUAL(render(), TC_WRITE);
	CU_ASSERT_TRUE(row_is(0, "line 201"));
	CU_ASSERT_TRUE(row_is(1, "cmd"));
	CU_ASSERT_TRUE(status_is("CP READ"));
	CU_ASSERT_EQUAL(scr_deadline(&S), 0);

	/* commands one after another: the echo of each counts as seen, so a screen that fills
	 * with commands and their answers never stops in MORE... */
	for (int i = 0; i < 30; i++) {
		CU_ASSERT_EQUAL(enter("q time"), SCR_ACT_LINE);
		output_lines(300 + 2 * i, 2);
		render();
		CU_ASSERT_TRUE(status_is("CP READ"));
	}
}

static void test_resize(void)
{
	setup(&m4);
	output_lines(0, 41);
	CU_ASSERT_EQUAL(render(), TC_WRITE);
	CU_ASSERT_TRUE(row_is(40, "line 40"));
	CU_ASSERT_TRUE(status_is("CP READ"));
	/* to a smaller screen: rows that do not fit wait again, nothing is lost */
	scr_resize(&S, &m2);
	term3270_init(&T, &m2);
	CU_ASSERT_EQUAL(render(), TC_EWRITE);
	CU_ASSERT_TRUE(row_is(0, "line 0"));
	CU_ASSERT_TRUE(row_is(21, "line 21"));
	CU_ASSERT_EQUAL(scr_pending(&S), 19);
	CU_ASSERT_EQUAL(S.lost_rows, 0);
	CU_ASSERT_TRUE(status_is("MORE..."));
	/* and to a wider one */
	scr_resize(&S, &m5);
	term3270_init(&T, &m5);
	CU_ASSERT_EQUAL(render(), TC_EWRITEA);
	CU_ASSERT_TRUE(row_is(24, "line 24"));
	CU_ASSERT_TRUE(status_is("MORE..."));
}

static void test_stream_bounds(void)
{
	static const struct screen_geom *gs[] = { &m2, &m4, &m5, &m2_14 };
	char b[SCR_MAX_COLS];
	uint8_t small[64];
	struct ds_buf sb;

	memset(b, 'M', sizeof(b));
	for (size_t i = 0; i < 4; i++) {
		setup(gs[i]);
		/* the worst case: a full area, then a clear with a full area again, retrieve */
		for (int k = 0; k < 2 * SCR_MAX_ROWS; k++)
			scr_output(&S, b, S.geom.cols);
		memset(line, 'r', 2u * S.geom.cols - 22);
		line[2u * S.geom.cols - 22] = '\0';
		render();
		now = scr_deadline(&S);
		CU_ASSERT_EQUAL(enter(line), SCR_ACT_LINE);
		press(AID_PF12);
		render();
		scr_redraw(&S);
		render();
	}
	/* a buffer that is too small: -1, and the next render redraws */
	setup(&m2);
	output_lines(0, 10);
	ds_init(&sb, small, sizeof(small));
	CU_ASSERT_EQUAL(scr_render(&S, now, &sb), -1);
	CU_ASSERT_EQUAL(render(), TC_EWRITE);
	CU_ASSERT_TRUE(row_is(9, "line 9"));
}

UNIT_SUITE(screen_layout, UNIT_CASE(test_first_render_golden), UNIT_CASE(test_layout_models),
	   UNIT_CASE(test_bad_geometry), UNIT_CASE(test_output_leaves_input_alone),
	   UNIT_CASE(test_wrap_and_controls), UNIT_CASE(test_queue_overflow),
	   UNIT_CASE(test_resize), UNIT_CASE(test_stream_bounds))

UNIT_SUITE(screen_keys, UNIT_CASE(test_enter_line), UNIT_CASE(test_enter_empty_and_other_fields),
	   UNIT_CASE(test_pa_pf_keys), UNIT_CASE(test_keyboard_restored_by_answer_only),
	   UNIT_CASE(test_pa2_and_clear), UNIT_CASE(test_retrieve),
	   UNIT_CASE(test_hidden_input), UNIT_CASE(test_not_accepted),
	   UNIT_CASE(test_status_texts))

UNIT_SUITE(screen_paging, UNIT_CASE(test_more_timing), UNIT_CASE(test_more_next),
	   UNIT_CASE(test_holding), UNIT_CASE(test_seen_screen))

UNIT_MAIN(UNIT_REG(screen_layout), UNIT_REG(screen_keys), UNIT_REG(screen_paging))
