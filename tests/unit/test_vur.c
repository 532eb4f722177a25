/*
 * Unit tests for the channel programs of the virtual unit-record devices (cp/spool/vur.c),
 * whose CCWs are fetched by the disks' walker (cp/vdev/ccwprog.c): SENSE ID reached through a
 * TIC, and the channel-program checks: TIC as the first CCW, TIC to a TIC, a TIC loop (the
 * CCW limit), data chaining, IDAWs, an invalid command code, a CCW off a doubleword; the
 * reader over a spool area in memory: a file read card by card, as Linux's reader loader
 * reads it (20 chained READs a channel program), and by DIAG X'14' page by page, comes back
 * byte-exact with the unit exception (cc 1) at its end, in one volume transfer per run of
 * SPOOL_RA_PAGES pages (cp/spool/spool.c's read-ahead).
 */
#include <string.h>

#include <cp/spool.h>
#include <cp/users.h>
#include <cp/vdev.h>
#include <cp/vm.h>
#include <cp/vur.h>

#include "cunit_main.h"
#include "fake_chan.h"
#include "fake_gmem.h"
#include "../../cp/icpt/icpt.h"

#define CP_AT 0x1000
#define BUF   0x3000
#define OK    0x0c00 /* channel end + device end */
#define PCHK  0x0020 /* program check */

static struct vm *vm;
static struct vsubchannel *sch;

static void ccw1(unsigned i, uint8_t cmd, uint8_t flags, uint16_t count, uint32_t data)
{
	fake_ccw1(vm, CP_AT + 8 * i, cmd, flags, count, data);
}

/* Starts the format-1 program at @cpa on the printer: device status << 8 | subchannel status. */
static unsigned run_at(uint32_t cpa)
{
	return fake_run(sch, cpa);
}

static unsigned run(void)
{
	return run_at(CP_AT);
}

static void setup(void)
{
	struct user_entry ue;
	struct vur *u;

	memset(&ue, 0, sizeof(ue));
	vm = fake_vm_new(1 << 20);
	CU_ASSERT_PTR_NOT_NULL_FATAL(vm);
	vur_define(vm, &ue);
	u = vur_find(vm, 0x00e);
	CU_ASSERT_PTR_NOT_NULL_FATAL(u);
	sch = &u->sch;
	sch->enabled = true; /* as MSCH would */
}

static void teardown(void)
{
	vur_release(vm);
	fake_vm_free(vm);
	vm = 0;
}

static void test_sense_id_through_tic(void)
{
	uint8_t *b;

	setup();
	ccw1(0, 0x03, 0x40, 1, 0);	      /* NOP, command chained */
	ccw1(1, 0x08, 0, 0, CP_AT + 24);      /* TIC */
	ccw1(3, 0xe4, 0x20, 7, BUF);	      /* SENSE ID, SLI */
	CU_ASSERT_EQUAL(run(), OK);
	b = fake_abs(vm, BUF);
	CU_ASSERT(b[0] == 0xff && b[1] == 0x14 && b[2] == 0x03);
	ccw1(0, 0x03, 0, 1, 0);
	CU_ASSERT_EQUAL(run(), OK);
	teardown();
}

static void test_program_checks(void)
{
	setup();
	ccw1(0, 0x08, 0, 0, CP_AT + 8);	      /* TIC first */
	ccw1(1, 0x03, 0, 1, 0);
	CU_ASSERT_EQUAL(run(), PCHK);
	ccw1(0, 0x03, 0x40, 1, 0);
	ccw1(1, 0x08, 0, 0, CP_AT + 16);      /* TIC to a TIC */
	ccw1(2, 0x08, 0, 0, CP_AT);
	CU_ASSERT_EQUAL(run(), PCHK);
	ccw1(0, 0x03, 0x40, 1, 0);
	ccw1(1, 0x08, 0, 0, CP_AT);	      /* a loop: ends at the CCW limit */
	CU_ASSERT_EQUAL(run(), PCHK);
	ccw1(0, 0x03, 0x80, 1, 0);	      /* data chaining */
	CU_ASSERT_EQUAL(run(), PCHK);
	ccw1(0, 0x03, 0x04, 1, 0);	      /* IDAW */
	CU_ASSERT_EQUAL(run(), PCHK);
	ccw1(0, 0x03, 0, 0, 0);		      /* count 0: valid in a format-1 CCW */
	CU_ASSERT_EQUAL(run(), OK);
	ccw1(0, 0x00, 0, 1, 0);		      /* invalid command code */
	CU_ASSERT_EQUAL(run(), PCHK);
	ccw1(0, 0x03, 0x40, 1, 0);
	ccw1(1, 0x08, 0, 0, CP_AT + 20);      /* TIC off a doubleword */
	CU_ASSERT_EQUAL(run(), PCHK);
	ccw1(0, 0x03, 0x40, 1, 0);	      /* the second CCW is data chained */
	ccw1(1, 0x03, 0x80, 1, 0);
	CU_ASSERT_EQUAL(run(), PCHK);
	ccw1(0, 0x03, 0, 1, 0);		      /* the device still works */
	CU_ASSERT_EQUAL(run(), OK);
	teardown();
}

/* ---- the reader over a spool area in memory ---- */

#define AREA_PAGES 200
#define CARDS	   (48 * 40 + 7) /* 41 spool pages, one after the other */
#define PER_PROG   20

static uint8_t area[AREA_PAGES][SPOOL_PAGE_SIZE];
static unsigned data_reads; /* transfers of data pages (single pages or runs) */

static int vread(void *ctx, uint32_t page, void *buf)
{
	(void)ctx;
	if (page >= AREA_PAGES)
		return -1;
	data_reads += page >= SPOOL_DATA_START;
	memcpy(buf, area[page], SPOOL_PAGE_SIZE);
	return 0;
}

static int vwrite(void *ctx, uint32_t page, const void *buf)
{
	(void)ctx;
	if (page >= AREA_PAGES)
		return -1;
	memcpy(area[page], buf, SPOOL_PAGE_SIZE);
	return 0;
}

static int vread_pages(void *ctx, uint32_t page, unsigned n, void *buf)
{
	(void)ctx;
	if (page + n > AREA_PAGES)
		return -1;
	data_reads++;
	memcpy(buf, area[page], n * SPOOL_PAGE_SIZE);
	return 0;
}

static const struct spool_vol_ops area_ops = {vread, vwrite, NULL, vread_pages};

static void card_of(unsigned k, uint8_t *c)
{
	memset(c, (uint8_t)(k * 7), 80);
	c[0] = (uint8_t)(k >> 8);
	c[1] = (uint8_t)k;
	c[79] = (uint8_t)~k;
}

/* A reader file of CARDS cards for TESTUSER; its spool ID. */
static uint16_t reader_file(uint8_t flags)
{
	static uint8_t page[SPOOL_PAGE_SIZE];
	uint8_t c[80];
	int err;
	struct spool_file *f = spool_open(SPQ_RDR, "TESTUSER", "OTHER", 'A', 1, &err);

	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	for (unsigned k = 0; k < CARDS; k++) {
		card_of(k, c);
		CU_ASSERT_EQUAL_FATAL(spool_put(f, page, 0x41, c, 80), 0);
	}
	CU_ASSERT_EQUAL_FATAL(spool_close(f, page), 0);
	CU_ASSERT_EQUAL_FATAL(f->npages, 41);
	f->flags |= flags;
	return f->id;
}

static void reader_setup(void)
{
	memset(area, 0, sizeof(area));
	setup();
	sch = &vur_find(vm, 0x00c)->sch;
	sch->enabled = true;
	CU_ASSERT_EQUAL_FATAL(spool_init(&area_ops, NULL, AREA_PAGES, NULL), SPOOL_NEW);
}

/* Reads the reader's file with channel programs of PER_PROG chained 80-byte READs until the
 * unit exception, which should come after @expect cards; the cards it got, each checked
 * against card_of(). */
static unsigned read_cards(unsigned expect, bool *exact)
{
	unsigned got = 0, st;

	*exact = true;
	for (unsigned prog = 0; prog < CARDS; prog++) {
		for (unsigned i = 0; i < PER_PROG; i++)
			ccw1(i, 0x02, i + 1 < PER_PROG ? 0x40 : 0, 80, BUF + 80 * i);
		memset(fake_abs(vm, BUF), 0, 80 * PER_PROG);
		st = run();
		for (unsigned i = 0; i < PER_PROG && got < CARDS + 1; i++) {
			uint8_t want[80];

			if (st != OK && i >= expect % PER_PROG)
				break;
			card_of(got, want);
			*exact = *exact && memcmp(fake_abs(vm, BUF + 80 * i), want, 80) == 0;
			got++;
		}
		if (st != OK) {
			/* channel end, device end, unit exception, after the last card */
			CU_ASSERT_EQUAL(st, OK | 0x0100);
			break;
		}
	}
	return got;
}

static void test_reader_card_by_card(void)
{
	bool exact;
	uint16_t id;

	reader_setup();
	id = reader_file(0);
	data_reads = 0;
	CU_ASSERT_EQUAL(read_cards(CARDS, &exact), CARDS);
	CU_ASSERT(exact);
	/* one transfer per 16 pages (41 pages: 3), not one a page */
	CU_ASSERT_EQUAL(data_reads, (41 + SPOOL_RA_PAGES - 1) / SPOOL_RA_PAGES);
	CU_ASSERT_PTR_NULL(spool_find(id)); /* read: purged */
	/* KEEP: kept and held; read again after it is released, the same cards */
	id = reader_file(SPF_KEEP);
	CU_ASSERT_EQUAL(read_cards(CARDS, &exact), CARDS);
	CU_ASSERT(exact);
	CU_ASSERT_PTR_NOT_NULL_FATAL(spool_find(id));
	CU_ASSERT(spool_find(id)->flags & SPF_HOLD);
	spool_find(id)->flags &= (uint8_t)~SPF_HOLD;
	data_reads = 0;
	CU_ASSERT_EQUAL(read_cards(CARDS, &exact), CARDS);
	CU_ASSERT(exact);
	CU_ASSERT_EQUAL(data_reads, (41 + SPOOL_RA_PAGES - 1) / SPOOL_RA_PAGES);
	spool_purge(spool_find(id));
	/* a page in the middle with a bad header: the cards before it, then the end */
	id = reader_file(0);
	area[spool_find(id)->first_page + 30][15] ^= 1;
	CU_ASSERT_EQUAL(read_cards(30 * 48, &exact), 30 * 48);
	CU_ASSERT(exact);
	teardown();
}

/* DIAG X'14' subcode 0: the file's pages one by one as they are on the volume, cc 1 after
 * the last, in one transfer per run. */
static void test_diag14_pages(void)
{
	struct vcpu *v;
	uint16_t id;
	unsigned n = 0, cc;
	bool exact = true;

	reader_setup();
	id = reader_file(0);
	v = &vm->vcpu;
	data_reads = 0;
	for (;;) {
		v->gprs[2] = BUF + 0x1000 - BUF % 0x1000; /* a 4 KB-aligned buffer */
		v->gprs[4] = 0x00c;
		v->gprs[5] = 0;
		CU_ASSERT_EQUAL_FATAL(diag_14(v, 2, 4, 0x14), 0);
		cc = (unsigned)(v->psw_mask >> PSW_CC_SHIFT) & 3;
		if (cc != 0)
			break;
		exact = exact && n < 41 &&
			memcmp(fake_abs(vm, v->gprs[2]), area[SPOOL_DATA_START + n], SPOOL_PAGE_SIZE) ==
			    0;
		n++;
	}
	CU_ASSERT_EQUAL(cc, 1);
	CU_ASSERT_EQUAL(n, 41);
	CU_ASSERT(exact);
	CU_ASSERT_EQUAL(data_reads, (41 + SPOOL_RA_PAGES - 1) / SPOOL_RA_PAGES);
	CU_ASSERT_PTR_NULL(spool_find(id));
	teardown();
}

UNIT_SUITE(vur, UNIT_CASE(test_sense_id_through_tic), UNIT_CASE(test_program_checks),
	   UNIT_CASE(test_reader_card_by_card), UNIT_CASE(test_diag14_pages))

UNIT_MAIN(UNIT_REG(vur))
