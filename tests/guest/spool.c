/*
 * The virtual unit-record devices and DIAG X'14' under VM/64 (cp/spool/vur.c, diag14.c):
 * the reader 00C, punch 00D and printer 00E found by STSCH and SENSE ID, DIAG X'24' on them,
 * an empty reader (unit check, intervention required), cards punched to the machine's own
 * reader (SPOOL 00D TO *, CLOSE 00D by DIAG X'08'), incorrect length for a short card
 * without SLI, the cards read back by READ CCWs, the file's spool-file block (DIAG X'14'
 * X'FFF') and its 4 KB spool page (X'0000'), end of file (unit exception; the file is then
 * gone), a READ whose data address is outside storage and a channel program outside storage
 * (program check), a printer line, commands a device does not have (command reject).
 * Run by tests/system/test_spool.py, IPLed from the reader (the deck is this program);
 * bare machines have no such devices: everything is skipped.
 */
#include <arch/cio.h>
#include <lib/ebcdic.h>
#include <lib/endian.h>
#include <lib/format.h>
#include <lib/string.h>

#include "diag.h"
#include "guest.h"
#include "interrupt.h"

#define RDR 0
#define PUN 1
#define PRT 2

#define ST_OK	0x0c00 /* CE+DE, no subchannel status */
#define ST_IL	0x0c40
#define ST_UE	0x0d00
#define ST_UC	0x0e00
#define ST_PCHK 0x0020

static const uint16_t devnos[3] = {0x000c, 0x000d, 0x000e};
static uint32_t sch[3];
static struct schib schib __attribute__((aligned(4)));
static struct orb orb __attribute__((aligned(8)));
static struct irb irb __attribute__((aligned(4)));
static struct ccw1 ccws[4] __attribute__((aligned(8)));
static uint8_t card[80] __attribute__((aligned(8)));
static uint8_t page[4096] __attribute__((aligned(4096)));
static uint8_t cmdbuf[80], resp[1024];

static void set_ccw(unsigned i, uint8_t cmd, uint8_t flags, uint16_t count, uint64_t data)
{
	ccws[i].cmd = cmd;
	ccws[i].flags = flags;
	ccws[i].count = count;
	ccws[i].cda = (uint32_t)data;
}

/* Runs ccws[] (or the program at @cpa) on device @d: dstat << 8 | cstat, 0xffff when it did
 * not start or end. The devices run their programs when started: TSCH finds the status. */
static unsigned run_at(unsigned d, uint32_t cpa)
{
	orb_format1(&orb, cpa, 0);
	if (ssch(sch[d], &orb) != 0 || tsch(sch[d], &irb) != 0)
		return 0xffff;
	return (unsigned)irb.scsw.dstat << 8 | irb.scsw.cstat;
}

static unsigned run(unsigned d)
{
	return run_at(d, (uint32_t)(uintptr_t)ccws);
}

static unsigned sense(unsigned d)
{
	uint8_t b = 0xaa;

	set_ccw(0, 0x04, CCW_FLAG_SLI, 1, (uintptr_t)&b);
	return run(d) == ST_OK ? b : 0x100;
}

/* A CP command by DIAG X'08'; the response (ASCII) in resp. Returns CP's rc. */
static uint32_t cp(const char *text)
{
	uint32_t rc, len;
	size_t n = strlen(text);

	ascii_to_ebcdic(EBCDIC_CP037, cmdbuf, text, n);
	memset(resp, 0, sizeof(resp));
	if (diag08((uintptr_t)cmdbuf, (uint32_t)n, (uintptr_t)resp, sizeof(resp) - 1, &rc, &len))
		len = sizeof(resp) - 1;
	if (len >= sizeof(resp))
		len = sizeof(resp) - 1;
	ebcdic_to_ascii(EBCDIC_CP037, (char *)resp, resp, len);
	resp[len] = 0;
	return rc;
}

static const char *find(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; *hay; hay++)
		if (strncmp(hay, needle, n) == 0)
			return hay;
	return 0;
}

static int diag14(uint64_t rx, uint64_t ry, uint64_t sub)
{
	register unsigned long r2 asm("2") = rx;
	register unsigned long r4 asm("4") = ry;
	register unsigned long r5 asm("5") = sub;
	int cc;

	asm volatile("diag %1,%2,0x14\n\tipm %0\n\tsrl %0,28"
		     : "=d"(cc), "+d"(r2), "+d"(r4), "+d"(r5)
		     :
		     : "cc", "memory");
	return cc;
}

static void text_card(const char *text)
{
	memset(card, 0x40, sizeof(card));
	ascii_to_ebcdic(EBCDIC_CP037, card, text, strlen(text));
}

/* card[] holds @text as a card */
static bool is_card(const char *text)
{
	uint8_t want[80];

	memset(want, 0x40, sizeof(want));
	ascii_to_ebcdic(EBCDIC_CP037, want, text, strlen(text));
	return memcmp(want, card, sizeof(want)) == 0;
}

static bool find_devices(void)
{
	unsigned found = 0;

	for (uint32_t n = 0; n < 64; n++) {
		if (stsch(SCHID(n), &schib) != 0 || !(schib.pmcw.flags1 & PMCW1_DEVNO_VALID))
			continue;
		for (unsigned d = 0; d < 3; d++)
			if (schib.pmcw.devno == devnos[d]) {
				schib.pmcw.flags1 |= PMCW1_ENABLED;
				if (msch(SCHID(n), &schib) == 0) {
					sch[d] = SCHID(n);
					found++;
				}
			}
	}
	return found == 3;
}

static void identify(void)
{
	static const uint8_t id2540[4] = {0xff, 0x25, 0x40, 0x50};
	static const uint8_t id1403[4] = {0xff, 0x14, 0x03, 0x84};
	uint8_t id[8];

	for (unsigned d = 0; d < 3; d++) {
		memset(id, 0, sizeof(id));
		set_ccw(0, 0xe4, CCW_FLAG_SLI, 7, (uintptr_t)id);
		report(run(d) == ST_OK && memcmp(id, d == PRT ? id1403 : id2540, 4) == 0,
		       "%03X: SENSE ID %02x %02x%02x %02x", devnos[d], id[0], id[1], id[2], id[3]);
	}
	{
		int32_t devno = 0x000c;
		uint32_t vdev = 0, rdev = 0;
		int cc = diag24(&devno, &vdev, &rdev);

		report(cc == 0 && (vdev >> 24) == 0x20, "DIAG X'24' 00C: cc %d class %02x", cc,
		       vdev >> 24);
	}
	/* a reader cannot write, a punch cannot read */
	set_ccw(0, 0x01, 0, 80, (uintptr_t)card);
	report(run(RDR) == ST_UC && sense(RDR) == 0x80, "WRITE to the reader: command reject");
	set_ccw(0, 0x02, 0, 80, (uintptr_t)card);
	report(run(PUN) == ST_UC && sense(PUN) == 0x80, "READ from the punch: command reject");
}

/* Punches @n cards "CARD i" to the machine's own reader; returns the reader file's ID. */
static unsigned punch_cards(unsigned n, bool short_one)
{
	char text[16];
	const char *p;
	unsigned id = 0;

	cp("SPOOL 00D TO *");
	for (unsigned i = 1; i <= n; i++) {
		ksnprintf(text, sizeof(text), "CARD %u", i);
		text_card(text);
		set_ccw(0, 0x01, 0, 80, (uintptr_t)card);
		if (run(PUN) != ST_OK)
			report(false, "punch card %u", i);
	}
	if (short_one) {
		text_card("SHORT");
		set_ccw(0, 0x01, 0, 40, (uintptr_t)card);
		report(run(PUN) == ST_IL, "a 40-byte card without SLI: incorrect length");
		set_ccw(0, 0x01, CCW_FLAG_SLI, 40, (uintptr_t)card);
		report(run(PUN) == ST_OK, "a 40-byte card with SLI: no incorrect length");
	}
	cp("CLOSE 00D");
	p = find((const char *)resp, "RDR AS");
	if (p) {
		p += 6;
		while (*p == ' ')
			p++;
		for (; *p >= '0' && *p <= '9'; p++)
			id = id * 10 + (unsigned)(*p - '0');
	}
	report(id != 0, "CLOSE 00D: %s", (const char *)resp);
	return id;
}

static void reader_cards(void)
{
	uint8_t sfb[304] __attribute__((aligned(8)));
	unsigned id, st;
	int cc;

	/* the deck this program came in (if any) is given back: the reader is empty */
	cp("CLOSE 00C");
	cp("PURGE RDR ALL");
	set_ccw(0, 0x02, 0, 80, (uintptr_t)card);
	st = run(RDR);
	report(st == ST_UC && sense(RDR) == 0x40,
	       "empty reader: unit check %04x, intervention "
	       "required",
	       st);
	id = punch_cards(3, true);
	/* its spool-file block */
	memset(sfb, 0, sizeof(sfb));
	cc = diag14((uintptr_t)sfb, 0, 0xfff);
	report(cc == 0 && get_be16(sfb + 30) == id && get_be32(sfb + 24) == 5 &&
		   get_be16(sfb + 28) == 80,
	       "DIAG X'14' X'FFF': cc %d file %u records %u", cc, get_be16(sfb + 30),
	       get_be32(sfb + 24));
	/* the first card by a READ CCW */
	memset(card, 0, sizeof(card));
	set_ccw(0, 0x02, 0, 80, (uintptr_t)card);
	st = run(RDR);
	report(st == ST_OK && is_card("CARD 1"), "READ card 1: status %04x", st);
	/* the whole page by DIAG X'14' X'0000' */
	cc = diag14((uintptr_t)page, 0x00c, 0);
	report(cc == 0 && get_be16(page + 6) == 5 && get_be16(page + 16) == 80 && page[18] == 0x01,
	       "DIAG X'14' X'0000': cc %d, %u records, the first %u bytes by CCW %02x", cc,
	       get_be16(page + 6), get_be16(page + 16), page[18]);
	text_card("CARD 1");
	report(memcmp(page + 20, card, 80) == 0, "the first record is CARD 1");
	text_card("SHORT");
	report(memcmp(page + 20 + 3 * 84, card, 40) == 0 && page[20 + 3 * 84 + 40] == 0x40,
	       "the short card is padded with blanks");
	cc = diag14((uintptr_t)page, 0x00c, 0);
	report(cc == 1, "DIAG X'14' X'0000' at the end: cc %d", cc);
	set_ccw(0, 0x02, 0, 80, (uintptr_t)card);
	report(run(RDR) == ST_UC, "the file is done: the reader is empty again");
	/* cards by READ to the end: unit exception */
	punch_cards(2, false);
	set_ccw(0, 0x02, CCW_FLAG_CC, 80, (uintptr_t)card);
	set_ccw(1, 0x02, 0, 80, (uintptr_t)card);
	st = run(RDR);
	report(st == ST_OK && is_card("CARD 2"), "two chained READs: %04x", st);
	set_ccw(0, 0x02, 0, 80, (uintptr_t)card);
	st = run(RDR);
	report(st == ST_UE, "READ after the last card: unit exception (%04x)", st);
	/* CLOSE 00C HOLD keeps a half-read file, held; released, it is read from its start */
	punch_cards(2, false);
	set_ccw(0, 0x02, 0, 80, (uintptr_t)card);
	run(RDR);
	cp("CLOSE 00C HOLD");
	set_ccw(0, 0x02, 0, 80, (uintptr_t)card);
	report(run(RDR) == ST_UC, "CLOSE 00C HOLD: the file is held, the reader empty");
	cp("CHANGE RDR ALL KEEP NOHOLD");
	report(find((const char *)resp, "0001 FILES CHANGED") != 0,
	       "CHANGE RDR ALL KEEP NOHOLD: %s", (const char *)resp);
	set_ccw(0, 0x02, CCW_FLAG_CC, 80, (uintptr_t)card);
	set_ccw(1, 0x02, CCW_FLAG_CC, 80, (uintptr_t)card + 0);
	set_ccw(2, 0x02, 0, 80, (uintptr_t)card);
	st = run(RDR);
	report(st == ST_UE, "released, it is read again to its end (%04x)", st);
	/* KEEP: after its end the file stays, held */
	cp("QUERY RDR ALL");
	report(find((const char *)resp, " 00000002 001 USER ") != 0 &&
		   find((const char *)resp, " KEEP") != 0,
	       "a KEEP file stays after it is read, held");
	cp("PURGE RDR ALL");
	/* SPOOL 00C CONT: two files read as one, the unit exception after the last */
	punch_cards(1, false);
	punch_cards(1, false);
	cp("SPOOL 00C CONT");
	set_ccw(0, 0x02, CCW_FLAG_CC, 80, (uintptr_t)card);
	set_ccw(1, 0x02, 0, 80, (uintptr_t)card);
	st = run(RDR);
	report(st == ST_OK && is_card("CARD 1"), "CONT: a READ goes on into the next file (%04x)",
	       st);
	set_ccw(0, 0x02, 0, 80, (uintptr_t)card);
	st = run(RDR);
	report(st == ST_UE, "CONT: unit exception after the last file (%04x)", st);
	cp("SPOOL 00C NOCONT");
	/* hostile: data and channel program outside storage */
	punch_cards(1, false);
	set_ccw(0, 0x02, 0, 80, guest_env.storage_size + 0x1000);
	st = run(RDR);
	report((st & 0xff) == ST_PCHK,
	       "READ into storage that does not exist: program check "
	       "(%04x)",
	       st);
	st = run_at(RDR, (uint32_t)guest_env.storage_size);
	report((st & 0xff) == ST_PCHK, "a channel program outside storage: program check (%04x)",
	       st);
	cp("PURGE RDR ALL");
}

/* Two cards to another user, OPERATOR (its console shows the arrival message). */
static void to_operator(void)
{
	cp("SPOOL 00D TO OPERATOR");
	for (unsigned i = 1; i <= 2; i++) {
		text_card(i == 1 ? "FOR THE OPERATOR" : "SECOND");
		set_ccw(0, 0x41, 0, 80, (uintptr_t)card);
		report(run(PUN) == ST_OK, "a card for OPERATOR (CCW X'41')");
	}
	cp("CLOSE 00D NAME TO OPER");
	report(find((const char *)resp, "SENT TO   OPERATOR RDR AS") != 0, "CLOSE 00D: %s",
	       (const char *)resp);
	cp("SPOOL 00D TO *");
}

static void printer(void)
{
	text_card("A PRINTED LINE");
	set_ccw(0, 0x09, 0, 14, (uintptr_t)card);
	report(run(PRT) == ST_OK, "printer: write and space");
	set_ccw(0, 0x8b, 0, 1, (uintptr_t)card);
	report(run(PRT) == ST_OK, "printer: skip to channel 1");
	cp("CLOSE 00E");
	report(find((const char *)resp, "PRT FILE") != 0, "CLOSE 00E: %s", (const char *)resp);
	cp("QUERY PRT ALL");
	report(find((const char *)resp, " PRT 00000002 ") != 0, "QUERY PRT ALL shows 2 records");
	cp("PURGE PRT ALL");
}

/* IPLed from the reader: the subsystem ID at X'B8' names it and its subchannel is left
 * enabled (Linux's reader loader issues SSCH on it with no MSCH). */
static void ipl_subchannel(void)
{
	uint32_t sid = *(volatile uint32_t *)(uintptr_t)0xb8;

	if ((sid >> 16) != 1) {
		report_skip("not IPLed from an I/O device");
		return;
	}
	report(stsch(sid, &schib) == 0 && schib.pmcw.devno == 0x000c &&
		       (schib.pmcw.flags1 & PMCW1_ENABLED),
	       "IPL subchannel %08x: devno %04x, enabled (flags %02x)", sid, schib.pmcw.devno,
	       schib.pmcw.flags1);
}

int main(void)
{
	report_prefix_push("spool");
	if (!under_vm64()) {
		report_skip("no unit-record devices on a bare machine");
		report_prefix_pop();
		return report_summary();
	}
	ipl_subchannel();
	if (!find_devices()) {
		report(false, "reader, punch and printer at 00C, 00D, 00E");
		report_prefix_pop();
		return report_summary();
	}
	identify();
	reader_cards();
	to_operator();
	printer();
	report_prefix_pop();
	return report_summary();
}
