/*
 * A punch that fills the spool area (cp/spool/vur.c): cards to the punch until CP answers
 * unit check with intervention required (the spool is full; CP tells the user VMCSPL011E
 * once), then CLOSE 00D PURGE by DIAG X'08' gives the space back and a new card punches
 * again. Run by tests/system/test_spool.py (test_punch_fills_spool), which checks that the
 * rest of the system goes on and QUERY FILES shows the space back; skipped bare.
 */
#include <arch/cio.h>
#include <lib/ebcdic.h>
#include <lib/string.h>

#include "diag.h"
#include "guest.h"

#define PUNCH	  0x000d
#define ST_OK	  0x0c00
#define ST_UC	  0x0e00
#define MAX_CARDS 200000

static struct schib schib __attribute__((aligned(4)));
static struct orb orb __attribute__((aligned(8)));
static struct irb irb __attribute__((aligned(4)));
static struct ccw1 ccw __attribute__((aligned(8)));
static uint8_t card[80] __attribute__((aligned(8)));
static uint8_t cmdbuf[40], resp[512];
static uint32_t sch;

static unsigned run(uint8_t cmd, uint16_t count, void *data)
{
	ccw = (struct ccw1){
	    .cmd = cmd, .flags = CCW_FLAG_SLI, .count = count, .cda = (uint32_t)(uintptr_t)data};
	orb_format1(&orb, (uint32_t)(uintptr_t)&ccw, 0);
	if (ssch(sch, &orb) != 0 || tsch(sch, &irb) != 0)
		return 0xffff;
	return (unsigned)irb.scsw.dstat << 8 | irb.scsw.cstat;
}

static uint32_t cp(const char *text)
{
	uint32_t rc, len;
	size_t n = strlen(text);

	ascii_to_ebcdic(EBCDIC_CP037, cmdbuf, text, n);
	diag08((uintptr_t)cmdbuf, (uint32_t)n, (uintptr_t)resp, sizeof(resp), &rc, &len);
	return rc;
}

static bool find_punch(void)
{
	for (uint32_t n = 0; n < 64; n++)
		if (stsch(SCHID(n), &schib) == 0 && (schib.pmcw.flags1 & PMCW1_DEVNO_VALID) &&
		    schib.pmcw.devno == PUNCH) {
			schib.pmcw.flags1 |= PMCW1_ENABLED;
			sch = SCHID(n);
			return msch(sch, &schib) == 0;
		}
	return false;
}

int main(void)
{
	unsigned cards = 0, st = ST_OK;
	uint64_t t0, us;
	uint8_t sense = 0;

	report_prefix_push("spfill");
	if (!under_vm64()) {
		report_skip("no punch on a bare machine");
		report_prefix_pop();
		return report_summary();
	}
	if (!find_punch()) {
		report(false, "a punch at 00D");
		report_prefix_pop();
		return report_summary();
	}
	memset(card, 0xf1, sizeof(card));
	t0 = stck();
	while (cards < MAX_CARDS && (st = run(0x01, 80, card)) == ST_OK)
		cards++;
	us = (stck() - t0) / TOD_PER_US;
	report(st == ST_UC, "the spool filled after %u cards: unit check (%04x)", cards, st);
	report(run(0x04, 1, &sense) == ST_OK && sense == 0x40,
	       "sense: intervention required "
	       "(%02x)",
	       sense);
	report(run(0x01, 80, card) == ST_UC, "the next card: unit check again");
	report(cp("CLOSE 00D PURGE") == 0, "CLOSE 00D PURGE");
	report(run(0x01, 80, card) == ST_OK, "after the purge a card punches again");
	report(cp("CLOSE 00D PURGE") == 0, "CLOSE 00D PURGE");
	printf("spfill: %u cards filled the spool in %llu ms (%llu cards/s)\n", cards,
	       (unsigned long long)(us / 1000),
	       (unsigned long long)(us ? (uint64_t)cards * 1000000 / us : 0));
	report_prefix_pop();
	return report_summary();
}
