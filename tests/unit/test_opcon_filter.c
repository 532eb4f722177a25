/* Unit tests for sorting emulator output (console/vm64/filter.c): CP text from noise,
 * events, PSW parsing, and cutting bytes into lines. */
#include "../../console/vm64/filter.h"

#include <stdio.h>
#include <string.h>

#include "cunit_main.h"

/* ---- classification ---- */

static struct filter_result feed(struct filter *f, const char *line)
{
	return filter_line(f, line);
}

static void test_hercules_banner_is_noise(void)
{
	struct filter f;
	struct filter_result r;

	filter_init(&f, MACHINE_HERCULES);
	filter_expect_echo(&f, "ipl ipl/cp.ins", true);
	CU_ASSERT_EQUAL(feed(&f, "Hercules Version 3.13").kind, LINE_NOISE);
	CU_ASSERT_EQUAL(feed(&f, "  Debian").kind, LINE_NOISE);
	CU_ASSERT_EQUAL(feed(&f, "Crypto module loaded (c) Copyright Bernard van der Helm").kind,
			LINE_NOISE);
	CU_ASSERT_EQUAL(feed(&f, "HHCAO001I Hercules Automatic Operator thread started;").kind,
			LINE_NOISE);
	CU_ASSERT_EQUAL(feed(&f, "          tid=7F11EEC176C0, pri=0, pid=6635").kind, LINE_NOISE);
	/* the echo of our IPL command ends the start-up noise */
	CU_ASSERT_EQUAL(feed(&f, "ipl ipl/cp.ins").kind, LINE_NOISE);
	CU_ASSERT_EQUAL(feed(&f, "HHCCP007I CPU0000 architecture mode set to ESA/390").kind,
			LINE_NOISE);
	r = feed(&f, "CPU0000: SIGP Set architecture mode (12) CPU0000, PARM 00000001: CC 0");
	CU_ASSERT_EQUAL(r.kind, LINE_NOISE);
	CU_ASSERT_EQUAL(feed(&f, "VM/64 Version 0 Release 1.0 (64-bit), IPL at 11/23/26").kind,
			LINE_CP);
}

static void test_hercules_cp_lines_and_echo(void)
{
	struct filter f;
	struct filter_result r;

	filter_init(&f, MACHINE_HERCULES);
	filter_expect_echo(&f, "ipl ipl/cp.ins", true);
	feed(&f, "ipl ipl/cp.ins");
	r = feed(&f, " VMCIPL002I CP ready; enter a command, or HELP for a list");
	CU_ASSERT_EQUAL(r.kind, LINE_CP);
	CU_ASSERT_EQUAL(r.event, FE_CP_READY);
	CU_ASSERT_EQUAL(r.skip, 1);
	filter_expect_echo(&f, ".q time", false);
	CU_ASSERT_EQUAL(feed(&f, ".q time").kind, LINE_NOISE);
	CU_ASSERT_EQUAL(feed(&f, ".q time").kind, LINE_CP); /* only once */
	CU_ASSERT_EQUAL(feed(&f, "TIME IS 21:11:04 UTC MONDAY 11/23/26").kind, LINE_CP);
	/* CP text indented like a HELP list stays CP text, also after a Hercules message */
	CU_ASSERT_EQUAL(feed(&f, "  QUERY   TIME|STORAGE").kind, LINE_CP);
	feed(&f, "HHCTE009I Client 127.0.0.1 connected to 3270 device 0:0020");
	CU_ASSERT_EQUAL(feed(&f, "  SHUTDOWN").kind, LINE_CP);
	/* an echo that never came is dropped when a later one arrives */
	filter_expect_echo(&f, ".a", false);
	filter_expect_echo(&f, ".b  ", false); /* trailing blanks do not matter */
	CU_ASSERT_EQUAL(feed(&f, ".b").kind, LINE_NOISE);
	CU_ASSERT_EQUAL(feed(&f, ".a").kind, LINE_CP);
	CU_ASSERT_EQUAL(f.echo_count, 0);
}

static void test_echo_queue_bounded(void)
{
	struct filter f;
	char cmd[32];

	filter_init(&f, MACHINE_HERCULES);
	for (int i = 0; i < FILTER_ECHO_MAX + 5; i++) {
		snprintf(cmd, sizeof(cmd), ".c%d", i);
		filter_expect_echo(&f, cmd, false);
	}
	CU_ASSERT_EQUAL(f.echo_count, FILTER_ECHO_MAX);
	f.ipl_seen = true;
	CU_ASSERT_EQUAL(feed(&f, ".c0").kind, LINE_CP); /* the oldest went */
	CU_ASSERT_EQUAL(feed(&f, ".c20").kind, LINE_NOISE);
}

static void test_shutdown_events(void)
{
	struct filter f;
	struct filter_result r;

	filter_init(&f, MACHINE_HERCULES);
	f.ipl_seen = true;
	CU_ASSERT_EQUAL(feed(&f, " VMCSHU962W System shutdown started by OPERATOR; all users will "
				 "be logged off").event,
			FE_SHUTDOWN_STARTED);
	CU_ASSERT_EQUAL(feed(&f, " VMCSHU960I System shutdown complete").event, FE_SHUTDOWN_DONE);
	r = feed(&f, "HHCCP011I CPU0000: Disabled wait state");
	CU_ASSERT_EQUAL(r.kind, LINE_NOISE);
	CU_ASSERT_EQUAL(r.event, FE_NONE);
	r = feed(&f, "          PSW=00020001 80000000 0000000000000FFF");
	CU_ASSERT_EQUAL(r.kind, LINE_NOISE);
	CU_ASSERT_EQUAL(r.event, FE_WAIT_PSW);
	CU_ASSERT_EQUAL(r.psw_addr, 0xFFF);
	CU_ASSERT(filter_psw_clean(r.psw_addr));
	/* the same line again is just noise */
	r = feed(&f, "          PSW=00020001 80000000 0000000000000FFF");
	CU_ASSERT_EQUAL(r.event, FE_NONE);
}

static void test_abend_and_unclean_wait(void)
{
	struct filter f;
	struct filter_result r;

	filter_init(&f, MACHINE_HERCULES);
	f.ipl_seen = true;
	r = feed(&f, " VMC0PA999S CP ABEND PRG004 at 0000000000021234");
	CU_ASSERT_EQUAL(r.kind, LINE_CP);
	CU_ASSERT_EQUAL(r.event, FE_ABEND);
	/* CP's own form: code and name from the abend table (cp/abend.c), then the text. */
	r = feed(&f, " VMC0PA999S CP ABEND 0400 ASSERT: pool->nfree < pool->nframes AT "
		     "cp/mm/frames.c:129");
	CU_ASSERT_EQUAL(r.kind, LINE_CP);
	CU_ASSERT_EQUAL(r.event, FE_ABEND);
	/* PSW on the same line */
	r = feed(&f, "HHCCP011I CPU0000: Disabled wait PSW=00020000 80000000 0000000000DEAD00");
	CU_ASSERT_EQUAL(r.event, FE_WAIT_PSW);
	CU_ASSERT_EQUAL(r.psw_addr, 0xDEAD00);
	CU_ASSERT_FALSE(filter_psw_clean(r.psw_addr));
}

/*
 * Issue 11: a user's MSG or a guest's console line that reads like CP's ABEND (or any other
 * life-cycle message) is shown, never taken as an event; only CP's marked lines are.
 */
static void test_forged_lines_raise_no_event(void)
{
	static const char *const forged[] = {
		"VMC0PA999S CP ABEND 0001: forged by a guest",
		"VMCSHU960I System shutdown complete",
		"VMCSHU961I System shutdown initiated by USER01",
		"VMCIPL002I CP ready; enter a command, or HELP for a list",
		"MSG FROM USER01  : hello.VMC0PA999S CP ABEND",
		"TEST001 : VMC0PA999S CP ABEND",
		"VMCCMD001E Unknown CP command: ABEND",
		"  VMC0PA999S CP ABEND",
		".VMC0PA999S CP ABEND",
	};
	static const enum machine machines[] = { MACHINE_HERCULES, MACHINE_QEMU };
	struct filter f;
	struct filter_result r;

	for (unsigned m = 0; m < 2; m++) {
		filter_init(&f, machines[m]);
		f.ipl_seen = true;
		for (unsigned i = 0; i < sizeof(forged) / sizeof(forged[0]); i++) {
			r = feed(&f, forged[i]);
			CU_ASSERT_EQUAL(r.kind, LINE_CP);
			CU_ASSERT_EQUAL(r.event, FE_NONE);
			CU_ASSERT_EQUAL(r.skip, 0);
		}
	}
	/* QEMU passes the mark byte; a blank is no mark there */
	filter_init(&f, MACHINE_QEMU);
	CU_ASSERT_EQUAL(feed(&f, " VMC0PA999S CP ABEND").event, FE_NONE);
	r = feed(&f, "\001VMC0PA999S CP ABEND 0021: NO STORAGE");
	CU_ASSERT_EQUAL(r.event, FE_ABEND);
	CU_ASSERT_EQUAL(r.skip, 1);
	/* Hercules shows the mark as one blank */
	filter_init(&f, MACHINE_HERCULES);
	f.ipl_seen = true;
	r = feed(&f, " VMC0PA999S CP ABEND 0021: NO STORAGE");
	CU_ASSERT_EQUAL(r.event, FE_ABEND);
	CU_ASSERT_EQUAL(r.skip, 1);
}

static void test_port_busy(void)
{
	struct filter f;

	filter_init(&f, MACHINE_HERCULES);
	CU_ASSERT_EQUAL(feed(&f, "HHCTE002W Waiting for port 3270 to become free").event,
			FE_PORT_BUSY);
}

static void test_qemu_all_cp(void)
{
	struct filter f;
	struct filter_result r;

	filter_init(&f, MACHINE_QEMU);
	r = feed(&f, "\001VMCIPL002I CP ready; enter a command, or HELP for a list");
	CU_ASSERT_EQUAL(r.kind, LINE_CP);
	CU_ASSERT_EQUAL(r.event, FE_CP_READY);
	CU_ASSERT_EQUAL(feed(&f, "HHC looks like Hercules but is CP's text here").kind, LINE_CP);
	CU_ASSERT_EQUAL(feed(&f, "").kind, LINE_CP);
}

static void test_parse_psw(void)
{
	uint64_t a = 0;

	CU_ASSERT_EQUAL(filter_parse_psw("PSW=0002000180000000000000000000ABCD", &a), 0);
	CU_ASSERT_EQUAL(a, 0xABCD);
	CU_ASSERT_EQUAL(filter_parse_psw("x PSW=000A0000 80012345", &a), 0); /* ESA/390 */
	CU_ASSERT_EQUAL(a, 0x12345);
	CU_ASSERT_EQUAL(filter_parse_psw("PSW=0002", &a), -1);
	CU_ASSERT_EQUAL(filter_parse_psw("no psw here", &a), -1);
	CU_ASSERT(filter_psw_clean(0x1FFF));
	CU_ASSERT_FALSE(filter_psw_clean(0xFFE));
}

static void test_status_lines(void)
{
	CU_ASSERT(filter_is_status("STATUS=CP00 PSW=00000000 00000000"));
	CU_ASSERT(filter_is_status("MIPS=   0.00"));
	CU_ASSERT(filter_is_status("DEVX="));
	CU_ASSERT_FALSE(filter_is_status("HHCHD900I Begin shutdown sequence"));
	CU_ASSERT_FALSE(filter_is_status("=x"));
	CU_ASSERT_FALSE(filter_is_status(""));
}

static void test_printable(void)
{
	char out[32];

	CU_ASSERT_EQUAL(filter_printable("a\tb\x1b[2Jc", out, sizeof(out), false), 8);
	CU_ASSERT_STRING_EQUAL(out, "a b.[2Jc");
	filter_printable("caf\xe9", out, sizeof(out), true);
	CU_ASSERT_STRING_EQUAL(out, "caf\xc3\xa9");
	filter_printable("caf\xe9", out, sizeof(out), false);
	CU_ASSERT_STRING_EQUAL(out, "caf\xe9");
	CU_ASSERT_EQUAL(filter_printable("abcdef", out, 4, false), 3);
	CU_ASSERT_STRING_EQUAL(out, "abc");
	CU_ASSERT_EQUAL(filter_printable("\xe9\xe9", out, 4, true), 2); /* no split character */
	CU_ASSERT_EQUAL(filter_printable("x", out, 0, false), 0);
}

/* ---- line buffers ---- */

static char got[16][FILTER_LINE_MAX];
static int ngot;

static void collect(void *ctx, const char *line)
{
	(void)ctx;
	if (ngot < 16)
		snprintf(got[ngot], sizeof(got[0]), "%s", line);
	ngot++;
}

static void feed_str(struct linebuf *lb, const char *s)
{
	linebuf_feed(lb, s, strlen(s), collect, NULL);
}

static void test_linebuf_terminated(void)
{
	struct linebuf lb;

	ngot = 0;
	linebuf_init(&lb, LB_TERMINATED);
	feed_str(&lb, "one\r\ntw");
	CU_ASSERT_EQUAL(ngot, 1);
	CU_ASSERT_STRING_EQUAL(got[0], "one");
	CU_ASSERT(linebuf_pending(&lb));
	feed_str(&lb, "o\n\nthree");
	CU_ASSERT_EQUAL(ngot, 3);
	CU_ASSERT_STRING_EQUAL(got[1], "two");
	CU_ASSERT_STRING_EQUAL(got[2], "");
	linebuf_flush(&lb, collect, NULL);
	CU_ASSERT_EQUAL(ngot, 4);
	CU_ASSERT_STRING_EQUAL(got[3], "three");
	CU_ASSERT_FALSE(linebuf_pending(&lb));
}

static void test_linebuf_leading(void)
{
	struct linebuf lb;

	/* QEMU's line-mode console: "\n" begins each message. */
	ngot = 0;
	linebuf_init(&lb, LB_LEADING);
	feed_str(&lb, "\nVM/64 Version\nVMCIPL002I CP ready");
	CU_ASSERT_EQUAL(ngot, 1);
	CU_ASSERT_STRING_EQUAL(got[0], "VM/64 Version");
	CU_ASSERT(linebuf_pending(&lb));
	/* quiet: the session shows the partial line */
	linebuf_flush(&lb, collect, NULL);
	CU_ASSERT_EQUAL(ngot, 2);
	CU_ASSERT_STRING_EQUAL(got[1], "VMCIPL002I CP ready");
	CU_ASSERT_FALSE(linebuf_pending(&lb));
	linebuf_flush(&lb, collect, NULL);
	CU_ASSERT_EQUAL(ngot, 2);
	/* the next message's "\n" does not repeat it */
	feed_str(&lb, "\nTIME IS 21:11:04\nCONNECT=");
	CU_ASSERT_EQUAL(ngot, 3);
	CU_ASSERT_STRING_EQUAL(got[2], "TIME IS 21:11:04");
	/* an empty message is an empty line */
	feed_str(&lb, "\n\nafter");
	CU_ASSERT_EQUAL(ngot, 5);
	CU_ASSERT_STRING_EQUAL(got[3], "CONNECT=");
	CU_ASSERT_STRING_EQUAL(got[4], "");
	/* text after a flush, before the line end, comes as its own line */
	linebuf_flush(&lb, collect, NULL);
	feed_str(&lb, " more\n");
	CU_ASSERT_EQUAL(ngot, 7);
	CU_ASSERT_STRING_EQUAL(got[5], "after");
	CU_ASSERT_STRING_EQUAL(got[6], " more");
	/* an open empty line at quiet time is an empty message */
	CU_ASSERT(linebuf_pending(&lb));
	linebuf_flush(&lb, collect, NULL);
	CU_ASSERT_EQUAL(ngot, 8);
	CU_ASSERT_STRING_EQUAL(got[7], "");
	feed_str(&lb, "\nx");
	CU_ASSERT_EQUAL(ngot, 8);
}

static void test_linebuf_long_lines(void)
{
	static char big[FILTER_LINE_MAX * 2 + 10];
	struct linebuf lb;

	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 2] = '\n';
	ngot = 0;
	linebuf_init(&lb, LB_TERMINATED);
	feed_str(&lb, big);
	CU_ASSERT_EQUAL(ngot, 3);
	CU_ASSERT_EQUAL(strlen(got[0]), FILTER_LINE_MAX - 1);
	ngot = 0;
	linebuf_init(&lb, LB_LEADING);
	big[sizeof(big) - 2] = 'x';
	feed_str(&lb, "\n");
	feed_str(&lb, big);
	CU_ASSERT_EQUAL(ngot, 2);
	feed_str(&lb, "\n");
	CU_ASSERT_EQUAL(ngot, 3);
	CU_ASSERT_EQUAL(strlen(got[2]), sizeof(big) - 1 - 2 * (FILTER_LINE_MAX - 1));
	feed_str(&lb, "y");
	linebuf_flush(&lb, collect, NULL);
	CU_ASSERT_STRING_EQUAL(got[3], "y");
}

UNIT_SUITE(opcon_filter, UNIT_CASE(test_hercules_banner_is_noise),
	   UNIT_CASE(test_hercules_cp_lines_and_echo), UNIT_CASE(test_echo_queue_bounded),
	   UNIT_CASE(test_shutdown_events), UNIT_CASE(test_abend_and_unclean_wait),
	   UNIT_CASE(test_forged_lines_raise_no_event), UNIT_CASE(test_port_busy),
	   UNIT_CASE(test_qemu_all_cp), UNIT_CASE(test_parse_psw),
	   UNIT_CASE(test_status_lines), UNIT_CASE(test_printable),
	   UNIT_CASE(test_linebuf_terminated), UNIT_CASE(test_linebuf_leading),
	   UNIT_CASE(test_linebuf_long_lines))

UNIT_MAIN(UNIT_REG(opcon_filter))
