/*
 * ECHO: a conversational guest for the terminal tests. It says "ECHO READY n" on its virtual
 * console (a 3215 at subchannel 0), reads a line with a console READ - the user's status area
 * says VM READ meanwhile - and writes "ECHO: line" back, until it reads "quit". Exercises a
 * guest console read that waits for the user, and typed-ahead input.
 */
#include <lib/ebcdic.h>

#include "chan.h"
#include "guest.h"

#define CONSOLE	     SCHID(0)
#define CONSOLE_ISC  3
#define CMD_WRITE_CR 0x09
#define CMD_READ     0x0a
#define LINE_MAX     130

static struct schib schib __attribute__((aligned(4)));
static struct irb irb __attribute__((aligned(4)));
static struct ccw1 ccw __attribute__((aligned(8)));
static uint8_t buf[LINE_MAX] __attribute__((aligned(8)));

/* Runs one CCW on the console and waits, enabled for I/O only, for its ending status. */
static int console_ccw(uint8_t cmd, uint16_t count)
{
	ccw_set(&ccw, cmd, CCW_FLAG_SLI, count, buf);
	if (chan_start_wait(CONSOLE, &ccw, 0xec40, &irb) != 0)
		return -1;
	return count - irb.scsw.count;
}

static void say(const char *text)
{
	size_t len = strlen(text);

	if (len > LINE_MAX)
		len = LINE_MAX;
	ascii_to_ebcdic(EBCDIC_CP037, buf, text, len);
	console_ccw(CMD_WRITE_CR, (uint16_t)(len ? len : 1));
}

int main(void)
{
	char line[LINE_MAX + 1], out[LINE_MAX + 16];
	unsigned n = 0;

	if (stsch(CONSOLE, &schib) != 0)
		return 1;
	schib.pmcw.flags0 = (uint8_t)(CONSOLE_ISC << PMCW0_ISC_SHIFT);
	schib.pmcw.flags1 |= PMCW1_ENABLED;
	if (msch(CONSOLE, &schib) != 0)
		return 1;
	ctl_set_bits(6, CR6_ISC_MASK(CONSOLE_ISC));
	for (;;) {
		int len;

		ksnprintf(out, sizeof(out), "ECHO READY %u", ++n);
		say(out);
		len = console_ccw(CMD_READ, LINE_MAX);
		if (len < 0 || (irb.scsw.dstat & DEV_STAT_UNIT_EXCEP)) {
			/* Nobody at the console: wait a while and ask again. */
			wait_for_io(1000000);
			continue;
		}
		ebcdic_to_ascii(EBCDIC_CP037, line, buf, (size_t)len);
		line[len] = 0;
		if (!strcmp(line, "quit"))
			break;
		ksnprintf(out, sizeof(out), "ECHO: %s", line);
		say(out);
	}
	say("ECHO ENDS");
	return 0;
}
