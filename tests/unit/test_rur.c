/*
 * Unit tests for CP's real reader and printer (cp/spool/rur.c) over fake_hw.c's hw_ur_run:
 * ID cards (both forms, NAME and CLASS, what is refused), START READER putting a deck into
 * the named user's reader, a deck without an ID card dropped, START PRINTER printing and
 * purging the system printer queue, QUERY UR, and the answer when there is no such device.
 */
#include <stdio.h>
#include <string.h>

#include "cmd_machine.h"
#include "cunit_main.h"
#include "fake_hw.h"

#include <cp/cmd.h>
#include <cp/rur.h>
#include <cp/spool.h>
#include <cp/user.h>
#include <lib/ebcdic.h>

#define AREA_PAGES 100

static uint8_t area[AREA_PAGES][SPOOL_PAGE_SIZE];
static char out[64][256];
static unsigned nout;

static int vread(void *ctx, uint32_t page, void *buf)
{
	(void)ctx;
	memcpy(buf, area[page], SPOOL_PAGE_SIZE);
	return 0;
}

static int vwrite(void *ctx, uint32_t page, const void *buf)
{
	(void)ctx;
	memcpy(area[page], buf, SPOOL_PAGE_SIZE);
	return 0;
}

static const struct spool_vol_ops ops = {.read = vread, .write = vwrite, .write_pages = NULL};

static void capture(void *arg, const char *text, size_t len)
{
	(void)arg;
	if (nout < 64)
		snprintf(out[nout++], sizeof(out[0]), "%.*s", (int)len, text);
}

static int run(const char *line)
{
	struct cmd_ctx c = {.userid = "OPERATOR", .classes = CLASS_A | CLASS_D, .out = capture};

	nout = 0;
	return cmd_execute(&c, line);
}

static bool said(const char *prefix)
{
	for (unsigned i = 0; i < nout; i++)
		if (strncmp(out[i], prefix, strlen(prefix)) == 0)
			return true;
	return false;
}

static int parse(const char *text, struct rur_idcard *id)
{
	char card[80];
	size_t n = strlen(text);

	memset(card, ' ', sizeof(card));
	memcpy(card, text, n);
	return rur_parse_idcard(card, sizeof(card), id);
}

static void test_idcard(void)
{
	struct rur_idcard id;

	CU_ASSERT_EQUAL(parse("ID USER01", &id), 0);
	CU_ASSERT_STRING_EQUAL(id.userid, "USER01");
	CU_ASSERT_EQUAL(id.cls, 'A');
	CU_ASSERT_STRING_EQUAL(id.fn, "");
	CU_ASSERT_EQUAL(parse("  userid   user02  name prog deck class b", &id), 0);
	CU_ASSERT_STRING_EQUAL(id.userid, "USER02");
	CU_ASSERT_STRING_EQUAL(id.fn, "PROG");
	CU_ASSERT_STRING_EQUAL(id.ft, "DECK");
	CU_ASSERT_EQUAL(id.cls, 'B');
	CU_ASSERT_EQUAL(parse("ID $SYS#1@ NAME ONLY CLASS 7", &id), 0);
	CU_ASSERT_STRING_EQUAL(id.userid, "$SYS#1@");
	CU_ASSERT_STRING_EQUAL(id.fn, "ONLY");
	CU_ASSERT_STRING_EQUAL(id.ft, "");
	CU_ASSERT_EQUAL(id.cls, '7');
	CU_ASSERT_EQUAL(parse("ID", &id), -1);             /* no userid */
	CU_ASSERT_EQUAL(parse("IDUSER01", &id), -1);       /* one word */
	CU_ASSERT_EQUAL(parse("ID USER01234", &id), -1);   /* 9 characters */
	CU_ASSERT_EQUAL(parse("ID USER-1", &id), -1);      /* not a userid */
	CU_ASSERT_EQUAL(parse("USER USER01", &id), -1);    /* neither form */
	CU_ASSERT_EQUAL(parse("ID USER01 JUNK", &id), -1); /* an unknown operand */
	CU_ASSERT_EQUAL(parse("ID USER01 CLASS", &id), -1);
	CU_ASSERT_EQUAL(parse("ID USER01 NAME", &id), -1);
	CU_ASSERT_EQUAL(parse("HELLO WORLD", &id), -1);
	/* only 80 columns count: a word past column 80 is not seen */
	CU_ASSERT_EQUAL(rur_parse_idcard("ID USER01", 9, &id), 0);
}

static uint8_t deck[4][80];

static void card(unsigned i, const char *text)
{
	memset(deck[i], 0x40, 80);
	ascii_to_ebcdic(EBCDIC_CP1047, deck[i], text, strlen(text));
}

static void machine(void)
{
	cmd_machine_setup();
	memset(area, 0, sizeof(area));
	CU_ASSERT_EQUAL_FATAL(spool_init(&ops, NULL, AREA_PAGES, NULL), SPOOL_NEW);
	fake_devices[5] = (struct hw_device){ .schid = 0x10005, .devno = 0x000c, .enabled = true,
					      .identified = true, .dev_type = 0x3505 };
	fake_devices[6] = (struct hw_device){ .schid = 0x10006, .devno = 0x000e, .enabled = true,
					      .identified = true, .dev_type = 0x1403 };
	fake_device_count = 7;
}

static void test_reader(void)
{
	const struct spool_file *f;

	machine();
	card(0, "ID USER01 NAME HELLO DECK");
	card(1, "first card");
	card(2, "second card");
	fake_ur_deck = deck;
	fake_ur_deck_cards = 3;
	fake_ur_deck_read = 0;
	CU_ASSERT_EQUAL(run("START READER 00C"), 0);
	CU_ASSERT(said("VMCSPL026I RDR 000C STARTED 3505"));
	CU_ASSERT(said("VMCSPL027I RDR 000C: 3 cards read, RDR FILE"));
	f = spool_next(NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	CU_ASSERT_EQUAL(f->queue, SPQ_RDR);
	CU_ASSERT_STRING_EQUAL(f->owner, "USER01");
	CU_ASSERT_STRING_EQUAL(f->origin, "SYSTEM");
	CU_ASSERT_STRING_EQUAL(f->fn, "HELLO");
	CU_ASSERT_EQUAL(f->records, 2);
	CU_ASSERT_EQUAL(fake_ur_deck_read, 3);

	/* an empty hopper: nothing read, no file */
	CU_ASSERT_EQUAL(run("START 00C"), 0);
	CU_ASSERT(said("VMCSPL018I NO RDR FILES"));

	/* no ID card: the deck is read to its end and dropped */
	card(0, "NOT AN ID CARD");
	fake_ur_deck_read = 0;
	CU_ASSERT_EQUAL(run("START READER"), 28);
	CU_ASSERT(said("VMCSPL028E RDR 000C: deck of 3 cards has no ID card"));
	CU_ASSERT_EQUAL(fake_ur_deck_read, 3);
	/* an ID card for a user who is not in the directory: the same */
	card(0, "ID NOBODY");
	fake_ur_deck_read = 0;
	CU_ASSERT_EQUAL(run("START READER"), 28);
	CU_ASSERT_PTR_NULL(spool_next(f));

	CU_ASSERT_EQUAL(run("DRAIN READER"), 0);
	CU_ASSERT_EQUAL(run("QUERY 00C"), 0);
	CU_ASSERT(said("VMCSPL026I RDR 000C DRAINED 3505"));
}

static void test_printer(void)
{
	static uint8_t page[SPOOL_PAGE_SIZE];
	uint8_t line[10];
	struct spool_file *f;
	int err;

	machine();
	f = spool_open(SPQ_PRT, "USER02", "USER02", 'A', fake_tod, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	memset(line, 0xc1, sizeof(line));
	CU_ASSERT_EQUAL(spool_put(f, page, 0x09, line, sizeof(line)), 0);
	CU_ASSERT_EQUAL(spool_put(f, page, 0x8b, line, 0), 0);
	CU_ASSERT_EQUAL(spool_put(f, page, 0x09, line, sizeof(line)), 0);
	CU_ASSERT_EQUAL_FATAL(spool_close(f, page), 0);
	CU_ASSERT_EQUAL(run("QUERY UR"), 0);
	CU_ASSERT(said("VMCSPL026I PRT 000E DRAINED 1403 FILES WAITING"));
	fake_ur_writes = 0;
	CU_ASSERT_EQUAL(run("START PRINTER 00E"), 0);
	CU_ASSERT(said("VMCSPL029I PRT 000E: FILE"));
	CU_ASSERT(said("VMCSPL026I PRT 000E STARTED 1403 FILES WAITING"));
	/* skip, separator, three records */
	CU_ASSERT_EQUAL(fake_ur_writes, 5);
	CU_ASSERT_PTR_NULL(spool_next(NULL)); /* printed: purged */
	CU_ASSERT_EQUAL(run("QUERY 00E"), 0);
	CU_ASSERT(said("VMCSPL026I PRT 000E STARTED 1403 QUEUE EMPTY"));
	CU_ASSERT_EQUAL(run("DRAIN 00E"), 0);
	CU_ASSERT(said("VMCSPL026I PRT 000E DRAINED 1403"));
}

static void test_no_devices(void)
{
	machine();
	fake_device_count = 5; /* QEMU: no unit-record devices */
	CU_ASSERT_EQUAL(run("START READER"), 40);
	CU_ASSERT(said("VMCSPL025E Real device READER does not exist"));
	CU_ASSERT_EQUAL(run("START PRINTER 00E"), 40);
	CU_ASSERT(said("VMCSPL025E Real device 00E does not exist"));
	CU_ASSERT_EQUAL(run("DRAIN 00C"), 40);
	CU_ASSERT_EQUAL(run("QUERY UR"), 40);
	CU_ASSERT(said("VMCSPL025E Real device UR does not exist"));
	CU_ASSERT_EQUAL(run("START"), 26);
	CU_ASSERT_EQUAL(run("START READER 00C EXTRA"), 4);
}

UNIT_SUITE(rur, UNIT_CASE(test_idcard), UNIT_CASE(test_reader), UNIT_CASE(test_printer),
	   UNIT_CASE(test_no_devices))
UNIT_MAIN(rur_register)
