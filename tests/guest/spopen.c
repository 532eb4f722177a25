/*
 * Output left open: 5 cards to the punch 00D and 3 lines to the printer 00E, and no CLOSE
 * (cp/spool/vur.c). The guest then ends (disabled wait) and stays logged on with both files
 * open, as a batch job does when the operator shuts the system down under it. Run by
 * tests/system/test_spool.py (test_shutdown_closes_open_output): after SHUTDOWN and a warm
 * start the files are there whole; after a kill of the emulator they are discarded, never
 * shown as complete. Skipped bare.
 */
#include <arch/cio.h>
#include <lib/ebcdic.h>
#include <lib/format.h>
#include <lib/string.h>

#include "chan.h"
#include "guest.h"

#define PUNCH	0x000d
#define PRINTER 0x000e
#define CARDS	5
#define LINES	3

static struct schib schib __attribute__((aligned(4)));
static struct ccw1 ccw __attribute__((aligned(8)));
static uint8_t buf[80] __attribute__((aligned(8)));

/* One record of @len bytes, the text @fmt gives padded with blanks, by command @cmd. */
static unsigned put(uint32_t sch, uint8_t cmd, unsigned len, const char *text)
{
	size_t n = strlen(text);

	memset(buf, 0x40, sizeof(buf));
	ascii_to_ebcdic(EBCDIC_CP037, buf, text, n < len ? n : len);
	ccw_set(&ccw, cmd, CCW_FLAG_SLI, (uint16_t)len, buf);
	return chan_run(sch, &ccw, 0);
}

static void write_records(uint16_t devno, uint8_t cmd, unsigned len, unsigned count,
			  const char *what)
{
	uint32_t sch;
	unsigned ok = 0;
	char text[40];

	if (!chan_find_devno(devno, 64, &sch, &schib) || !chan_enable(sch, &schib, 0)) {
		report(false, "a %s at %03X", what, devno);
		return;
	}
	for (unsigned i = 1; i <= count; i++) {
		ksnprintf(text, sizeof(text), "SPOPEN %s %u", what, i);
		ok += put(sch, cmd, len, text) == CHAN_ST_OK;
	}
	report(ok == count, "%u of %u %s records written, the file left open", ok, count, what);
}

int main(void)
{
	report_prefix_push("spopen");
	if (!under_vm64()) {
		report_skip("no punch or printer on a bare machine");
	} else {
		write_records(PUNCH, 0x01, 80, CARDS, "PUNCH");
		write_records(PRINTER, 0x09, 80, LINES, "PRINTER");
	}
	report_prefix_pop();
	return report_summary();
}
